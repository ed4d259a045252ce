"""imsmanifest.xml for a SCORM 1.2 package: one organization, one item, one SCO resource.

Identifiers are derived from the course id, module id and version, never random, so the same
sources always give the same manifest (and Moodle recognises an updated package as the same SCO).
"""
from __future__ import annotations

import re
from typing import Sequence

from lxml import etree

from builder.model import Course, Module

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATIONS = (
    f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)
NOT_NCNAME = re.compile(r"[^A-Za-z0-9._-]")


def identifier(*parts: str) -> str:
    """An XML ID (NCName) from ids and a version: '1.0+rc' → '1.0_rc'."""
    return NOT_NCNAME.sub("_", "-".join(parts))


def manifest_scorm12(course: Course, module: Module, launch: str, files: Sequence[str]) -> bytes:
    base = identifier(course.id, module.id, "v" + course.version)
    root = etree.Element(f"{{{IMSCP}}}manifest", nsmap={None: IMSCP, "adlcp": ADLCP, "xsi": XSI},
                         identifier=base, version=course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATIONS)
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "ADL SCORM")
    _sub(metadata, "schemaversion", "1.2")
    metadata.append(_lom(course, module))

    organizations = _sub(root, "organizations", default=f"{base}-org")
    organization = _sub(organizations, "organization", identifier=f"{base}-org")
    _sub(organization, "title", course.title)
    item = _sub(organization, "item", identifier=f"{base}-item", identifierref=f"{base}-sco", isvisible="true")
    _sub(item, "title", module.title)
    mastery = course.mastery_score_for(module)
    if mastery is not None:
        etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(mastery)

    resources = _sub(root, "resources")
    resource = _sub(resources, "resource", identifier=f"{base}-sco", type="webcontent", href=launch)
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for name in files:
        _sub(resource, "file", href=name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _lom(course: Course, module: Module) -> etree._Element:
    """IMS Learning Resource Meta-data 1.2.1: title, language, description, keywords, version, rights."""
    lom = etree.Element(f"{{{IMSMD}}}lom", nsmap={None: IMSMD})
    general = _md(lom, "general")
    _langstring(_md(general, "title"), module.title, course.language)
    _md(general, "language", course.language)
    if module.description or course.description:
        _langstring(_md(general, "description"), module.description or course.description, course.language)
    for keyword in dict.fromkeys([*course.keywords, *module.keywords]):
        _langstring(_md(general, "keyword"), keyword, course.language)
    lifecycle = _md(lom, "lifecycle")
    _langstring(_md(lifecycle, "version"), course.version, "x-none")
    if course.license:
        rights = _md(lom, "rights")
        restrictions = _md(rights, "copyrightandotherrestrictions")
        _langstring(_md(restrictions, "source"), "LOMv1.0", "x-none")
        _langstring(_md(restrictions, "value"), "yes", "x-none")
        _langstring(_md(rights, "description"), course.license, course.language)
    return lom


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{IMSCP}}}{tag}", {k: v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _md(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{IMSMD}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _langstring(parent: etree._Element, text: str, language: str) -> None:
    etree.SubElement(parent, f"{{{IMSMD}}}langstring", {XML_LANG: language}).text = text
