"""Many scripted learners take a quiz with planted problems; their interactions report, written as Moodle
writes it (CSV, Excel, ODS), goes through `coursekit report`, whose flags must catch every planted problem.

The planted quiz (tests/fixtures/courses/report-planted/01-site-selection/quiz.gift): P02's key is wrong,
P03 has a distractor no one believes, P06 lacks an accepted answer, P09 is too easy, and the right answer
of every multiple-choice question is the first choice, which one learner always picks.
"""
from __future__ import annotations

import json
import random
import re
import statistics
import zipfile

import pytest

from builder.build import build
from builder.cli import main
from builder.diagnostics import Diagnostics
from tests.conftest import FIXTURES
from tests.report.moodle_report import Recorded, Row, table, write

COURSE = FIXTURES / "courses" / "report-planted"
LEARNERS = 60
# What a learner who knows the answer records, what one who does not may record, and the credit of each.
KNOWS = {"p01": "a", "p02": "b", "p03": "a", "p04": "f", "p05": "a,b", "p06": "net leasable area", "p07": "6",
         "p08": "0.c,1.a,2.b", "p09": "a"}
GUESSES = {"p01": "bcd", "p02": "acd", "p03": "bc", "p04": "tf", "p05": ["c,d", "a,c"], "p06": ["gross area"],
           "p07": ["8"], "p08": ["0.a,1.b,2.c"], "p09": "a"}
FIRST_PICKER = {"p01": "a", "p02": "a", "p03": "a", "p04": "t", "p05": "a", "p06": "a", "p07": "1", "p08": "0.a,1.a,2.a", "p09": "a"}
CREDIT = {("p01", "a"): 100, ("p02", "a"): 100, ("p03", "a"): 100, ("p04", "f"): 100, ("p05", "a,b"): 100, ("p05", "a"): 50,
          ("p06", "net leasable area"): 100, ("p07", "6"): 100, ("p08", "0.c,1.a,2.b"): 100, ("p08", "0.a,1.a,2.a"): 33.33,
          ("p09", "a"): 100}


def credit(question: str, response: str) -> float:
    return CREDIT.get((question, response), 0)


