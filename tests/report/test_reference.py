"""`coursekit report` on the interactions report a real Moodle 5.0.6 gave a teacher (../shared/moodle-reference/),
against figures recomputed here from what the five learners really answered (students_answers.json)."""
from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
from collections import Counter

import pytest

from builder.cli import main
from builder.diagnostics import Diagnostics
from builder.gift.parser import parse_gift
from builder.quiz.grading import grade
from builder.report.responses import parse_response
from tests.conftest import FIXTURES, REPO_ROOT

REFERENCE = REPO_ROOT.parent / "shared" / "moodle-reference" / "interactions-report"
pytestmark = pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/moodle-reference/interactions-report/ not found")

COURSE = FIXTURES / "courses" / "report-reference"
QUIZ = COURSE / "01-planning-development" / "quiz.gift"
FILES = [f"interactions_{options}.{ext}" for options in ("default", "all-options") for ext in ("csv", "xlsx", "ods")]
REPORT = "industrial-parks_planning-development_report"


@pytest.fixture(scope="module")
def answers() -> list[dict]:
    return json.loads((REFERENCE / "students_answers.json").read_text())["students"]


@pytest.fixture(scope="module")
def expected(answers) -> dict:
    """Facility, discrimination and response counts, from the interactions Moodle stored for each learner."""
    stored = [next(iter(s["moodle_stored"]["attempt 1"].values()))["interactions"] for s in answers]
    graded = [i["id"] for i in stored[0] if i["result"] != "neutral"]
    right = [{i["id"]: 1.0 if i["result"] == "correct" else 0.0 for i in learner} for learner in stored]
    kinds = {a["question"]: a["kind"] for a in answers[0]["answered_in_sco"]}
    figures = {}
    for id in graded:
        given = [i["response"] for learner in stored for i in learner if i["id"] == id]
        if kinds[id] == "multiple_response":         # each choice of several is counted
            given = [letter for response in given for letter in response.split(",")]
        own = [r[id] for r in right]
        rest = [sum(v for k, v in r.items() if k != id) for r in right]
        figures[id] = {"facility": statistics.mean(own), "discrimination": statistics.correlation(own, rest),
                       "responses": Counter(given)}
    essay = [i for i in stored[0] if i["result"] == "neutral"][0]["id"]
    figures[essay] = {"essays": sorted(i["response"] for learner in stored for i in learner if i["id"] == essay)}
    return {"questions": figures, "mean_score": statistics.mean(float(s["gradebook"]["rawgrade"]) for s in answers),
            "learners": len(answers)}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    """Each of the six downloads, reported on through the command line's entry point."""
    out = {}
    for name in FILES:
        target = tmp_path_factory.mktemp(name.replace(".", "-"))
        assert main(["report", str(COURSE), "--responses", str(REFERENCE / name), "--out", str(target)]) == 0
        out[name] = json.loads((target / f"{REPORT}.json").read_text())
    return out


def test_the_ids_in_the_reference_downloads_are_those_of_the_fixture_sources(answers):
    from builder.diagnostics import Diagnostics
    from builder.report.command import load_course_quizzes

    course = load_course_quizzes(COURSE, Diagnostics())
    ids = [q.id for q in course.modules[0].quiz.questions]
    assert ids == [a["question"] for a in answers[0]["answered_in_sco"]]


@pytest.mark.parametrize("name", FILES)
def test_every_download_gives_the_figures_recomputed_from_the_answers(reports, expected, name):
    report = reports[name]
    assert report["attempts"] == report["learners"] == expected["learners"] == 5
    assert report["mean_score"] == pytest.approx(expected["mean_score"], abs=0.01)
    assert report["unknown_questions"] == []
    assert not [f for f in report["flags"] if f["code"] == "score-differs"]     # the Python grading gives Moodle's scores
    by_id = {q["id"]: q for q in report["questions"]}
    assert set(by_id) == set(expected["questions"])
    for id, figures in expected["questions"].items():
        question = by_id[id]
        assert question["attempts"] == question["learners"] == 5
        if "essays" in figures:
            assert sorted(e["text"] for e in question["essays"]) == figures["essays"]
            assert question["facility"] is None and question["discrimination"] is None
            continue
        assert question["facility"] == pytest.approx(figures["facility"], abs=1e-4)
        assert question["discrimination"] == pytest.approx(figures["discrimination"], abs=1e-4)
        given = {r["recorded"]: r["count"] for r in question["responses"] if r["count"]}
        assert given == dict(figures["responses"])
        assert "result-differs" not in [f["code"] for f in question["flags"]]


def test_each_question_points_at_its_line_in_the_gift(reports):
    lines = {}
    for number, line in enumerate(QUIZ.read_text().splitlines(), start=1):
        match = re.match(r"::M1-Q(\d\d) ", line)
        if match:
            lines[int(match[1])] = number
    for question in reports["interactions_default.csv"]["questions"]:
        path, line = question["source"].rsplit(":", 1)
        assert path.endswith("report-reference/01-planning-development/quiz.gift")
        assert int(line) == lines[int(question["id"][1:3])]


