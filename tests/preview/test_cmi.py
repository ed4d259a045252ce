"""Moodle's SCORM 1.2 rules for what a SCO is handed at launch, and the SQLite store they read."""
from __future__ import annotations

import pytest

from builder.preview.attempts import AttemptStore, UnknownAttempt
from builder.preview.cmi import add_timespans, entry, launch_values, nested


@pytest.mark.parametrize("tracks, expected", [
    ({}, "ab-initio"),
    ({"cmi.core.exit": "suspend", "cmi.core.lesson_status": "incomplete"}, "resume"),
    ({"cmi.core.exit": "", "cmi.core.lesson_status": "passed"}, ""),
    ({"cmi.core.exit": "logout"}, ""),
    ({"cmi.core.lesson_location": "quiz"}, ""),          # committed, never finished
])
def test_entry_follows_the_last_exit(tracks, expected):
    assert entry(tracks) == expected


def test_timespans_add_up_with_carries():
    assert add_timespans("0000:00:00.00", "0000:01:30.50") == "0000:01:30.50"
    assert add_timespans("0001:59:59.75", "0000:00:00.30") == "0002:00:00.05"
    assert add_timespans("0000:00:10", "00:00:05.5") == "0000:00:15.50"
    assert add_timespans("9999:00:00.00", "0002:00:00.00") == "9999:00:00.00"     # the most CMITimespan holds
    assert add_timespans("0000:00:10.00", "ten seconds") == "0000:00:10.00"


def test_launch_hands_back_what_moodle_does_and_not_interactions():
    tracks = {
        "cmi.core.lesson_location": "zoning", "cmi.core.lesson_status": "incomplete", "cmi.core.exit": "suspend",
        "cmi.core.score.raw": "40", "cmi.suspend_data": "state", "cmi.core.session_time": "0000:00:05.00",
        "cmi.core.total_time": "0000:10:00.00", "cmi.interactions.0.id": "q01", "cmi.objectives.0.id": "m-objective-1",
        "cmi.objectives.0.status": "failed", "cmi.objectives.1.id": "m-objective-2",
    }
    values = launch_values(tracks, mastery_score=70)
    assert values == {
        "cmi.core.student_id": "preview", "cmi.core.student_name": "Preview, Learner", "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal", "cmi.core.entry": "resume", "cmi.core.lesson_status": "incomplete",
        "cmi.core.total_time": "0000:10:00.00", "cmi.core.lesson_location": "zoning", "cmi.core.score.raw": "40",
        "cmi.objectives.0.id": "m-objective-1", "cmi.objectives.0.status": "failed", "cmi.objectives.1.id": "m-objective-2",
        "cmi.suspend_data": "state", "cmi.student_data.mastery_score": "70",
    }
    assert "cmi.student_data.mastery_score" not in launch_values({}, mastery_score=None)


def test_nested_values_keep_numbered_items_in_number_order():
    tree = nested({"cmi.objectives.10.id": "k", "cmi.objectives.2.id": "c", "cmi.core.entry": "", "cmi.suspend_data": "s"})
    assert tree == {"core": {"entry": ""}, "objectives": {"2": {"id": "c"}, "10": {"id": "k"}}, "suspend_data": "s"}
    assert list(tree["objectives"]) == ["2", "10"]


def test_the_store_keeps_the_last_value_of_each_element_and_every_commit(tmp_path):
    store = AttemptStore(tmp_path / "deep" / "preview.sqlite3")
    assert store.latest("c/m") is None
    attempt = store.current("c/m").attempt
    assert store.current("c/m").attempt == attempt                   # launching again: the same attempt
    store.record("c/m", attempt.id, "commit", {"cmi.core.lesson_location": "a", "cmi.suspend_data": "1"})
    record = store.record("c/m", attempt.id, "finish", {"cmi.core.lesson_location": "b", "cmi.core.exit": "suspend",
                                                        "cmi.core.session_time": "0000:00:02.00"})
    assert record.tracks == {"cmi.core.exit": "suspend", "cmi.core.lesson_location": "b", "cmi.core.session_time": "0000:00:02.00",
                             "cmi.core.total_time": "0000:00:02.00", "cmi.suspend_data": "1"}
    assert [(c.event, c.sent) for c in record.commits] == [
        ("commit", {"cmi.core.lesson_location": "a", "cmi.suspend_data": "1"}),
        ("finish", {"cmi.core.lesson_location": "b", "cmi.core.exit": "suspend", "cmi.core.session_time": "0000:00:02.00"})]
    with pytest.raises(UnknownAttempt):
        store.record("c/other", attempt.id, "commit", {})
    assert store.reset("c/m").attempt.number == 2
    assert AttemptStore(tmp_path / "deep" / "preview.sqlite3").latest("c/m").attempt.number == 2
