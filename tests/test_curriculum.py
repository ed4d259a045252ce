"""The default curriculum in courses/: the structure the Industrial Parks portal needs, checked."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from lxml import html as lxml_html

from builder.cli import main
from builder.diagnostics import Diagnostics
from builder.gift.model import Choice, NumericAnswer, QuestionKind, ShortAnswer
from builder.load import load_courses
from builder.render import render_course
from tests.conftest import REPO_ROOT

EXPECTED = {
    "industrial-parks": ("en", ["planning-development", "investment-financing", "policy-coordination", "eco-industrial-parks"]),
    "parques-industriales": ("es", ["planificacion-desarrollo", "marco-politico-coordinacion", "inversion-financiamiento",
                                   "parques-eco-industriales"]),
    "parcs-industriels": ("fr", ["planification-developpement", "cadre-politique-coordination"]),
}


@pytest.fixture(scope="module")
def courses():
    diagnostics = Diagnostics()
    loaded = load_courses([REPO_ROOT / "courses"], diagnostics)
    for course in loaded:
        render_course(course, diagnostics)
    assert list(diagnostics) == []
    return {course.id: course for course in loaded}


def modules(courses):
    return [(course, module) for course in courses.values() for module in course.modules]


def lessons(module):
    return [lesson for lesson in module.lessons if module.quiz is None or lesson.id != module.quiz.lesson_id or lesson.body]


def prose_words(module) -> int:
    """Words a learner reads in the lessons: rendered text, formulas and the quiz left out."""
    count = 0
    for lesson in lessons(module):
        tree = lxml_html.fragment_fromstring(lesson.html, create_parent="div")
        for formula in tree.iter("{http://www.w3.org/1998/Math/MathML}math", "math"):
            formula.drop_tree()
        count += len(re.findall(r"\w+(?:[-'’]\w+)*", tree.text_content()))
    return count


def test_check_reports_no_errors_and_no_warnings(capsys, monkeypatch):
    monkeypatch.chdir(REPO_ROOT)
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "10 modules checked: no errors, 0 warnings\n"


def test_the_courses_modules_and_languages(courses):
    assert {cid: (c.language, [m.id for m in c.modules]) for cid, c in courses.items()} == EXPECTED


def test_each_module_has_four_to_six_lessons_and_2500_to_4500_words(courses):
    for course, module in modules(courses):
        assert 4 <= len(lessons(module)) <= 6, module.id
        assert 2500 <= prose_words(module) <= 4500, (module.id, prose_words(module))
        assert module.objectives and module.description and module.duration


def test_each_module_has_a_case_study_takeaways_glossary_further_reading_and_a_diagram(courses):
    headings = {"en": ("Key takeaways", "Glossary", "Further reading"), "es": ("Ideas clave", "Glosario", "Lecturas recomendadas"),
                "fr": ("Points clés", "Glossaire", "Lectures complémentaires")}
    for course, module in modules(courses):
        page = "\n".join(lesson.html for lesson in lessons(module))
        assert 'class="callout callout-case-study"' in page, module.id
        for heading in headings[course.language]:
            assert re.search(rf"<h3[^>]*>{heading}</h3>", page), (module.id, heading)
        assert "<dl>" in page, module.id                                        # the glossary
        diagrams = [a for a in module.assets if a.package_path.endswith(".svg")]
        assert diagrams, module.id
        for image in lxml_html.fragment_fromstring(page, create_parent="div").iter("img"):
            assert len(image.get("alt", "")) >= 20, (module.id, image.get("src"))   # a real text alternative


def test_each_quiz_has_12_questions_of_5_types_feedback_on_every_answer_and_pass_mark_70(courses):
    for course, module in modules(courses):
        questions = [item.question for item in module.quiz.questions]
        assert len(questions) >= 12, module.id
        assert len(Counter(q.kind for q in questions)) >= 5, module.id
        assert course.pass_mark(module) == 70
        for question in questions:
            for answer in question.answers:
                if isinstance(answer, (Choice, ShortAnswer, NumericAnswer)):
                    assert answer.feedback is not None and answer.feedback.text.strip(), (module.id, question.title)
            if question.kind in (QuestionKind.MATCHING, QuestionKind.ESSAY):
                assert question.general_feedback is not None, (module.id, question.title)


def test_every_question_type_is_used_across_the_curriculum(courses):
    used = {item.question.kind for _, module in modules(courses) for item in module.quiz.questions}
    assert used == set(QuestionKind)
    assert any(item.question.is_missing_word for _, module in modules(courses) for item in module.quiz.questions)


# Strings a language writes exactly as English does: "{minutes} min", punctuation patterns, and French words
# spelt as in English ("Quiz", "Correct", "Incorrect", "(3 points)").
SAME_AS_ENGLISH = {
    "es": {"page.duration", "callout.label", "quiz.review-item", "quiz.list-separator", "quiz.match-pair"},
    "fr": {"page.duration", "quiz.match-pair", "quiz.title", "quiz.correct", "quiz.incorrect", "quiz.points"},
}


@pytest.mark.parametrize("language, course", [("es", "parques-industriales"), ("fr", "parcs-industriels")])
def test_no_learner_facing_string_of_a_translated_course_falls_back_to_english(language, course, tmp_path):
    import yaml
    import zipfile

    from builder.build import build
    from builder.paths import templates_dir

    english = yaml.safe_load((templates_dir() / "i18n" / "en.yml").read_text(encoding="utf-8"))
    strings = yaml.safe_load((templates_dir() / "i18n" / f"{language}.yml").read_text(encoding="utf-8"))
    assert set(strings) == set(english)
    assert {key for key in english if english[key] == strings[key]} == SAME_AS_ENGLISH[language]
    result = build([REPO_ROOT / "courses" / course], tmp_path, Diagnostics())
    with zipfile.ZipFile(result.written[0]) as archive:
        page = archive.read("index.html").decode("utf-8")
    assert f'<html lang="{language}" dir="ltr">' in page
    for key in ("page.skip", "page.previous", "page.next", "quiz.submit", "quiz.true", "callout.case-study"):
        assert strings[key] in page and english[key] not in page.replace(strings[key], "")
