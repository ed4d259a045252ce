"""The Moodle settings each kind of package needs, and how `coursekit build` prints them."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from builder.moodle_settings import (
    GRADE_HIGHEST, GRADE_LEARNING_OBJECTS, GRADE_SUM, STATUS_COMPLETED, STATUS_PASSED, describe, recommended,
)

ROOT = Path(__file__).resolve().parent.parent


def test_a_scored_module_is_graded_by_its_score_against_100():
    settings = recommended("1.2", scored_scos=1, all_scos=1, mastery_score=70)
    assert (settings.grademethod, settings.maxgrade, settings.gradepass) == (GRADE_HIGHEST, 100, 70)
    assert settings.completionstatusrequired == STATUS_PASSED | STATUS_COMPLETED
    assert not settings.completionstatusallscos


def test_a_course_package_sums_its_modules_against_100_each():
    settings = recommended("1.2", scored_scos=4, all_scos=4, mastery_score=70)
    assert (settings.grademethod, settings.maxgrade, settings.gradepass) == (GRADE_SUM, 400, 280)
    assert settings.completionstatusallscos


def test_scorm_2004_asks_for_the_success_status_when_scored_and_completion_when_not():
    assert recommended("2004-4th", 1, 1, 70).completionstatusrequired == STATUS_PASSED
    unscored = recommended("2004-3rd", 0, 1, None)
    assert unscored.completionstatusrequired == STATUS_COMPLETED
    assert unscored.grademethod == GRADE_LEARNING_OBJECTS


def test_describe_names_the_settings_as_moodle_labels_them():
    lines = describe(recommended("2004-4th", 4, 4, 70))
    assert lines[:4] == ["Grading method: Sum of grades", "Maximum grade: 400", "Attempts grading: Highest attempt",
                         "Completion: Require status: Passed, from all SCOs"]


def test_build_prints_the_settings_under_each_package(tmp_path):
    done = subprocess.run([sys.executable, "-m", "builder", "build", "courses/industrial-parks", "--out", str(tmp_path),
                           "--package", "course"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == ("  in Moodle: Grading method: Sum of grades; Maximum grade: 400; Attempts grading: Highest attempt; "
                        "Completion: Require status: Passed or completed, from all SCOs; Grade to pass: 280; "
                        "Mastery score overrides status: Yes")


def test_a_scorm_2004_course_package_is_built_with_a_warning_that_moodle_loses_modules_2_to_n(tmp_path):
    run = lambda *extra: subprocess.run([sys.executable, "-m", "builder", "build", "courses/industrial-parks", "--out",
                                         str(tmp_path), "--package", "course", *extra], cwd=ROOT, capture_output=True,
                                        text=True, timeout=120)
    warned = run("--scorm", "2004-4th")
    assert warned.returncode == 0 and (tmp_path / "industrial-parks_v1.0.0_scorm2004-4th_course.zip").is_file()
    assert warned.stderr.count("[moodle-2004-course]") == 1
    assert "warning: industrial-parks_v1.0.0_scorm2004-4th_course.zip: Moodle records only the first module" in warned.stderr
    assert "[moodle-2004-course]" not in run("--scorm", "1.2").stderr
    assert "[moodle-2004-course]" not in run("--scorm", "2004-3rd", "--package", "module").stderr
