"""The command line: exit codes, output, and what it writes (or not)."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from builder.cli import main
from tests.conftest import FIXTURES, REPO_ROOT

SAMPLE = FIXTURES / "courses" / "sample"


def test_build_writes_packages_and_reports_them(tmp_path, capsys):
    assert main(["build", str(SAMPLE), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("built 2 packages in ")
    assert len(list(tmp_path.glob("*.zip"))) == 2


def test_check_validates_without_writing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["check", str(SAMPLE)]) == 0
    assert capsys.readouterr().out == "2 modules checked: no errors, 1 warning\n"      # images/unused.txt
    assert list(tmp_path.iterdir()) == []


def test_defaults_are_courses_and_dist(tmp_path, monkeypatch, capsys):
    shutil.copytree(SAMPLE, tmp_path / "courses" / "sample")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    assert sorted(p.name for p in (tmp_path / "dist").glob("*.zip")) == [
        "sample-parks_financing_v2.1.0_scorm12.zip", "sample-parks_site-planning_v2.1.0_scorm12.zip"]


def test_schemas_option_validates_every_manifest(tmp_path, schemas_dir, capsys):
    assert main(["build", str(SAMPLE), "--out", str(tmp_path), "--schemas", str(schemas_dir)]) == 0


@pytest.mark.parametrize("argv, message", [
    (["build", "--no-such-option"], "unrecognized arguments: --no-such-option"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "the following arguments are required: COMMAND"),
])
def test_usage_errors_exit_2(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_schemas_folder_without_schemas_is_a_usage_error(tmp_path, capsys):
    assert main(["build", str(SAMPLE), "--out", str(tmp_path / "d"), "--schemas", str(tmp_path)]) == 2
    assert "no scorm12/ folder of SCORM schemas there" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_a_path_with_no_course_is_a_content_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    assert main(["check", "empty", "missing"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "empty:1:1: error: no course here: expected course.yml in this folder or in its subfolders [course-not-found]",
        "missing:1:1: error: no such folder [course-not-found]",
        "coursekit: 2 errors, 0 warnings",
    ]


def test_python_dash_m_builder_and_no_progress_when_not_a_terminal(tmp_path):
    run = subprocess.run([sys.executable, "-m", "builder", "build", str(SAMPLE), "--out", str(tmp_path)],
                         cwd=REPO_ROOT, capture_output=True, text=True)
    assert run.returncode == 0
    # The progress display is for terminals only: stderr holds the diagnostics and nothing else.
    assert run.stderr.splitlines() == [f"{SAMPLE.relative_to(REPO_ROOT)}/01-site-planning/images/unused.txt:1:1: warning: "
                                       "'images/unused.txt' is not used by any lesson, so it is not packaged [asset-unused]"]
    assert "built 2 packages" in run.stdout


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("coursekit ")


def test_a_moodle_backup_of_part_of_a_course_is_refused_and_one_of_scorm_2004_is_written(tmp_path, capsys):
    assert main(["build", str(SAMPLE / "01-site-planning"), "--package", "moodle", "--out", str(tmp_path)]) == 1
    errors = capsys.readouterr().err
    assert "a Moodle course backup is of a whole course" in errors and errors.count("[moodle-backup]") == 1
    assert list(tmp_path.glob("*.mbz")) == []
    assert main(["build", str(SAMPLE), "--package", "moodle", "--scorm", "2004-4th", "--out", str(tmp_path)]) == 0
    assert [p.name.endswith("_scorm2004-4th_moodle.mbz") for p in tmp_path.glob("*.mbz")] == [True]


def test_quiz_settings_a_moodle_quiz_cannot_hold_are_refused_or_reported(tmp_path, capsys):
    course = tmp_path / "quiz"
    shutil.copytree(FIXTURES / "courses" / "quiz", course)
    shutil.rmtree(course / "02-practice")
    with open(course / "03-draw" / "module.yml", "a") as stream:
        stream.write("  points:\n    Z1: 2\n")            # a random slot has one mark for all it draws
    assert main(["build", str(course), "--package", "moodle", "--quiz", "moodle", "--out", str(tmp_path / "out")]) == 1
    errors = capsys.readouterr().err
    assert "03-draw/module.yml:4:7: error: a Moodle quiz gives every question one draw picks the same marks" in errors
    assert errors.count("[moodle-quiz]") == 1 and "[moodle-quiz-dropped]" in errors      # 01-check's objectives
    assert list((tmp_path / "out").glob("*.mbz")) == []
