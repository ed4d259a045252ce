"""A module as a SCORM activity: scorm.xml (the settings, and the SCOs Moodle would read from the
manifest), the package in the `package` file area and its unpacked files in `content`.

Moodle's restore does not read the package again: it takes the SCOs (mdl_scorm_scoes and their data)
and the unpacked files from the backup, so both are written here from the package coursekit built.
SCOs follow Moodle's SCORM 1.2 reader (mod/scorm/datamodels/scormlib.php): one row for the
organization, one per item, with the item's data (isvisible, parameters, masteryscore...).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lxml import etree

from builder.mbz.files import StoredFile, area_files
from builder.mbz.xml import C, E, Element
from builder.moodle_settings import MoodleSettings
from builder.output import Output
from builder.package import MANIFEST, Package

SCORM_TYPE = {"1.2": "SCORM_1.2"}
ITEM_DATA = ("prerequisites", "maxtimeallowed", "timelimitaction", "datafromlms", "masteryscore")   # adlcp: children of an item
IMSCP, ADLCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.adlnet.org/xsd/adlcp_rootv1p2"


@dataclass(frozen=True)
class Sco:
    identifier: str
    organization: str
    parent: str
    launch: str
    scormtype: str
    title: str
    data: tuple[tuple[str, str], ...] = ()


def scoes(manifest: bytes) -> list[Sco]:
    """The rows Moodle's SCORM 1.2 reader makes of a manifest, in its order."""
    root = etree.fromstring(manifest)
    ns = {"cp": IMSCP, "adlcp": ADLCP}
    hrefs = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", ns)}
    rows = []
    for organization in root.iterfind("cp:organizations/cp:organization", ns):
        org = organization.get("identifier")
        rows.append(Sco(org, "", "/", "", "", organization.findtext("cp:title", "", ns)))
        rows.extend(_items(organization, org, org, hrefs, ns))
    return rows


def _items(parent: etree._Element, parent_id: str, org: str, resources: dict, ns: dict) -> list[Sco]:
    rows = []
    for item in parent.iterfind("cp:item", ns):
        resource = resources.get(item.get("identifierref"))
        parameters = item.get("parameters", "")
        data = [("isvisible", item.get("isvisible", "true")), ("parameters", parameters)]
        data += [(name, item.findtext(f"adlcp:{name}", None, ns)) for name in ITEM_DATA if item.find(f"adlcp:{name}", ns) is not None]
        launch = (resource.get("href", "") + parameters) if resource is not None else ""
        scormtype = resource.get(f"{{{ADLCP}}}scormtype", "") if resource is not None else ""
        rows.append(Sco(item.get("identifier"), org, parent_id, launch, scormtype, item.findtext("cp:title", "", ns), tuple(data)))
        rows.extend(_items(item, item.get("identifier"), org, resources, ns))
    return rows


def package_files(package: Package, zip_bytes: bytes, contextid: int, next_id) -> list[StoredFile]:
    """The package itself, then every file of it unpacked, as Moodle stores them after an upload."""
    content = {MANIFEST: package.manifest}
    for file in package.files:
        content[file.path] = file.data if file.data is not None else file.source.read_bytes()
    return (area_files({Output.name(package): zip_bytes}, next_id, contextid, "mod_scorm", "package")
            + area_files(content, next_id, contextid, "mod_scorm", "content"))


def scorm_activity(*, instance: int, cmid: int, contextid: int, name: str, intro: str, package: Package, zip_sha1: str,
                   settings: MoodleSettings, sco_ids: list[int], data_ids, launch_index: int) -> Element:
    rows = scoes(package.manifest)
    manifest_id = etree.fromstring(package.manifest).get("identifier")
    return C("activity", [C("scorm", [
        E("name", name), E("scormtype", "local"), E("reference", Output.name(package)), E("intro", intro), E("introformat", 1),
        E("version", SCORM_TYPE[package.course.scorm.name]), E("maxgrade", settings.maxgrade), E("grademethod", settings.grademethod),
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
        C("scoes", [_sco(row, sco_id, manifest_id, index + 1, data_ids) for index, (row, sco_id) in enumerate(zip(rows, sco_ids))]),
    ], id=instance)], id=instance, moduleid=cmid, modulename="scorm", contextid=contextid)


def launch_index(manifest: bytes) -> int:
    """Which SCO Moodle launches: the first that has a page."""
    return next(index for index, row in enumerate(scoes(manifest)) if row.launch)


def _sco(row: Sco, sco_id: int, manifest_id: str, sortorder: int, data_ids) -> Element:
    return C("sco", [
        E("manifest", manifest_id), E("organization", row.organization), E("parent", row.parent),
        E("identifier", row.identifier), E("launch", row.launch), E("scormtype", row.scormtype), E("title", row.title),
        E("sortorder", sortorder),
        C("sco_datas", [C("sco_data", [E("name", name), E("value", value)], id=data_ids()) for name, value in row.data]),
        C("seq_ruleconds"), C("seq_rolluprules"), C("seq_objectives"), C("sco_tracks"),
    ], id=sco_id)


def sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()
