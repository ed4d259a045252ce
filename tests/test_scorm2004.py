"""SCORM 2004 and whole-course packages: manifests checked against both editions' schemas."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from builder.build import build
from builder.cli import main
from builder.diagnostics import Diagnostics
from builder.scorm_schemas import validate_manifest
from tests.conftest import COURSE_YML, FIXTURES, REPO_ROOT, one_module_course

NS = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
      "imsss": "http://www.imsglobal.org/xsd/imsss", "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
      "lom": "http://ltsc.ieee.org/xsd/LOM"}
SOURCES = [REPO_ROOT / "courses", FIXTURES / "courses" / "quiz", FIXTURES / "courses" / "sample"]


def manifests(tmp_path, scorm: str, whole_course: bool) -> dict[str, bytes]:
    diagnostics = Diagnostics()
    result = build(SOURCES, tmp_path, diagnostics, scorm=scorm, whole_course=whole_course)
    assert not diagnostics.has_errors
    found = {}
    for path in result.written:
        with zipfile.ZipFile(path) as archive:
            found[path.name] = archive.read("imsmanifest.xml")
    return found


@pytest.mark.parametrize("whole_course", [False, True], ids=["module-packages", "course-packages"])
@pytest.mark.parametrize("edition", ["2004-3rd", "2004-4th"])
def test_every_2004_manifest_validates_against_its_edition(edition, whole_course, tmp_path, schemas_dir):
    found = manifests(tmp_path, edition, whole_course)
    assert len(found) == sum(len(list(source.glob("**/course.yml" if whole_course else "**/module.yml"))) for source in SOURCES)
    for name, manifest in found.items():
        assert validate_manifest(manifest, schemas_dir, edition) == [], name
        schemaversion = etree.fromstring(manifest).findtext("cp:metadata/cp:schemaversion", namespaces=NS)
        assert schemaversion == {"2004-3rd": "2004 3rd Edition", "2004-4th": "2004 4th Edition"}[edition]


def test_the_pass_mark_is_the_primary_objectives_minimum_measure(tmp_path):
    manifest = etree.fromstring(manifests(tmp_path, "2004-4th", False)["industrial-parks_planning-development_v1.0.0_scorm2004-4th.zip"])
    [item] = manifest.findall(".//cp:item", NS)
    primary = item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", NS)
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.findtext("imsss:minNormalizedMeasure", namespaces=NS) == "0.7"
    [resource] = manifest.findall(".//cp:resource", NS)
    assert resource.get(f"{{{NS['adlcp']}}}scormType") == "sco"
    assert manifest.findtext(".//lom:general/lom:title/lom:string", namespaces=NS) == "Planning and development"


def test_a_course_package_has_one_sco_per_module_sharing_the_runtime(tmp_path):
    manifest = etree.fromstring(manifests(tmp_path, "2004-4th", True)["industrial-parks_v1.0.0_scorm2004-4th_course.zip"])
    items = manifest.findall(".//cp:organization/cp:item", NS)
    assert [i.findtext("cp:title", namespaces=NS) for i in items] == [
        "Planning and development", "Investment and financing", "Policy framework and coordination",
        "Eco-industrial parks and sustainability"]
    organization = manifest.find(".//cp:organization", NS)
    assert organization.find("imsss:sequencing/imsss:controlMode", NS).attrib == {"choice": "true", "flow": "true"}
    rule = organization.find("imsss:sequencing/imsss:rollupRules/imsss:rollupRule", NS)
    assert rule.get("childActivitySet") == "all"
    assert rule.find("imsss:rollupAction", NS).get("action") == "completed"
    resources = manifest.findall(".//cp:resource", NS)
    runtime = [r for r in resources if r.get(f"{{{NS['adlcp']}}}scormType") == "asset"]
    assert [f.get("href") for f in runtime[0].findall("cp:file", NS)] == ["coursekit.js", "coursekit.css"]
    for sco in (r for r in resources if r.get(f"{{{NS['adlcp']}}}scormType") == "sco"):
        assert sco.find("cp:dependency", NS).get("identifierref") == runtime[0].get("identifier")
        assert sco.get("href").endswith("/index.html")


def test_scorm_version_from_course_yml_and_the_command_line(tmp_path, capsys):
    course = one_module_course(tmp_path / "course", "Text.\n", course=COURSE_YML + "scorm: 2004-3rd\n")
    assert main(["build", str(course), "--out", str(tmp_path / "out")]) == 0
    assert main(["build", str(course), "--out", str(tmp_path / "out"), "--scorm", "1.2"]) == 0
    # Building another SCORM version keeps the packages of the first.
    assert sorted(p.name for p in (tmp_path / "out").glob("*.zip")) == ["c_m_v1.0.0_scorm12.zip", "c_m_v1.0.0_scorm2004-3rd.zip"]


def test_the_2004_runtime_carries_the_2004_adapter_only(tmp_path):
    result = build([FIXTURES / "courses" / "sample"], tmp_path, Diagnostics(), scorm="2004-4th")
    with zipfile.ZipFile(result.written[0]) as archive:
        script = archive.read("coursekit.js").decode()
    assert "function Scorm2004Adapter" in script and "function Scorm12Adapter" not in script


def test_the_state_budget_follows_the_scorm_version(tmp_path):
    """A quiz too large for SCORM 1.2's 4,096 characters of saved state builds in 2004 (64,000)."""
    case = REPO_ROOT / "tests" / "bad" / "quiz-state-too-large"
    refused, allowed = Diagnostics(), Diagnostics()
    build([case], tmp_path / "a", refused)
    build([case], tmp_path / "b", allowed, scorm="2004-4th")
    assert [d.rule for d in refused.errors] == ["quiz-state-budget"] and "SCORM 1.2 allows (4,096)" in refused.errors[0].message
    assert allowed.errors == []
