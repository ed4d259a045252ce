"""imsmanifest.xml for SCORM 1.2 (IMS Content Packaging 1.1.2, ADL CP 1.2, IMS metadata 1.2.1)."""
from __future__ import annotations

from lxml import etree

from builder.manifest.common import XSI, LomVocabulary, Sco, SharedFiles, add_item, add_resource, manifest_skeleton, sco_id
from builder.model import Course, Module

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCHEMA_LOCATIONS = f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
METADATA = LomVocabulary(IMSMD, lifecycle="lifecycle", restrictions="copyrightandotherrestrictions", langstrings=True)


def manifest_scorm12(course: Course, module: Module | None, scos: list[Sco], shared: SharedFiles | None) -> bytes:
    base, root, organization, resources = manifest_skeleton(
        course, module, IMSCP, {None: IMSCP, "adlcp": ADLCP, "xsi": XSI}, SCHEMA_LOCATIONS, METADATA)
    for sco in scos:
        own = sco_id(base, sco, module)
        item = add_item(organization, IMSCP, own, sco.module.title)
        if sco.mastery is not None:
            etree.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(sco.mastery)
        add_resource(resources, IMSCP, f"{{{ADLCP}}}scormtype", f"{own}-sco", "sco", sco.launch, sco.files, sco.dependencies)
    if shared is not None:
        add_resource(resources, IMSCP, f"{{{ADLCP}}}scormtype", shared.identifier, "asset", None, shared.files, [])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

