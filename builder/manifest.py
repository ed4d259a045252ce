"""imsmanifest.xml: what the package holds and how an LMS launches it, for SCORM 1.2 and 2004.

A package holds one SCO per module (one for a module package, several for a course package) and,
in a course package, the runtime files the SCOs share. Identifiers derive from the course id, module
ids and version, never random: the same sources give the same manifest, and Moodle recognises an
updated package's SCOs as the same ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from builder.model import Course, Module

NOT_NCNAME = re.compile(r"[^A-Za-z0-9._-]")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def identifier(*parts: str) -> str:
    """An XML ID (NCName) from ids and a version: '1.0+rc' → '1.0_rc'."""
    return NOT_NCNAME.sub("_", "-".join(parts))


@dataclass
class Sco:
    """One launchable module: its launch page and every file it uses, relative to the package root."""

    module: Module
    launch: str
    files: list[str]
    mastery: int | None                 # the pass mark, for scored modules
    dependencies: list[str] = field(default_factory=list)   # identifiers of shared resources


@dataclass
class SharedFiles:
    """Files several SCOs use (a course package's runtime), listed once as an asset resource."""

    identifier: str
    files: list[str]


def add_resource(parent, namespace: str, scorm_type: str, resource_id: str, kind: str, launch: str | None,
                 files: list[str], dependencies: list[str]) -> None:
    """A <resource> with its files and dependencies; `scorm_type` is the version's attribute
    ({adlcp 1.2}scormtype or {adlcp 1.3}scormType), set to "sco" or "asset"."""
    attributes = {"identifier": resource_id, "type": "webcontent", **({"href": launch} if launch else {})}
    resource = etree.SubElement(parent, f"{{{namespace}}}resource", attributes)
    resource.set(scorm_type, kind)
    for name in files:
        etree.SubElement(resource, f"{{{namespace}}}file", href=name)
    for dependency in dependencies:
        etree.SubElement(resource, f"{{{namespace}}}dependency", identifierref=dependency)


def package_id(course: Course, module: Module | None) -> str:
    return identifier(course.id, *([module.id] if module else []), "v" + course.version)


def write_manifest(course: Course, module: Module | None, scos: list[Sco], shared: SharedFiles | None) -> bytes:
    """`module` None: a course package, titled by the course."""
    from builder.manifest_scorm12 import manifest_scorm12
    from builder.manifest_scorm2004 import manifest_scorm2004

    write = {"scorm12": manifest_scorm12, "scorm2004": manifest_scorm2004}[course.scorm.manifest_writer]
    return write(course, module, scos, shared)


def describe(course: Course, module: Module | None) -> tuple[str, str, list[str]]:
    """Title, description and keywords of a package, for its metadata."""
    if module is None:
        return course.title, course.description, list(course.keywords)
    return module.title, module.description or course.description, list(dict.fromkeys([*course.keywords, *module.keywords]))
