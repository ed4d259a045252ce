"""A SCORM package as Moodle imports it: its version, and each SCO of the default organization in order,
with what the player hands it (mastery score, launch data, the objectives of its sequencing)."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from builder.files import Limit, Refusal, read_bytes
from builder.package import MANIFEST

MAX_MANIFEST = 4 << 20          # bytes of imsmanifest.xml read
MANIFEST_LIMIT = Limit(MAX_MANIFEST, "manifest-too-large", "a manifest may have", "is it a SCORM package?")
SCORM_12, SCORM_2004 = "SCORM_1.2", "SCORM_1.3"   # Moodle's scorm.version values


class PackageError(Exception):
    """The zip (or folder) is not a SCORM package this LMS can play."""


@dataclass(frozen=True)
class Sco:
    identifier: str                  # the item's identifier (Moodle's scorm_scoes.identifier)
    title: str
    launch: str                      # the resource's href, inside the package
    mastery_score: str = ""          # SCORM 1.2 adlcp:masteryscore
    launch_data: str = ""            # adlcp:datafromlms
    objectives: tuple[str, ...] = ()               # SCORM 2004: primary objective first
    min_normalized_measure: str = ""               # SCORM 2004: the primary objective's, as written


@dataclass(frozen=True)
class ImportedPackage:
    version: str                     # SCORM_12 or SCORM_2004
    edition: str                     # the manifest's schemaversion
    scos: tuple[Sco, ...] = field(default_factory=tuple)

    @property
    def is_2004(self) -> bool:
        return self.version == SCORM_2004

    def sco(self, identifier: str) -> Sco | None:
        return next((sco for sco in self.scos if sco.identifier == identifier), None)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def children(node, name: str) -> list:
    return [child for child in node if local(child.tag).lower() == name.lower()]


def child_text(node, name: str) -> str:
    found = children(node, name)
    return (found[0].text or "").strip() if found else ""


def read_zip_manifest(zip_path: Path) -> ImportedPackage:
    """The manifest of a package as uploaded: a zip."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST:
                raise PackageError(f"{zip_path.name}: {MANIFEST} is over {MAX_MANIFEST} bytes")
            return parse_manifest(archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile) as error:
        raise PackageError(f"{zip_path.name}: not a SCORM package ({error})") from None


def read_folder_manifest(folder: Path) -> ImportedPackage:
    """The manifest of a package unpacked in `folder` (as Moodle keeps it, as the preview writes it)."""
    data = read_bytes(folder / MANIFEST, folder, MANIFEST_LIMIT, MANIFEST)
    if isinstance(data, Refusal):
        raise PackageError(f"{folder.name}: not a SCORM package ({data.message})")
    return parse_manifest(data)


def parse_manifest(text: bytes) -> ImportedPackage:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise PackageError(f"{MANIFEST}: {error}") from None
    metadata = children(root, "metadata")
    edition = child_text(metadata[0], "schemaversion") if metadata else ""
    version = SCORM_2004 if edition.startswith("2004") or edition.startswith("CAM 1.3") else SCORM_12
    resources = {res.get("identifier"): res for block in children(root, "resources") for res in children(block, "resource")}
    organizations = children(root, "organizations")
    if not organizations:
        raise PackageError("imsmanifest.xml has no organizations")
    default = organizations[0].get("default")
    orgs = children(organizations[0], "organization")
    org = next((o for o in orgs if o.get("identifier") == default), orgs[0] if orgs else None)
    if org is None:
        raise PackageError("imsmanifest.xml has no organization")
    scos = tuple(sco_of(item, resources) for item in org.iter() if local(item.tag) == "item" and launchable(item, resources))
    return ImportedPackage(version, edition, scos)


def launchable(item, resources) -> bool:
    resource = resources.get(item.get("identifierref"))
    return resource is not None and scorm_type(resource) == "sco" and bool(resource.get("href"))


def scorm_type(resource) -> str:
    for name, value in resource.attrib.items():
        if local(name).lower() == "scormtype":
            return value.lower()
    return ""


def sco_of(item, resources) -> Sco:
    resource = resources[item.get("identifierref")]
    objectives, measure = (), ""
    for sequencing in children(item, "sequencing"):
        for block in children(sequencing, "objectives"):
            primary = children(block, "primaryObjective")
            ordered = primary + children(block, "objective")
            objectives = tuple(o.get("objectiveID") for o in ordered if o.get("objectiveID"))
            if primary:
                measure = child_text(primary[0], "minNormalizedMeasure")
    launch = resource.get("href") + (item.get("parameters") or "")
    return Sco(item.get("identifier"), child_text(item, "title"), launch, child_text(item, "masteryscore"),
               child_text(item, "datafromlms"), objectives, measure)