def test_moodles_right_answers_earn_full_marks_from_the_python_grading():
    """The 'Right answer' column holds the runtime's correct pattern: parsed and graded here, it earns 100%."""
    from builder.report.sheets import read_sheet
    from builder.report.table import read_report

    questions = {f"q{n:02d}": q for n, q in enumerate(parse_gift(QUIZ.read_text(), QUIZ, Diagnostics()), start=1)}
    report = read_report(read_sheet(REFERENCE / "interactions_all-options.csv"))
    checked = 0
    for attempt in report.attempts:
        for interaction in attempt.scos[0].interactions:
            question = questions[interaction.id[:3]]
            if interaction.right:
                assert grade(question, parse_response(question, interaction.right)).percent == 100, interaction
                checked += 1
            result = grade(question, parse_response(question, interaction.response))
            assert {"correct": 100, "wrong": 0, "neutral": None}[interaction.result] == result.percent, interaction
    assert checked == 5 * 14


def test_the_reference_flags_name_what_the_five_learners_show(reports):
    by_id = {q["id"][:3]: q for q in reports["interactions_all-options.ods"]["questions"]}
    codes = {id: {f["code"] for f in q["flags"]} for id, q in by_id.items()}
    assert "unmatched-responses" in codes["q07"]          # "zzz wrong answer" is no accepted answer
    assert "zzz wrong answer" in " ".join(f["message"] for f in by_id["q07"]["flags"])
    assert {"too-hard", "distractor-beats-key"} <= codes["q14"]   # right for 1 of 5, its distractor "b" for 4
    assert "unused-distractor" in codes["q01"]
    assert not codes["q02"] and not codes["q03"]


def test_all_six_downloads_at_once_count_each_attempt_once(tmp_path):
    run = subprocess.run([sys.executable, "-m", "builder", "report", str(COURSE), "--responses",
                          *[str(REFERENCE / name) for name in FILES], "--out", str(tmp_path)],
                         capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / f"{REPORT}.json").read_text())
    assert report["attempts"] == 5 and len(report["files"]) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{REPORT}.csv", f"{REPORT}.html", f"{REPORT}.json"]


def _copy(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(COURSE, course)
    return course


def test_without_ids_a_shuffled_quiz_is_refused_with_the_option_to_tick(tmp_path, capsys):
    course = _copy(tmp_path)
    module_yml = course / "01-planning-development" / "module.yml"
    module_yml.write_text(module_yml.read_text() + "quiz:\n  shuffle_questions: true\n")
    out = tmp_path / "out"
    assert main(["report", str(course), "--responses", str(REFERENCE / "interactions_default.xlsx"), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert re.search(r"interactions_default\.xlsx:\d+:1: error: .*shuffles its questions.*tick 'Question'.* \[report-needs-ids\]", error)
    assert not out.exists()
    # With the ids ("Question" ticked) the same quiz is reported on.
    assert main(["report", str(course), "--responses", str(REFERENCE / "interactions_all-options.xlsx"), "--out", str(out)]) == 0


def test_questions_whose_ids_changed_are_reported_apart_never_merged(tmp_path):
    course = _copy(tmp_path)
    quiz = course / "01-planning-development" / "quiz.gift"
    text = quiz.read_text().replace("::M1-Q07 Revenue-earning land::", "::M1-Q07 Land that earns revenue::")
    text = text.replace("=Operation and management#Right.", "~Operation and management#Right.").replace(
        "~Conception and strategy#No.", "=Conception and strategy#No.")              # and q01's key moved
    text = text.replace("::M1-Q15 Advising", "::M1-Q16 New question::Is this new? {T}\n\n::M1-Q15 Advising")
    quiz.write_text(text)
    out = tmp_path / "out"
    assert main(["report", str(course), "--responses", str(REFERENCE / "interactions_all-options.csv"), "--out", str(out)]) == 0
    report = json.loads((out / f"{REPORT}.json").read_text())
    unknown = {u["id"]: u for u in report["unknown_questions"]}
    assert sorted(unknown) == ["q07-m1-q07-revenue-earning-land", "q15-m1-q15-advising-on-a-proposal"]
    assert unknown["q07-m1-q07-revenue-earning-land"]["attempts"] == 5
    assert unknown["q07-m1-q07-revenue-earning-land"]["probably_now"] is None          # another title: no guess
    assert unknown["q15-m1-q15-advising-on-a-proposal"]["probably_now"] == "q16-m1-q15-advising-on-a-proposal"
    by_id = {q["id"]: q for q in report["questions"]}
    for renamed in ("q07-m1-q07-land-that-earns-revenue", "q16-m1-q15-advising-on-a-proposal"):
        assert by_id[renamed]["attempts"] == 0 and not by_id[renamed]["essays"]       # nothing merged in
    flags = {f["code"]: f["message"] for f in report["flags"]}
    assert "probably now q16-m1-q15-advising-on-a-proposal: not merged" in flags["unknown-questions"]
    assert "result-differs" in [f["code"] for f in by_id["q01-m1-q01-underfunded-stage"]["flags"]]
