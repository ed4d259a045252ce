"""A course backup of SCORM 2004 packages (`--scorm 2004-*`): one package per module, stored as Moodle
stores a 2004 package (SCORM_1.3, its sequencing data and objectives), with the settings a 2004 module
needs (completion on the success status, the pass mark as grade to pass)."""
from __future__ import annotations

import io
import zipfile

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from builder.mbz.archive import read_mbz
from builder.moodle_settings import MOODLE_2004_COURSE, STATUS_COMPLETED, STATUS_PASSED
from tests.conftest import REPO_ROOT
from tests.mbz.conftest import build_backups
from tests.mbz.helpers import activities, record, xml

COURSE = REPO_ROOT / "courses" / "parques-industriales"
NAME = "parques-industriales_v1.0.0_scorm2004-4th_moodle.mbz"


@pytest.fixture(scope="module")
def backup_2004(tmp_path_factory):
    out = tmp_path_factory.mktemp("mbz-2004")
    done = build_backups(out, str(COURSE), "--scorm", "2004-4th")
    return out / NAME, read_mbz((out / NAME).read_bytes()), done.stderr


def test_each_module_is_its_own_2004_package_the_one_coursekit_builds(backup_2004, tmp_path):
    files = backup_2004[1]
    zips = {p.name: p.read_bytes() for p in build([COURSE], tmp_path, Diagnostics(), scorm="2004-4th").written}
    records = {f.get("id"): record(f) for f in xml(files, "files.xml").iterfind("file")}
    assert len(activities(files, "scorm")) == len(zips) == 4
    for folder in activities(files, "scorm"):
        scorm = record(xml(files, f"{folder}/scorm.xml").find("scorm"))
        assert scorm["version"] == "SCORM_1.3" and scorm["reference"].endswith("_scorm2004-4th.zip")
        ids = [e.text for e in xml(files, f"{folder}/inforef.xml").iterfind("fileref/file/id")]
        [package] = [records[i] for i in ids if records[i]["filearea"] == "package" and records[i]["filename"] != "."]
        data = files[f"files/{package['contenthash'][:2]}/{package['contenthash']}"]
        assert data == zips[scorm["reference"]] and scorm["sha1hash"] == package["contenthash"]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert b"2004 4th Edition" in archive.read("imsmanifest.xml")
    assert f"[{MOODLE_2004_COURSE}]" not in backup_2004[2]            # one SCO per package: Moodle records each


def test_scos_carry_the_sequencing_moodle_reads_from_a_2004_manifest(backup_2004):
    files = backup_2004[1]
    for folder in activities(files, "scorm"):
        scorm = xml(files, f"{folder}/scorm.xml")
        organization, item = scorm.iterfind("scorm/scoes/sco")
        data = lambda sco: [(d.findtext("name"), d.findtext("value")) for d in sco.iterfind("sco_datas/sco_data")]  # noqa: E731
        assert data(organization) == [("choice", "1"), ("flow", "1")]
        assert data(item) == [("isvisible", "true"), ("parameters", ""), ("completionsetbycontent", "1"), ("objectivesetbycontent", "1")]
        assert (item.findtext("launch"), item.findtext("scormtype"), item.get("id")) == ("index.html", "sco", scorm.findtext("scorm/launch"))
        [objective] = [record(o) for o in item.iterfind("seq_objectives/seq_objective")]
        assert objective["primaryobj"] == "1" and objective["satisfiedbymeasure"] == "1"
        assert objective["minnormalizedmeasure"] == "0.7000" and objective["objectiveid"].endswith("-mastery")


def test_a_2004_module_completes_on_passed_and_its_pass_mark_is_the_grade_to_pass(backup_2004):
    files = backup_2004[1]
    for folder in activities(files, "scorm"):
        scorm = record(xml(files, f"{folder}/scorm.xml").find("scorm"))
        # "Passed or completed" would complete a 2004 module that reports completed and failed (recorded in Moodle 5.0.6)
        assert (scorm["completionstatusrequired"], scorm["grademethod"], scorm["maxgrade"]) == (str(STATUS_PASSED), "1", "100")
        grade = record(xml(files, f"{folder}/grades.xml").find("grade_items/grade_item"))
        assert (grade["grademax"], grade["gradepass"]) == ("100.00000", "70.00000")


def test_with_moodle_quizzes_the_2004_lessons_complete_on_completed_and_the_bytes_repeat(backup_2004, tmp_path):
    build_backups(tmp_path / "again", str(COURSE), "--scorm", "2004-4th")
    assert (tmp_path / "again" / NAME).read_bytes() == backup_2004[0].read_bytes()
    build_backups(tmp_path / "quiz", str(COURSE), "--scorm", "2004-3rd", "--quiz", "moodle")
    files = read_mbz((tmp_path / "quiz" / "parques-industriales_v1.0.0_scorm2004-3rd_moodle.mbz").read_bytes())
    assert len(activities(files, "quiz")) == 4
    for folder in activities(files, "scorm"):
        scorm = record(xml(files, f"{folder}/scorm.xml").find("scorm"))
        assert (scorm["version"], scorm["completionstatusrequired"], scorm["grademethod"]) == ("SCORM_1.3", str(STATUS_COMPLETED), "0")
        assert not list(xml(files, f"{folder}/scorm.xml").iter("seq_objective"))     # nothing to pass: no objective
