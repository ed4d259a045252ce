"""templates/runtime/grading.js and state.js, run by Node's own test runner against cases this side
writes: the oracle's grades (tests/runtime/oracle.py) of sample answers to every question of the
fixture and default courses, and the saved state of every module, built to the contract's layout."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from builder.build import build
from builder.contract import AnswerKey, ChoiceKey, RangeKey, TextKey, contract
from builder.diagnostics import Diagnostics
from builder.quiz.answer_key import answer_key
from builder.quiz.budget import answer_size, worst_case_state
from builder.quiz.html import matching_options
from builder.gift.model import MatchPair
from tests.conftest import FIXTURES, REPO_ROOT
from tests.runtime import oracle

HERE = os.path.dirname(__file__)
SOURCES = [FIXTURES / "courses" / "quiz", FIXTURES / "courses" / "sample", REPO_ROOT / "courses"]


@pytest.fixture(scope="module")
def modules():
    diagnostics = Diagnostics()
    result = build(SOURCES, None, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return [package.module for package in result.packages]


def grading_cases(modules) -> list[dict]:
    cases = []
    for module in modules:
        for item in (module.quiz.questions if module.quiz else []):
            question = item.question
            pairs = [a for a in question.answers if isinstance(a, MatchPair)]
            key = answer_key(question, matching_options(pairs), lambda text: f"<p>{text.text}</p>").to_json()
            for answer in oracle.sample_answers(question):
                cases.append({"question": f"{module.id}/{item.id}", "kind": question.kind.value, "key": key,
                              "answer": answer, "percent": oracle.grade(question, answer)})
    return cases


def state_cases(modules) -> list[dict]:
    cases = []
    for module in modules:
        questions = module.quiz.questions if module.quiz else []
        sizes = [answer_size(module.quiz, q.question.kind, q.question.answers) for q in questions]
        sample = {"visited": [i % 2 == 0 for i in range(len(module.lessons))], "quiz": None}
        if questions:
            sample["quiz"] = {"attempts": 3, "best": 62.5, "scores": [40, 62.5, 12.25], "seed": 123456789, "submitted": True,
                              "checked": [i % 3 == 0 for i in range(len(questions))],
                              "answers": [("ñ:" * size)[:size] for size in sizes]}
        cases.append({"module": module.id, "lessons": len(module.lessons), "answerSizes": sizes if questions else None,
                      "budget": worst_case_state(module), "hash": "0123abcd", "sample": sample,
                      "encoded": oracle.encode_state(sample, "0123abcd")})
    return cases


def test_the_answer_key_has_the_contracts_fields():
    fields = contract()["answerKey"]
    assert list(AnswerKey.__dataclass_fields__) == fields["fields"]
    assert [list(k.__dataclass_fields__) for k in (ChoiceKey, TextKey, RangeKey)] == [fields["choice"], fields["text"], fields["range"]]


def test_grading_and_state_in_node_agree_with_the_oracle(modules, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the runtime's unit tests need Node.js")
    grading, states = grading_cases(modules), state_cases(modules)
    kinds = {case["kind"] for case in grading}
    assert len(grading) > 150 and {"multiple_choice", "true_false", "multiple_response", "short_answer", "numerical", "matching", "essay"} <= kinds
    (tmp_path / "grading.json").write_text(json.dumps(grading))
    (tmp_path / "state.json").write_text(json.dumps(states))
    run = subprocess.run([node, "--test", os.path.join(HERE, "grading.test.js"), os.path.join(HERE, "state.test.js")],
                         env={**os.environ, "COURSEKIT_CASES": str(tmp_path)}, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
