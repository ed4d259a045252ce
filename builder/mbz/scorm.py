"""A module as a SCORM activity: scorm.xml (the settings, and the SCOs Moodle would read from the
manifest), the package in the `package` file area and its unpacked files in `content`.

Moodle's restore does not read the package again: it takes the SCOs (mdl_scorm_scoes and their data)
and the unpacked files from the backup, so both are written here from the package coursekit built.
SCOs follow Moodle's manifest reader (mod/scorm/datamodels/scormlib.php, the same for SCORM 1.2 and
2004): one row for the organization, one per item, with the item's data (isvisible, parameters,
masteryscore; in 2004 the sequencing flags) and, in 2004, its objectives (the pass mark). A 2004
package is stored as SCORM_1.3, as Moodle does for "2004 3rd/4th Edition".
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lxml import etree

from builder.mbz.files import StoredFile, area_files
from builder.mbz.xml import C, E, Element, decimal
from builder.moodle_settings import MoodleSettings
from builder.output import Output
from builder.package import MANIFEST, Package

# scorm.version as Moodle's reader sets it from <schemaversion>: "2004 3rd/4th Edition" is SCORM_1.3
MOODLE_VERSION = {"scorm12": "SCORM_1.2", "scorm2004": "SCORM_1.3"}      # by ScormVersion.manifest_writer
ITEM_TEXT = ("maxtimeallowed", "timelimitaction", "datafromlms", "masteryscore")     # adlcp: children kept as text
# Sequencing attributes Moodle keeps as a SCO's data, 1 or 0 (imsss:controlMode, deliveryControls...), in its order
SEQUENCING_FLAGS = {
    "controlmode": ("choice", "choiceexit", "flow", "forwardonly", "usecurrentattemptobjectinfo", "usecurrentattemptprogressinfo"),
    "deliverycontrols": ("tracked", "completionsetbycontent", "objectivesetbycontent"),
    "constrainedchoiceconsiderations": ("constrainChoice", "preventactivation"),
}


@dataclass(frozen=True)
class Objective:
    """An imsss objective of a SCORM 2004 item (mdl_scorm_seq_objective)."""

    primary: bool
    identifier: str
    satisfied_by_measure: bool
    min_normalized_measure: float


@dataclass(frozen=True)
class Sco:
    identifier: str
    organization: str
    parent: str
    launch: str
    scormtype: str
    title: str
    data: tuple[tuple[str, str | int], ...] = ()
    objectives: tuple[Objective, ...] = ()


def scoes(manifest: bytes) -> list[Sco]:
    """The rows Moodle's manifest reader (mod/scorm/datamodels/scormlib.php, for SCORM 1.2 and 2004 alike)
    makes of a manifest, in its order: one per organization, then one per item, with their data.
    Like Moodle's, it reads elements by name whatever their namespace."""
    root = etree.fromstring(manifest)
    resources = {r.get("identifier"): r for r in _all(_first(root, "resources"), "resource")}
    rows = []
    for organization in _all(_first(root, "organizations"), "organization"):
        org = organization.get("identifier")
        data, _ = _sequencing(organization)
        rows.append(Sco(org, "", "/", "", "", _title(organization), tuple(data)))
        rows.extend(_items(organization, org, org, resources))
    return rows


def _items(parent: etree._Element, parent_id: str, org: str, resources: dict) -> list[Sco]:
    rows = []
    for item in _all(parent, "item"):
        resource = resources.get(item.get("identifierref"))
        parameters = item.get("parameters", "")
        data: list[tuple[str, str | int]] = [("isvisible", item.get("isvisible", "true")), ("parameters", parameters)]
        for child in item:
            name = _name(child)
            if name in ITEM_TEXT:
                data.append((name, child.text or ""))
            elif name == "prerequisites" and child.get("type") == "aicc_script":
                data.append((name, child.text or ""))
            elif name == "completionthreshold":
                data.append(("threshold", child.get("minProgressMeasure", "1.0")))
        flags, objectives = _sequencing(item)
        launch = (resource.get("href", "") + parameters) if resource is not None else ""
        scormtype = next((v for k, v in resource.attrib.items() if _name(k) == "scormtype"), "") if resource is not None else ""
        rows.append(Sco(item.get("identifier"), org, parent_id, launch, scormtype, _title(item), tuple(data + flags),
                        tuple(objectives)))
        rows.extend(_items(item, item.get("identifier"), org, resources))
    return rows


def _sequencing(element: etree._Element) -> tuple[list[tuple[str, int]], list[Objective]]:
    """The sequencing data Moodle keeps of an organization's or item's imsss:sequencing, and its objectives."""
    flags, objectives = [], []
    for sequencing in _all(element, "sequencing"):
        for child in sequencing:
            attributes = {_name(k): v for k, v in child.attrib.items()}
            for flag in SEQUENCING_FLAGS.get(_name(child), ()):
                if flag.lower() in attributes:
                    flags.append((flag, int(attributes[flag.lower()] == "true")))
            if _name(child) == "objectives":
                objectives += [_objective(objective) for objective in child if _name(objective) in ("primaryobjective", "objective")]
    return flags, objectives


