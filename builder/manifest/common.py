"""What both SCORM versions' manifests share: identifiers, SCOs and shared files, the item and
resource writers, and the learning-object metadata (written in each version's vocabulary).

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


def package_id(course: Course, module: Module | None) -> str:
    return identifier(course.id, *([module.id] if module else []), "v" + course.version)


def sco_id(base: str, sco: Sco, module: Module | None) -> str:
    """A module package's one SCO is the package; a course package's are named by module."""
    return identifier(base, sco.module.id) if module is None else base


def add_item(organization, namespace: str, sco_identifier: str, title: str):
    """The organization's <item> that launches a SCO."""
    item = etree.SubElement(organization, f"{{{namespace}}}item", identifier=f"{sco_identifier}-item",
                            identifierref=f"{sco_identifier}-sco", isvisible="true")
    etree.SubElement(item, f"{{{namespace}}}title").text = title
    return item


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


def describe(course: Course, module: Module | None) -> tuple[str, str, list[str]]:
    """Title, description and keywords of a package, for its metadata."""
    if module is None:
        return course.title, course.description, list(course.keywords)
    return module.title, module.description or course.description, list(dict.fromkeys([*course.keywords, *module.keywords]))


@dataclass(frozen=True)
class LomVocabulary:
    """How a version's metadata schema spells the same LOM: IMS metadata 1.2.1 for SCORM 1.2,
    IEEE LOM for 2004 (camelCase names; a <string language=...> in place of <langstring xml:lang=...>)."""

    namespace: str
    lifecycle: str
    restrictions: str
    langstrings: bool                    # 1.2: <langstring xml:lang>, and vocabulary values as langstrings too


def lom(course: Course, module: Module | None, words: LomVocabulary) -> etree._Element:
    """Title, language, description, keywords, version, rights."""
    title, description, keywords = describe(course, module)
    ns = words.namespace
    sub = lambda parent, tag: etree.SubElement(parent, f"{{{ns}}}{tag}")  # noqa: E731

    def text(parent, value: str, language: str) -> None:
        if words.langstrings:
            etree.SubElement(parent, f"{{{ns}}}langstring", {XML_LANG: language}).text = value
        else:
            etree.SubElement(parent, f"{{{ns}}}string", language=language).text = value

    def value(parent, tag: str, content: str) -> None:          # a vocabulary value
        if words.langstrings:
            text(sub(parent, tag), content, "x-none")
        else:
            sub(parent, tag).text = content

    root = etree.Element(f"{{{ns}}}lom", nsmap={None: ns})
    general = sub(root, "general")
    text(sub(general, "title"), title, course.language)
    sub(general, "language").text = course.language
    if description:
        text(sub(general, "description"), description, course.language)
    for keyword in keywords:
        text(sub(general, "keyword"), keyword, course.language)
    text(sub(sub(root, words.lifecycle), "version"), course.version, "x-none")
    if course.license:
        rights = sub(root, "rights")
        restrictions = sub(rights, words.restrictions)
        value(restrictions, "source", "LOMv1.0")
        value(restrictions, "value", "yes")
        text(sub(rights, "description"), course.license, course.language)
    return root


def manifest_skeleton(course: Course, module: Module | None, namespace: str, nsmap: dict, schema_locations: str,
                      words: LomVocabulary):
    """What every manifest starts with: the root, its metadata, one organization with its title, and
    the resources element; returns (package id, root, organization, resources) for the writer to fill."""
    base = package_id(course, module)
    root = etree.Element(f"{{{namespace}}}manifest", nsmap=nsmap, identifier=base, version=course.version)
    root.set(f"{{{XSI}}}schemaLocation", schema_locations)
    metadata = child(root, namespace, "metadata")
    child(metadata, namespace, "schema", "ADL SCORM")
    child(metadata, namespace, "schemaversion", course.scorm.schema_version)
    metadata.append(lom(course, module, words))
    organizations = child(root, namespace, "organizations", default=f"{base}-org")
    organization = child(organizations, namespace, "organization", identifier=f"{base}-org")
    child(organization, namespace, "title", course.title)
    return base, root, organization, child(root, namespace, "resources")


def child(parent: etree._Element, namespace: str, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element