@pytest.fixture(scope="module")
def ids() -> dict[str, list[str]]:
    """The interaction ids, read from the packages a build writes (module title -> ids in quiz order)."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as out:
        result = build([COURSE], Path(out), Diagnostics())
        found = {}
        for path in result.written:
            with zipfile.ZipFile(path) as archive:
                html = "".join(archive.read(n).decode() for n in sorted(archive.namelist()) if n.endswith(".html"))
            title = re.search(r'<item identifier="[^"]+" identifierref="[^"]+"[^>]*>\s*<title>([^<]+)', archive_manifest(path))[1]
            found[title] = list(dict.fromkeys(re.findall(r'data-question="(q\d\d-[a-z0-9-]+)"', html)))
    return found


def archive_manifest(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("imsmanifest.xml").decode()


def scripted(ids: list[str]) -> tuple[list[Row], dict[str, list[float]]]:
    """LEARNERS learners from weak to strong, and one who always picks the first choice; their credits."""
    rng = random.Random(17)
    rows, credits = [], {key: [] for key in KNOWS}
    for n in range(LEARNERS + 1):
        ability = n / (LEARNERS - 1)
        recorded = []
        for number, id in enumerate(ids, start=1):
            key = f"p{number:02d}"
            if key == "p10":
                response = f"Learner {n}: I would ask about demand, the off-site infrastructure and the land."
            elif n == LEARNERS:
                response = FIRST_PICKER[key]
            elif key == "p06" and rng.random() < ability:
                response = rng.choice(["net leasable area", "net lettable area"])   # a right answer the quiz lacks
            else:
                response = KNOWS[key] if rng.random() < ability else rng.choice(list(GUESSES[key]))
            if key != "p10":
                credits[key].append(credit(key, response))
            recorded.append(Recorded(id, response, result="neutral" if key == "p10" else
                                     "correct" if credit(key, response) == 100 else "wrong" if not credit(key, response) else str(credit(key, response))))
        score = round(sum(credits[k][-1] for k in KNOWS) / len(KNOWS), 2)
        rows.append(Row("Lab Student", f"learner{n}@example.invalid", 1, [(f"{score:g}", recorded)]))
        if n % 20 == 0:
            rows.append(Row("Lab Student", f"absent{n}@example.invalid", None))
    return rows, credits


@pytest.fixture(scope="module")
def planted(ids, tmp_path_factory):
    """The report written in each format with every option, run through the command line; JSON per format."""
    rows, credits = scripted(ids["Site selection"])
    work = tmp_path_factory.mktemp("planted")
    reports = {}
    for ext in ("csv", "xlsx", "ods"):
        path = write(work / f"site.{ext}", table(["Site selection"], rows, roles=("id", "response", "right", "result")))
        out = work / ext
        assert main(["report", str(COURSE), "--responses", str(path), "--out", str(out)]) == 0
        reports[ext] = json.loads((out / "report-planted_site-selection_report.json").read_text())
    return reports, credits


@pytest.mark.parametrize("ext", ["csv", "xlsx", "ods"])
def test_the_figures_are_those_of_the_scripted_answers(planted, ext):
    reports, credits = planted
    report = reports[ext]
    assert report["attempts"] == report["learners"] == LEARNERS + 1
    assert not report["unknown_questions"]
    assert "score-differs" not in [f["code"] for f in report["flags"]]
    for number, question in enumerate(report["questions"][:9], start=1):
        marks = [c / 100 for c in credits[f"p{number:02d}"]]
        rest = [sum(credits[k][i] for k in credits if k != f"p{number:02d}") / 100 for i in range(len(marks))]
        assert question["facility"] == pytest.approx(statistics.mean(marks), abs=1e-4)
        if len(set(marks)) > 1:
            assert question["discrimination"] == pytest.approx(statistics.correlation(marks, rest), abs=1e-4)
        else:
            assert question["discrimination"] is None
    essays = report["questions"][9]["essays"]
    assert len(essays) == LEARNERS + 1 and essays[0]["text"].startswith("Learner 0: I would ask")


def _flags(report, number: int) -> dict[str, str]:
    """Flag code -> its messages, joined."""
    flags: dict[str, str] = {}
    for flag in report["questions"][number - 1]["flags"]:
        flags[flag["code"]] = (flags.get(flag["code"], "") + " / " + flag["message"]).strip(" /")
    return flags


@pytest.mark.parametrize("ext", ["csv", "xlsx", "ods"])
def test_the_flags_catch_every_planted_problem(planted, ext):
    report = planted[0][ext]
    wrong_key = _flags(report, 2)
    assert "negative-discrimination" in wrong_key
    assert "is the key right?" in wrong_key["distractor-beats-key"] and "“2.8” was picked" in wrong_key["distractor-beats-key"]
    assert "It becomes the preferred site because protected land is free" in _flags(report, 3)["unused-distractor"]
    assert "net lettable area" in _flags(report, 6)["unmatched-responses"]
    assert "too-easy" in _flags(report, 9)
    assert "same-position" in {f["code"] for f in report["flags"]}
    assert all("same-position" in _flags(report, n) for n in (1, 2, 3, 9))
    for good in (1, 4, 7, 8):      # the sound questions: no alarm about their figures
        assert not {"negative-discrimination", "low-discrimination", "too-easy", "too-hard", "distractor-beats-key"} & set(_flags(report, good))
        assert report["questions"][good - 1]["discrimination"] > 0.2


def test_a_course_package_report_has_one_block_per_sco(ids, tmp_path):
    """A course package is one SCO per module: each row holds one score-and-interactions block per SCO."""
    rows, _ = scripted(ids["Site selection"])
    rng = random.Random(3)
    for row in rows:
        if row.attempt is not None:
            answers = [Recorded(id, rng.choice("abc") if n == 0 else rng.choice("tf")) for n, id in enumerate(ids["Financing"])]
            row.scos.append(("Not attempted", []) if row.email.startswith("learner1@") else ("66.67", answers))
    path = write(tmp_path / "course.csv", table(["Site selection", "Financing"], rows, roles=("id", "response")))
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 0
    site = json.loads((tmp_path / "out" / "report-planted_site-selection_report.json").read_text())
    financing = json.loads((tmp_path / "out" / "report-planted_financing_report.json").read_text())
    assert site["attempts"] == LEARNERS + 1 and financing["attempts"] == LEARNERS
    assert [q["id"] for q in financing["questions"]] == ids["Financing"]
    assert sum(r["count"] for r in financing["questions"][0]["responses"]) == LEARNERS


def test_order_mapping_needs_every_question_answered(ids, tmp_path, capsys):
    rows, _ = scripted(ids["Site selection"])
    rows[3].scos[0][1].pop(4)                      # this learner left P05 unanswered: no interaction for it
    path = write(tmp_path / "default.ods", table(["Site selection"], rows))
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 1
    error = capsys.readouterr().err
    assert "default.ods:5:1: error: this download has no interaction ids" in error
    assert "recorded 9 interactions, and the quiz has 10 questions" in error and "tick 'Question'" in error and "[report-needs-ids]" in error
    assert not (tmp_path / "out").exists()


def test_without_ids_a_quiz_in_source_order_is_matched_by_order(ids, planted, tmp_path):
    rows, _ = scripted(ids["Site selection"])
    path = write(tmp_path / "default.xlsx", table(["Site selection"], rows))      # Moodle's default: responses only
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 0
    report = json.loads((tmp_path / "out" / "report-planted_site-selection_report.json").read_text())
    with_ids = planted[0]["csv"]
    assert [(q["id"], q["facility"], q["discrimination"], q["responses"]) for q in report["questions"]] == \
        [(q["id"], q["facility"], q["discrimination"], q["responses"]) for q in with_ids["questions"]]


def test_results_stand_in_for_responses_missing_from_the_download(ids, planted, tmp_path):
    """A download with ids and results but no responses still gives each question's facility."""
    rows, _ = scripted(ids["Site selection"])
    path = write(tmp_path / "results.csv", table(["Site selection"], rows, roles=("id", "result")))
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 0
    report = json.loads((tmp_path / "out" / "report-planted_site-selection_report.json").read_text())
    with_responses = planted[0]["csv"]
    assert [q["facility"] for q in report["questions"]] == [q["facility"] for q in with_responses["questions"]]
    assert all(not {"unmatched-responses", "result-differs"} & {f["code"] for f in q["flags"]} for q in report["questions"])
