"""The Python grading (builder.quiz.grading, for Moodle's reports) agrees with the runtime's (grading.js):
many answers to every kind of question are graded by the runtime in Node and written as its SCORM 1.2 and
2004 adapters write them; read back and graded in Python, each earns the same credit."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from builder.diagnostics import Diagnostics
from builder.gift.model import Choice, MatchPair, QuestionKind
from builder.gift.parser import parse_gift
from builder.quiz.answer_key import answer_key
from builder.quiz.grading import grade
from builder.quiz.html import matching_options
from builder.report import responses
from builder.scorm import VERSIONS
from tests.conftest import FIXTURES, REPO_ROOT
from tests.runtime.oracle import DIGITS36

QUIZZES = [FIXTURES / "courses" / "report-reference" / "01-planning-development" / "quiz.gift",
           FIXTURES / "courses" / "report-planted" / "01-site-selection" / "quiz.gift"]
SCRIPT = """
const { loadRuntime } = require(LOADER);
const fs = require("fs");
const context = loadRuntime("helpers.js", "lms.js", "state.js", "grading.js");
context.cases = JSON.parse(fs.readFileSync(0, "utf8"));
context.scorm = VERSION_TABLE;
const out = vm_run(context);
function vm_run(context) {
  return require("vm").runInContext(`cases.map(function (c) {
    var answer = c.bits ? bitsToHex(c.bits) : c.answer, graded = gradeAnswer(c.kind, c.key, answer);
    if (!graded.answered) return null;
    var parts = responseParts(c.kind, answer, c.key);
    return { percent: graded.percent, r12: interactionResponse(parts, scorm["1.2"].responses, scorm["1.2"].textLimits["fill-in"]),
             r2004: interactionResponse(parts, scorm["2004-4th"].responses, scorm["2004-4th"].textLimits["long-fill-in"]) };
  })`, context);
}
process.stdout.write(JSON.stringify(out));
"""


def answers_for(question) -> list[dict]:
    kind = question.kind
    choices = [a for a in question.answers if isinstance(a, Choice)]
    if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        return [{"answer": DIGITS36[i]} for i in range(len(choices))]
    if kind is QuestionKind.MULTIPLE_RESPONSE:
        return [{"bits": [bool(n >> i & 1) for i in range(len(choices))]} for n in range(1, 2 ** len(choices))]
    if kind is QuestionKind.MATCHING:
        pairs = [a for a in question.answers if isinstance(a, MatchPair)]
        prompts, options = sum(1 for p in pairs if p.prompt.text), len(matching_options(pairs))
        return [{"answer": "".join(DIGITS36[(i * shift + start) % options] for i in range(prompts))}
                for shift in range(options) for start in range(options)] + [{"answer": "-" * (prompts - 1) + "0"}]
    if kind is QuestionKind.NUMERICAL:
        return [{"answer": text} for text in ("2.8", "2,8", " 2.805 ", "2.82", "6", "6.0", "1 006", "1,250.5", "-3", "abc", "1e1",
                                              "\u0662.\u0668", "1\u2003006")]      # Arabic-Indic digits are no number in either
    if kind is QuestionKind.SHORT_ANSWER:
        return [{"answer": text} for text in ("net leasable area", "  Net   LEASABLE area ", "net saleable area", "leasable",
                                              "net lettable area", "NET LEASABLE AREA.", "a", "leasable area")]
    return []


@pytest.mark.skipif(shutil.which("node") is None, reason="node not found")
def test_python_and_the_runtime_give_every_answer_the_same_credit():
    cases, questions = [], []
    for path in QUIZZES:
        for question in parse_gift(path.read_text(), path, Diagnostics()):
            pairs = [a for a in question.answers if isinstance(a, MatchPair)]
            key = answer_key(question, matching_options(pairs), lambda text: None)
            for answer in answers_for(question):
                cases.append({"kind": question.kind.value, "key": key.to_json(), **answer})
                questions.append(question)
    script = SCRIPT.replace("LOADER", json.dumps(str(REPO_ROOT / "tests" / "runtime" / "runtime.js")))
    script = script.replace("VERSION_TABLE", json.dumps({name: version.runtime_config() for name, version in VERSIONS.items()}))
    run = subprocess.run(["node", "-e", script], input=json.dumps(cases),
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    compared = 0
    for question, case, result in zip(questions, cases, json.loads(run.stdout)):
        if result is None:
            continue
        for recorded in (result["r12"], result["r2004"]):
            python = grade(question, responses.parse_response(question, recorded))
            assert python.percent == pytest.approx(result["percent"]), (question.title, case, recorded)
            compared += 1
    assert compared > 300

