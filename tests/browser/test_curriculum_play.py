"""Every module of the default curriculum, played as a learner in Moodle would: every lesson read,
the quiz answered right, as scorm-again records it."""
from __future__ import annotations

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from builder.gift.model import QuestionKind
from tests.browser.answers import answer_right
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
