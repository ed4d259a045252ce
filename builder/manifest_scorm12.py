"""imsmanifest.xml for SCORM 1.2 (IMS Content Packaging 1.1.2, ADL CP 1.2, IMS metadata 1.2.1)."""
from __future__ import annotations

from lxml import etree

from builder.manifest import add_resource, XML_LANG, XSI, Sco, SharedFiles, describe, identifier, package_id
from builder.model import Course, Module

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCHEMA_LOCATIONS = f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"


def manifest_scorm12(course: Course, module: Module | None, scos: list[Sco], shared: SharedFiles | None) -> bytes:
    base = package_id(course, module)
    root = etree.Element(f"{{{IMSCP}}}manifest", nsmap={None: IMSCP, "adlcp": ADLCP, "xsi": XSI},
                         identifier=base, version=course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATIONS)
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "ADL SCORM")
    _sub(metadata, "schemaversion", course.scorm.schema_version)
    metadata.append(_lom(course, module))

    organizations = _sub(root, "organizations", default=f"{base}-org")
    organization = _sub(organizations, "organization", identifier=f"{base}-org")
    _sub(organization, "title", course.title)
    resources = _sub(root, "resources")
    for sco in scos:
        sco_id = identifier(base, sco.module.id) if module is None else base
        item = _sub(organization, "item", identifier=f"{sco_id}-item", identifierref=f"{sco_id}-sco", isvisible="true")
        _sub(item, "title", sco.module.title)
        if sco.mastery is not None:
            etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(sco.mastery)
        add_resource(resources, IMSCP, f"{{{ADLCP}}}scormtype", f"{sco_id}-sco", "sco", sco.launch, sco.files, sco.dependencies)
    if shared is not None:
        add_resource(resources, IMSCP, f"{{{ADLCP}}}scormtype", shared.identifier, "asset", None, shared.files, [])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _lom(course: Course, module: Module | None) -> etree._Element:
    """IMS Learning Resource Meta-data 1.2.1: title, language, description, keywords, version, rights."""
    title, description, keywords = describe(course, module)
    lom = etree.Element(f"{{{IMSMD}}}lom", nsmap={None: IMSMD})
    general = _md(lom, "general")
    _langstring(_md(general, "title"), title, course.language)
    _md(general, "language", course.language)
    if description:
        _langstring(_md(general, "description"), description, course.language)
    for keyword in keywords:
        _langstring(_md(general, "keyword"), keyword, course.language)
    _langstring(_md(_md(lom, "lifecycle"), "version"), course.version, "x-none")
    if course.license:
        rights = _md(lom, "rights")
        restrictions = _md(rights, "copyrightandotherrestrictions")
        _langstring(_md(restrictions, "source"), "LOMv1.0", "x-none")
        _langstring(_md(restrictions, "value"), "yes", "x-none")
        _langstring(_md(rights, "description"), course.license, course.language)
    return lom


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{IMSCP}}}{tag}", attributes)
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
