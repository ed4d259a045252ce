"""coursekit export-questions: the same quizzes as Moodle XML and as normalised GIFT."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from builder.cli import main
from builder.diagnostics import Diagnostics
from builder.gift import parse_gift
from tests.conftest import FIXTURES

QUIZ_COURSE = FIXTURES / "courses" / "quiz"


def test_moodle_xml_has_a_category_per_module_and_every_question(tmp_path, capsys):
    assert main(["export-questions", str(QUIZ_COURSE), "--format", "moodle-xml", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiz-course_check_v1.0.0_questions.xml", "quiz-course_draw_v1.0.0_questions.xml",
                                                         "quiz-course_practice_v1.0.0_questions.xml"]
    quiz = etree.parse(str(tmp_path / "quiz-course_check_v1.0.0_questions.xml")).getroot()
    categories = [c.findtext("category/text") for c in quiz.iterfind("question[@type='category']")]
    assert categories == ["$course$/top/Quiz course/Check your knowledge/Basics", "$course$/top/Quiz course/Check your knowledge/Finance"]
    types = [q.get("type") for q in quiz.iterfind("question") if q.get("type") != "category"]
    assert types == ["multichoice", "truefalse", "multichoice", "shortanswer", "numerical", "matching", "multichoice",
                     "essay", "description", "truefalse"]
    # Untagged text is Markdown in coursekit, and is exported as Markdown for Moodle to render.
    assert {q.get("format") for q in quiz.iterfind("question/questiontext")} == {"markdown"}
    multiple_response = quiz.findall("question[@type='multichoice']")[1]
    assert multiple_response.findtext("single") == "false"
    assert [a.get("fraction") for a in multiple_response.iterfind("answer")] == ["50", "50", "-100"]


def test_gift_export_reads_back_as_the_same_questions(tmp_path, capsys):
    assert main(["export-questions", str(QUIZ_COURSE), "--format", "gift", "--out", str(tmp_path)]) == 0
    exported = tmp_path / "quiz-course_check_v1.0.0_questions.gift"
    diagnostics = Diagnostics()
    again = parse_gift(exported.read_text(encoding="utf-8"), exported, diagnostics)
    original = parse_gift((QUIZ_COURSE / "01-check" / "quiz.gift").read_text(encoding="utf-8"), Path("quiz.gift"), Diagnostics())
    assert list(diagnostics) == []
    assert [(q.title, q.kind, q.answers, q.text) for q in again] == [(q.title, q.kind, q.answers, q.text) for q in original]
    assert again[0].category == "$course$/top/Quiz course/Check your knowledge/Basics"


def test_export_with_errors_writes_nothing(tmp_path, capsys):
    assert main(["export-questions", str(Path(__file__).parents[1] / "bad" / "quiz-equals-in-feedback"), "--format", "gift",
                 "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_moodle_xml_carries_each_questions_points_as_its_default_mark(tmp_path, capsys):
    """Moodle makes <defaultgrade> the question's mark when it is added to a quiz: points weigh as in the package."""
    assert main(["export-questions", str(QUIZ_COURSE), "--format", "moodle-xml", "--out", str(tmp_path)]) == 0
    quiz = etree.parse(str(tmp_path / "quiz-course_check_v1.0.0_questions.xml")).getroot()
    marks = {q.findtext("name/text"): q.findtext("defaultgrade") for q in quiz.iterfind("question") if q.get("type") != "category"}
    assert marks["Q5 Hectares"] == "2"
    assert marks["Q1 Capital"] == "1"
    assert [mark for name, mark in marks.items() if mark == "0"] == ["0"]       # the description alone
