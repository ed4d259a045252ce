"""to_moodle_xml: the XML Moodle's importer (question/format/xml/format.php) reads."""
from __future__ import annotations

import pytest
from lxml import etree

from builder.gift import to_moodle_xml
from gift_helpers import parse_ok

SOURCE = """$CATEGORY: $course$/top/Module 1

::Intro::[html]<p>Welcome</p>

::Essay::Describe it. {####[html]<p>Hints</p>}

::TF::Grass is green. {TRUE#No, it is.#Yes.}

::Single::Which? {=a #right ~%50%b #half ~c ####All done.}

::Multi::Pick. {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d #no}

$CATEGORY: $course$/top/Module 2

::Short::Who? {=no one #yes =%50%Grant}

::Num::Pi? {#3.14:0.01 #close =%50%3:0.5 ~#no}

::Match::[markdown]Match. {=Canada -> Ottawa =Italy -> Rome = -> Paris}

Grant is {~buried =entombed} in the tomb.
"""


@pytest.fixture(scope="module")
def quiz() -> etree._Element:
    return etree.fromstring(to_moodle_xml(parse_ok(SOURCE)))


def named(quiz: etree._Element, name: str) -> etree._Element:
    (question,) = quiz.xpath("question[name/text=$name]", name=name)
    return question


def fractions(question: etree._Element) -> list[float]:
    return [float(a.get("fraction")) for a in question.findall("answer")]


def test_it_is_xml_with_a_declaration():
    data = to_moodle_xml(parse_ok(SOURCE))
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert etree.fromstring(data).tag == "quiz"


def test_category_entries_where_the_category_changes(quiz):
    types = [q.get("type") for q in quiz.findall("question")]
    assert types[0] == "category" and types.count("category") == 2
    assert quiz.xpath("question[@type='category']/category/text/text()") == ["$course$/top/Module 1", "$course$/top/Module 2"]
    assert types[types.index("category", 1) + 1] == "shortanswer"


def test_common_fields_and_format_names(quiz):
    intro = named(quiz, "Intro")
    assert intro.get("type") == "description"
    assert intro.find("questiontext").get("format") == "html"
    assert intro.findtext("questiontext/text") == "<p>Welcome</p>"
    assert intro.findtext("defaultgrade") == "0"
    assert named(quiz, "Match").find("questiontext").get("format") == "markdown"
    assert named(quiz, "Single").find("questiontext").get("format") == "moodle_auto_format"
    assert named(quiz, "Single").findtext("generalfeedback/text") == "All done."


def test_essay(quiz):
    essay = named(quiz, "Essay")
    assert essay.get("type") == "essay"
    assert essay.findtext("responseformat") == "editor"
    assert essay.find("generalfeedback").get("format") == "html"


def test_true_false_answers_and_their_feedback(quiz):
    question = named(quiz, "TF")
    assert question.get("type") == "truefalse"
    answers = {a.findtext("text"): (a.get("fraction"), a.findtext("feedback/text")) for a in question.findall("answer")}
    assert answers == {"true": ("100", "Yes."), "false": ("0", "No, it is.")}
    assert question.findtext("penalty") == "1"


def test_single_answer_multichoice_has_exactly_one_full_mark(quiz):
    question = named(quiz, "Single")
    assert question.get("type") == "multichoice" and question.findtext("single") == "true"
    assert fractions(question) == [100.0, 50.0, 0.0]
    assert fractions(question).count(100.0) == 1
    assert [a.findtext("feedback/text") for a in question.findall("answer")] == ["right", "half", ""]


def test_multiple_answer_fractions_of_correct_answers_add_up_to_100(quiz):
    question = named(quiz, "Multi")
    assert question.findtext("single") == "false"
    assert [a.get("fraction") for a in question.findall("answer")] == ["33.33333", "33.33333", "33.33333", "-100"]
    assert round(sum(f for f in fractions(question) if f > 0) / 100, 2) == 1  # Moodle's own check
    assert question.find("answer[4]/feedback/text").text == "no"


def test_short_answer(quiz):
    question = named(quiz, "Short")
    assert question.get("type") == "shortanswer"
    assert [(a.findtext("text"), a.get("fraction")) for a in question.findall("answer")] == [("no one", "100"), ("Grant", "50")]
    assert question.findtext("answer/feedback/text") == "yes"


def test_numerical_answers_tolerance_and_any_other_answer(quiz):
    question = named(quiz, "Num")
    rows = [(a.findtext("text"), a.get("fraction"), a.findtext("tolerance"), a.findtext("feedback/text"))
            for a in question.findall("answer")]
    assert rows == [("3.14", "100", "0.01", "close"), ("3", "50", "0.5", ""), ("*", "0", "0", "no")]


def test_matching_subquestions(quiz):
    question = named(quiz, "Match")
    assert question.get("type") == "matching"
    pairs = [(s.findtext("text"), s.findtext("answer/text"), s.get("format")) for s in question.findall("subquestion")]
    assert pairs == [("Canada", "Ottawa", "markdown"), ("Italy", "Rome", "markdown"), ("", "Paris", "markdown")]


def test_missing_word_text_has_moodles_blank_and_a_default_name(quiz):
    question = quiz.findall("question")[-1]
    assert question.findtext("questiontext/text") == "Grant is _____ in the tomb."
    assert question.findtext("name/text") == "Grant is _____ in the tomb."


def test_characters_xml_cannot_hold_are_dropped():
    (question,) = parse_ok("Bell\x07 {T}")
    assert etree.fromstring(to_moodle_xml([question])).findtext("question/questiontext/text") == "Bell"
