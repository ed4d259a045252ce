"""Moodle's grade and completion from the tracks (locallib.php, lib.php, custom_completion.php), under each
setting: what the README's settings table says Moodle does."""
from __future__ import annotations

from builder.lms.grading import completion, gradebook
from builder.moodle_settings import (
    ATTEMPT_AVERAGE, ATTEMPT_FIRST, ATTEMPT_LAST, GRADE_AVERAGE, GRADE_LEARNING_OBJECTS, GRADE_SUM, STATUS_COMPLETED,
    STATUS_PASSED, MoodleSettings,
)

SCOS = ["m1", "m2", "m3", "m4"]


def attempt(*scores, status="passed") -> dict:
    return {sco: {"cmi.core.lesson_status": status, "cmi.core.score.raw": str(score)}
            for sco, score in zip(SCOS, scores) if score is not None}


def test_each_grading_method_as_moodle_computes_it():
    one_done = {1: attempt(100)}
    highest = MoodleSettings()
    assert gradebook(SCOS, one_done, highest).finalgrade == 100                       # one module of four: 100
    assert gradebook(SCOS, {1: attempt(100, 0, 0, 0)}, MoodleSettings(grademethod=GRADE_AVERAGE)).finalgrade == 100
    assert gradebook(SCOS, {1: attempt(100, 50, 0, 0)}, MoodleSettings(grademethod=GRADE_AVERAGE)).finalgrade == 75
    capped = gradebook(SCOS, {1: attempt(100, 100)}, MoodleSettings(grademethod=GRADE_SUM))
    assert (capped.rawgrade, capped.finalgrade, capped.grademax) == (200, 100, 100)   # the default maximum caps it
    assert gradebook(SCOS, {1: attempt(100, 100)}, MoodleSettings(grademethod=GRADE_SUM, maxgrade=400)).finalgrade == 200
    objects = gradebook(["m1"], {1: attempt(35)}, MoodleSettings(grademethod=GRADE_LEARNING_OBJECTS))
    assert (objects.finalgrade, objects.grademax) == (1, 1)                            # done, whatever the score


def test_attempts_grading_and_no_grade_before_a_score_or_a_completion():
    attempts = {1: attempt(40), 2: attempt(90), 3: attempt(60, status="incomplete")}
    assert gradebook(SCOS, attempts, MoodleSettings()).finalgrade == 90
    assert gradebook(SCOS, attempts, MoodleSettings(whatgrade=ATTEMPT_FIRST)).finalgrade == 40
    assert gradebook(SCOS, attempts, MoodleSettings(whatgrade=ATTEMPT_LAST)).finalgrade == 90      # last completed
    assert gradebook(SCOS, attempts, MoodleSettings(whatgrade=ATTEMPT_AVERAGE)).finalgrade == 63   # round(190 / 3)
    assert gradebook(SCOS, {1: {"m1": {"cmi.core.lesson_status": "incomplete"}}}, MoodleSettings()) is None


def test_completion_status_rules_are_moodles():
    passed_12 = {1: {"m1": {"cmi.core.lesson_status": "passed"}}}
    failed_2004 = {1: {"m1": {"cmi.completion_status": "completed", "cmi.success_status": "failed"}}}
    completed_only = MoodleSettings(completionstatusrequired=STATUS_COMPLETED)
    assert not completion(["m1"], passed_12, completed_only).complete          # "Completed" is an exact match
    assert completion(["m1"], passed_12, MoodleSettings()).complete            # passed or completed
    assert completion(["m1"], failed_2004, completed_only).complete            # a failed 2004 module completes it
    assert completion(["m1"], failed_2004, MoodleSettings()).complete
    assert not completion(["m1"], failed_2004, MoodleSettings(completionstatusrequired=STATUS_PASSED)).complete
    one_of_two = {1: {"m1": {"cmi.core.lesson_status": "passed"}}}
    assert completion(["m1", "m2"], one_of_two, MoodleSettings()).complete
    assert not completion(["m1", "m2"], one_of_two, MoodleSettings(completionstatusallscos=True)).complete
    scored = {1: {"m1": {"cmi.core.score.raw": "65"}}}
    assert not completion(["m1"], scored, MoodleSettings(completionstatusrequired=None, completionscorerequired=70)).complete
    spent = completion(["m1"], {1: {"m1": {"cmi.core.lesson_status": "failed"}}}, MoodleSettings(maxattempt=1))
    assert spent.failed and spent.state == 3
