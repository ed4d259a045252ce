"""Every call of the API probe recorded in Moodle 5.0.6, replayed against our LMS: the same return values
(JavaScript type included), error codes, error strings, diagnostics and exceptions; then what our server
stored from what the API posted, against what Moodle stored."""
from __future__ import annotations

import json

import pytest

from tests.lms.recordings import PROBE_SCOS, TRACES, abbreviate, expand, probe_lms, read_trace, replay, require

NAMES = sorted(path.stem for path in TRACES.glob("*.jsonl")) if TRACES.is_dir() else ["(recordings missing)"]
ANSWERS = ("returned", "error_code", "error_string", "diagnostic", "diagnostic_noarg")


def played(name: str, tmp_path):
    rows = read_trace(name)
    calls = [row for row in rows if row["call"] != "note"]
    lms, learner = probe_lms(name, bool(rows[0]["standards_mode"]), tmp_path, users(name))
    launch = lms.launch("probe", learner)
    result = replay(launch, [{"sco": PROBE_SCOS[row["sco"]], "call": row["call"], "args": [expand(a) for a in row["args"]]}
                             for row in calls])
    return lms, learner, calls, result


def users(name: str) -> str:
    db = json.loads(require(TRACES / f"{name}.db.json").read_text())
    return db["user"]


@pytest.mark.parametrize("name", NAMES)
def test_every_recorded_call_answers_as_moodle_did(name, tmp_path):
    require(TRACES / f"{name}.jsonl")
    _, _, calls, result = played(name, tmp_path)
    differences = []
    for row, ours in zip(calls, result["results"], strict=True):
        expected = {key: row.get(key) for key in ANSWERS}
        got = {key: abbreviate(ours.get(key)) for key in ANSWERS}
        if "exception" in row or "exception" in ours:
            expected["exception"], got["exception"] = row.get("exception"), ours.get("exception")
        if expected != got or (isinstance(row.get("returned"), str) != isinstance(ours.get("returned"), str)):
            differences.append(f"step {row['step']} {row['call']}{tuple(row['args'])}: Moodle {expected}, ours {got}")
    assert not differences, "\n".join(differences[:25])


@pytest.mark.parametrize("name", NAMES)
def test_what_the_server_stores_is_what_moodle_stored(name, tmp_path):
    require(TRACES / f"{name}.db.json")
    lms, learner, _, result = played(name, tmp_path)
    for post in result["posts"]:
        assert lms.post("probe", learner, 1, post["sco"], [tuple(pair) for pair in post["pairs"]]).startswith("true\n0")
    moodle = {(row["sco_identifier"], row["element"]): (row["value"], row["value_length"])
              for row in json.loads((TRACES / f"{name}.db.json").read_text())["rows"]}
    ours = {(sco, element): (abbreviate(value, 200), len(value))
            for sco, tracks in lms.store.tracks("probe", learner.username, 1).items() for element, value in tracks.items()}
    start = ("probe-sco-1", "x.start.time")
    assert start in ours and start in moodle
    moodle.pop(start), ours.pop(start)
    assert ours == moodle
