"""Every module of the default curriculum, played as a learner in Moodle would: every lesson read,
the quiz answered right, as scorm-again records it."""
from __future__ import annotations

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from builder.gift.model import Choice, MatchPair, NumericAnswer, QuestionKind, ShortAnswer
from builder.quiz.html import matching_options
from tests.browser.harness import LmsSession
from tests.conftest import REPO_ROOT

MODULES = ["planning-development", "investment-financing", "policy-coordination", "eco-industrial-parks",
           "planificacion-desarrollo", "marco-politico-coordinacion", "inversion-financiamiento", "parques-eco-industriales",
           "planification-developpement", "cadre-politique-coordination"]
SCORE_100 = {"en": "Your score: 100%", "es": "Su calificación: 100", "fr": "Votre note\u202f: 100\u202f%"}


@pytest.fixture(scope="module")
def curriculum(tmp_path_factory):
    diagnostics = Diagnostics()
    result = build([REPO_ROOT / "courses"], tmp_path_factory.mktemp("dist"), diagnostics)
    assert not diagnostics.has_errors
    return {package.module.id: (package, path) for package, path in zip(result.packages, result.written)}


def answer_right(frame, item) -> None:
    """Give the full-credit answer of one question, found from the question's own model."""
    question, element = item.question, frame.locator(f"#q-{item.id}")
    if question.kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        best = max(range(len(question.answers)), key=lambda i: question.answers[i].percent)
        if question.is_missing_word:
            element.locator("select").select_option(value=str(best))
        else:
            element.locator(f"input[value='{best}']").check()
    elif question.kind is QuestionKind.MULTIPLE_RESPONSE:
        for index, choice in enumerate(question.answers):
            if isinstance(choice, Choice) and choice.percent > 0:
                element.locator(f"input[value='{index}']").check()
    elif question.kind is QuestionKind.SHORT_ANSWER:
        best = max((a for a in question.answers if isinstance(a, ShortAnswer)), key=lambda a: a.percent)
        element.locator(".ck-input").fill(best.text.replace("*", "x"))
    elif question.kind is QuestionKind.NUMERICAL:
        best = max((a for a in question.answers if isinstance(a, NumericAnswer) and a.value is not None), key=lambda a: a.percent)
        element.locator(".ck-input").fill(f"{best.value:g}")
    elif question.kind is QuestionKind.MATCHING:
        pairs = [a for a in question.answers if isinstance(a, MatchPair)]
        options = matching_options(pairs)
        for index, pair in enumerate(p for p in pairs if p.prompt.text):
            element.locator(f"select[data-prompt='{index}']").select_option(value=str(options.index(pair.answer)))
    elif question.kind is QuestionKind.ESSAY:
        element.locator("textarea").fill("An answer written for the teacher.")


@pytest.mark.parametrize("module_id", MODULES)
def test_walk_every_lesson_and_pass_the_quiz(module_id, page, server, curriculum):
    package, zip_path = curriculum[module_id]
    session = LmsSession.launch(page, server, server.add_package(zip_path))
    frame = session.sco
    for _ in range(len(package.module.lessons) - 1):
        frame.click("#ck-next")
    assert frame.eval_on_selector("section.ck-lesson:not([hidden])", "s => s.dataset.lesson") == package.module.quiz.lesson_id
    for item in package.module.quiz.questions:
        if item.question.kind is not QuestionKind.DESCRIPTION:
            answer_right(frame, item)
    frame.click("#ck-quiz-submit")
    frame.wait_for_selector("#ck-quiz-result:not([hidden])")
    result = frame.inner_text("#ck-quiz-result")
    assert SCORE_100[package.course.language] in result
    session.unload()
    cmi = session.cmi()
    assert (cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"], cmi["core"]["exit"]) == ("passed", "100", "")
    assert [c for c in session.calls() if c["error"] != "0"] == []
    assert session.outside_requests() == [] and session.failures == []
