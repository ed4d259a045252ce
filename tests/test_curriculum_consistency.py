"""Facts the English, Spanish and French courses teach in common: stated the same way in each, quizzes included."""
from __future__ import annotations

import pytest

from builder.diagnostics import Diagnostics
from builder.gift.model import Choice, MatchPair, QuestionKind
from builder.load import load_courses
from builder.render import render_course
from tests.conftest import REPO_ROOT

# The results-chain level of a park's exports, and the words that name exports and that level.
OUTCOME = {"en": ("export", "outcome"), "es": ("exportaciones", "resultado"), "fr": ("exportations", "effet")}
POLICY_MODULE = {"industrial-parks": "policy-coordination", "parques-industriales": "marco-politico-coordinacion",
                 "parcs-industriels": "cadre-politique-coordination"}


@pytest.fixture(scope="module")
def policy_quizzes():
    diagnostics = Diagnostics()
    loaded = load_courses([REPO_ROOT / "courses"], diagnostics)
    quizzes = {}
    for course in loaded:
        if course.id in POLICY_MODULE:
            render_course(course, diagnostics)
            module = next(m for m in course.modules if m.id == POLICY_MODULE[course.id])
            quizzes[course.language] = [item.question for item in module.quiz.questions]
    assert list(diagnostics) == []
    assert set(quizzes) == set(OUTCOME)
    return quizzes


def test_exports_of_tenant_firms_are_an_outcome_in_every_results_chain_question(policy_quizzes):
    for language, questions in policy_quizzes.items():
        exports, outcome = OUTCOME[language]
        pairs = [answer for q in questions if q.kind is QuestionKind.MATCHING for answer in q.answers
                 if isinstance(answer, MatchPair) and exports in answer.answer.lower()]
        assert pairs, language                                                   # the results-chain matching question
        assert all(pair.prompt.text.lower().startswith(outcome) for pair in pairs), language
        right = [answer.text.text.lower() for q in questions if q.kind is QuestionKind.MULTIPLE_CHOICE
                 and exports in q.text.lower() for answer in q.answers if isinstance(answer, Choice) and answer.percent == 100]
        assert outcome in right, language                                         # the question that asks for the level


def test_the_spanish_course_no_longer_calls_the_regulator_always_public():
    module = REPO_ROOT / "courses" / "parques-industriales" / "02-marco-politico-coordinacion"
    texts = [path.read_text(encoding="utf-8") for path in sorted(module.rglob("*")) if path.suffix in (".md", ".gift", ".svg")]
    assert not any("siempre público" in text or "siempre pública" in text for text in texts)
    assert any("usuario operador" in text for text in texts)