def _objective(objective: etree._Element) -> Objective:
    measure = next((m.text for m in objective if _name(m) == "minnormalizedmeasure"), "1.0")
    return Objective(_name(objective) == "primaryobjective", objective.get("objectiveID", ""),
                     objective.get("satisfiedByMeasure") == "true", float(measure or 0))


def _name(node) -> str:
    """An element's or attribute's name without its namespace, in lower case (Moodle's parser folds case)."""
    return etree.QName(node).localname.lower()


def _all(parent: etree._Element | None, name: str) -> list[etree._Element]:
    return [child for child in (parent if parent is not None else ()) if isinstance(child.tag, str) and _name(child) == name]


def _first(parent: etree._Element, name: str) -> etree._Element | None:
    found = _all(parent, name)
    return found[0] if found else None


def _title(element: etree._Element) -> str:
    title = _first(element, "title")
    return title.text or "" if title is not None else ""


def package_files(package: Package, zip_bytes: bytes, contextid: int, next_id) -> list[StoredFile]:
    """The package itself, then every file of it unpacked, as Moodle stores them after an upload."""
    content = {MANIFEST: package.manifest}
    for file in package.files:
        content[file.path] = file.data if file.data is not None else file.source.read_bytes()
    return (area_files({Output.name(package): zip_bytes}, next_id, contextid, "mod_scorm", "package")
            + area_files(content, next_id, contextid, "mod_scorm", "content"))


def scorm_activity(*, instance: int, cmid: int, contextid: int, name: str, intro: str, package: Package, zip_sha1: str,
                   settings: MoodleSettings, sco_ids: list[int], data_ids, objective_ids, launch_index: int) -> Element:
    rows = scoes(package.manifest)
    manifest_id = etree.fromstring(package.manifest).get("identifier")
    return C("activity", [C("scorm", [
        E("name", name), E("scormtype", "local"), E("reference", Output.name(package)), E("intro", intro), E("introformat", 1),
        E("version", MOODLE_VERSION[package.course.scorm.manifest_writer]), E("maxgrade", settings.maxgrade), E("grademethod", settings.grademethod),
        E("whatgrade", settings.whatgrade), E("maxattempt", settings.maxattempt), E("forcecompleted", int(settings.forcecompleted)),
        E("forcenewattempt", settings.forcenewattempt), E("lastattemptlock", 0), E("masteryoverride", int(settings.masteryoverride)),
        E("displayattemptstatus", 1), E("displaycoursestructure", 0), E("updatefreq", 0), E("sha1hash", zip_sha1),
        E("md5hash", ""), E("revision", 1), E("launch", sco_ids[launch_index]), E("skipview", settings.skipview),
        E("hidebrowse", 1), E("hidetoc", settings.hidetoc), E("nav", settings.nav), E("navpositionleft", -100),
        E("navpositiontop", -100), E("auto", int(settings.auto)), E("popup", 0), E("options", ""), E("width", 100), E("height", 500),
        E("timeopen", 0), E("timeclose", 0), E("timemodified", 0),
        E("completionstatusrequired", settings.completionstatusrequired),
        E("completionscorerequired", settings.completionscorerequired),
        E("completionstatusallscos", int(settings.completionstatusallscos)), E("autocommit", 0),
        C("scoes", [_sco(row, sco_id, manifest_id, index + 1, data_ids, objective_ids)
                    for index, (row, sco_id) in enumerate(zip(rows, sco_ids))]),
    ], id=instance)], id=instance, moduleid=cmid, modulename="scorm", contextid=contextid)


def launch_index(manifest: bytes) -> int:
    """Which SCO Moodle launches: the first that has a page."""
    return next(index for index, row in enumerate(scoes(manifest)) if row.launch)


def _sco(row: Sco, sco_id: int, manifest_id: str, sortorder: int, data_ids, objective_ids) -> Element:
    return C("sco", [
        E("manifest", manifest_id), E("organization", row.organization), E("parent", row.parent),
        E("identifier", row.identifier), E("launch", row.launch), E("scormtype", row.scormtype), E("title", row.title),
        E("sortorder", sortorder),
        C("sco_datas", [C("sco_data", [E("name", name), E("value", value)], id=data_ids()) for name, value in row.data]),
        C("seq_ruleconds"), C("seq_rolluprules"),
        C("seq_objectives", [C("seq_objective", [
            E("primaryobj", int(o.primary)), E("objectiveid", o.identifier), E("satisfiedbymeasure", int(o.satisfied_by_measure)),
            E("minnormalizedmeasure", decimal(o.min_normalized_measure, 4)), C("seq_mapinfos")], id=objective_ids())
            for o in row.objectives]),
        C("sco_tracks"),
    ], id=sco_id)


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()
