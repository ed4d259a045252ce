"""imsmanifest.xml for SCORM 2004, 3rd or 4th Edition (IMS CP 1.1.4, ADL CP/SEQ/NAV 1.3, IMS SS, LOM).

The pass mark becomes the primary objective's minimum normalized measure, satisfied by measure:
the LMS decides passed or failed from cmi.score.scaled. A course package lets the learner choose
any module and rolls completion up: the course is complete when every module is.
"""
from __future__ import annotations

from lxml import etree

from builder.manifest.common import XSI, LomVocabulary, Sco, SharedFiles, add_item, add_resource, child, manifest_skeleton, sco_id
from builder.model import Course, Module

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LOM = "http://ltsc.ieee.org/xsd/LOM"
SCHEMA_LOCATIONS = " ".join([
    f"{IMSCP} imscp_v1p1.xsd", f"{ADLCP} adlcp_v1p3.xsd", f"{ADLSEQ} adlseq_v1p3.xsd",
    f"{ADLNAV} adlnav_v1p3.xsd", f"{IMSSS} imsss_v1p0.xsd", f"{LOM} lom.xsd",
])
METADATA = LomVocabulary(LOM, lifecycle="lifeCycle", restrictions="copyrightAndOtherRestrictions", langstrings=False)


def manifest_scorm2004(course: Course, module: Module | None, scos: list[Sco], shared: SharedFiles | None) -> bytes:
    nsmap = {None: IMSCP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "xsi": XSI}
    base, root, organization, resources = manifest_skeleton(course, module, IMSCP, nsmap, SCHEMA_LOCATIONS, METADATA)
    organization.set(f"{{{ADLSEQ}}}objectivesGlobalToSystem", "false")     # no objective leaks across courses
    for sco in scos:
        own = sco_id(base, sco, module)
        item = add_item(organization, IMSCP, own, sco.module.title)
        item.append(_item_sequencing(own, sco.mastery))
        add_resource(resources, IMSCP, f"{{{ADLCP}}}scormType", f"{own}-sco", "sco", sco.launch, sco.files, sco.dependencies)
    organization.append(_organization_sequencing(course_package=module is None))
    if shared is not None:
        add_resource(resources, IMSCP, f"{{{ADLCP}}}scormType", shared.identifier, "asset", None, shared.files, [])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _item_sequencing(sco_id: str, mastery: int | None) -> etree._Element:
    sequencing = etree.Element(f"{{{IMSSS}}}sequencing")
    if mastery is not None:
        objectives = _ss(sequencing, "objectives")
        primary = _ss(objectives, "primaryObjective", objectiveID=f"{sco_id}-mastery", satisfiedByMeasure="true")
        _ss(primary, "minNormalizedMeasure").text = _decimal(mastery / 100)
    _ss(sequencing, "deliveryControls", completionSetByContent="true", objectiveSetByContent="true")
    return sequencing


def _organization_sequencing(course_package: bool) -> etree._Element:
    sequencing = etree.Element(f"{{{IMSSS}}}sequencing")
    _ss(sequencing, "controlMode", choice="true", flow="true")
    if course_package:
        rules = _ss(sequencing, "rollupRules")
        rule = _ss(rules, "rollupRule", childActivitySet="all")
        _ss(_ss(rule, "rollupConditions"), "rollupCondition", condition="completed")
        _ss(rule, "rollupAction", action="completed")
    return sequencing


def _decimal(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def _cp(parent, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    return child(parent, IMSCP, tag, text, **attributes)


def _ss(parent, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{IMSSS}}}{tag}", attributes)
