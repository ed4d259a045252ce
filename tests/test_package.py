"""End to end: fixture course → zips, checked as Moodle and the SCORM schemas would check them."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import builder.output
from builder.build import build
from builder.diagnostics import Diagnostics
from builder.package import is_safe_entry
from builder.scorm_schemas import validate_manifest
from tests.conftest import FIXTURES, REPO_ROOT

SAMPLE = FIXTURES / "courses" / "sample"
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
      "md": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("dist")
    diagnostics = Diagnostics()
    result = build([SAMPLE], out, diagnostics)
    assert not diagnostics.has_errors
    return result.written


def manifest_of(zip_path: Path) -> etree._Element:
    with zipfile.ZipFile(zip_path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def test_one_package_per_module_with_a_readable_name(built):
    assert [p.name for p in built] == ["sample-parks_site-planning_v2.1.0_scorm12.zip", "sample-parks_financing_v2.1.0_scorm12.zip"]


def test_every_manifest_is_valid_against_the_official_scorm12_schemas(built, schemas_dir):
    for zip_path in built:
        with zipfile.ZipFile(zip_path) as archive:
            assert validate_manifest(archive.read("imsmanifest.xml"), schemas_dir, "1.2") == []


def test_the_manifest_lists_every_file_and_the_zip_holds_every_file_listed(built):
    for zip_path in built:
        with zipfile.ZipFile(zip_path) as archive:
            entries = set(archive.namelist()) - {"imsmanifest.xml"}
        listed = {f.get("href") for f in manifest_of(zip_path).iterfind(".//cp:resource/cp:file", NS)}
        assert listed == entries
        assert all(is_safe_entry(name) for name in entries | {"imsmanifest.xml"})


def test_manifest_is_rooted_first_and_describes_one_sco(built):
    zip_path = built[0]
    with zipfile.ZipFile(zip_path) as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"
    manifest = manifest_of(zip_path)
    assert manifest.get("identifier") == "sample-parks-site-planning-v2.1.0"
    [organization] = manifest.findall("cp:organizations/cp:organization", NS)
    assert manifest.find("cp:organizations", NS).get("default") == organization.get("identifier")
    [item] = organization.findall("cp:item", NS)
    [resource] = manifest.findall("cp:resources/cp:resource", NS)
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(f"{{{NS['adlcp']}}}scormtype") == "sco" and resource.get("href") == "index.html"
    assert item.find("adlcp:masteryscore", NS) is None          # no quiz, so nothing to master
    assert manifest.findtext(".//md:general/md:title/md:langstring", namespaces=NS) == "Site planning"
    assert manifest.findtext(".//md:general/md:language", namespaces=NS) == "en"
    assert [k.text for k in manifest.iterfind(".//md:keyword/md:langstring", NS)] == ["industrial parks", "testing", "zoning"]


def test_unreferenced_files_are_not_shipped(built):
    with zipfile.ZipFile(built[0]) as archive:
        names = archive.namelist()
    assert "media/images/sites.svg" in names and "media/files/checklist.pdf" in names
    assert not any("unused" in name for name in names)


def _build_in_subprocess(out: Path, tz: str, locale: str) -> str:
    env = {**os.environ, "TZ": tz, "LC_ALL": locale, "LANG": locale, "PYTHONHASHSEED": "random"}
    subprocess.run([sys.executable, "-m", "builder", "build", str(SAMPLE), "--out", str(out)],
                   check=True, cwd=REPO_ROOT, env=env, capture_output=True)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.zip"))}


def test_builds_are_byte_identical_across_time_zones_and_locales(tmp_path):
    first = _build_in_subprocess(tmp_path / "a", "Pacific/Kiritimati", "C.UTF-8")
    second = _build_in_subprocess(tmp_path / "b", "America/Lima", "C")
    assert first == second and len(first) == 2


def test_a_failing_write_leaves_the_previous_package_untouched(tmp_path, monkeypatch):
    out = tmp_path / "dist"
    build([SAMPLE], out, Diagnostics())
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def explode(package, stream):
        stream.write(b"PK half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(builder.output, "write_zip", explode)
    with pytest.raises(OSError):
        build([SAMPLE], out, Diagnostics())
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before       # no partial or temporary file left


def test_stale_packages_of_the_course_are_removed(tmp_path):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "sample-parks_site-planning_v2.0.0_scorm12.zip").write_bytes(b"old version")
    (out / "sample-parks_deleted-module_v2.1.0_scorm12.zip").write_bytes(b"module since removed")
    (out / "another-course_intro_v1.0.0_scorm12.zip").write_bytes(b"not ours")
    result = build([SAMPLE], out, Diagnostics())
    assert sorted(p.name for p in result.removed) == ["sample-parks_deleted-module_v2.1.0_scorm12.zip",
                                                       "sample-parks_site-planning_v2.0.0_scorm12.zip"]
    assert sorted(p.name for p in out.iterdir()) == ["another-course_intro_v1.0.0_scorm12.zip",
                                                     "sample-parks_financing_v2.1.0_scorm12.zip",
                                                     "sample-parks_site-planning_v2.1.0_scorm12.zip"]


def test_building_one_module_keeps_the_other_modules_packages(tmp_path):
    out = tmp_path / "dist"
    build([SAMPLE], out, Diagnostics())
    result = build([SAMPLE / "01-site-planning"], out, Diagnostics())
    assert [p.name for p in result.written] == ["sample-parks_site-planning_v2.1.0_scorm12.zip"]
    assert len(list(out.glob("*.zip"))) == 2 and result.removed == []


@pytest.mark.parametrize("name, safe", [
    ("index.html", True), ("media/a b.png", True), ("media\\x.png", False), ("/etc/passwd", False),
    ("../x", False), ("media/../../x", False), ("media/./x", False), ("a//b", False),
])
def test_entry_names_are_safe_for_the_moodle_app(name, safe):
    assert is_safe_entry(name) is safe


def test_scored_modules_carry_their_pass_mark_in_the_manifest(tmp_path, schemas_dir):
    diagnostics = Diagnostics()
    result = build([FIXTURES / "courses" / "quiz", REPO_ROOT / "courses"], tmp_path, diagnostics)
    assert not diagnostics.has_errors
    marks = {}
    for zip_path in result.written:
        with zipfile.ZipFile(zip_path) as archive:
            assert validate_manifest(archive.read("imsmanifest.xml"), schemas_dir, "1.2") == []
        marks[zip_path.name.split("_")[1]] = manifest_of(zip_path).findtext(".//cp:item/adlcp:masteryscore", namespaces=NS)
    assert marks == {"check": "60", "practice": "60", "draw": "60", "planning-development": "70", "investment-financing": "70",
                     "policy-coordination": "70", "eco-industrial-parks": "70", "planificacion-desarrollo": "70",
                     "marco-politico-coordinacion": "70", "inversion-financiamiento": "70", "parques-eco-industriales": "70",
                     "planification-developpement": "70", "cadre-politique-coordination": "70"}
