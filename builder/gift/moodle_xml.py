"""Moodle XML export, in the shape Moodle's own XML importer reads (question/format/xml/format.php)."""
from __future__ import annotations

import re
from typing import Sequence

from lxml import etree

from builder.gift.grades import format_percent
from builder.gift.model import (
    Choice, FormattedText, MatchPair, NumericAnswer, Question, QuestionKind, ShortAnswer, TextFormat,
)
from builder.gift.writer import format_number

_XML_TYPES = {
    QuestionKind.DESCRIPTION: "description",
    QuestionKind.ESSAY: "essay",
    QuestionKind.TRUE_FALSE: "truefalse",
    QuestionKind.MULTIPLE_CHOICE: "multichoice",
    QuestionKind.MULTIPLE_RESPONSE: "multichoice",
    QuestionKind.SHORT_ANSWER: "shortanswer",
    QuestionKind.NUMERICAL: "numerical",
    QuestionKind.MATCHING: "matching",
}
MISSING_WORD_BLANK = "_____"  # what Moodle's GIFT importer puts where the answers were
# XML 1.0 cannot hold most control characters; a question text should not either.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TAGS = re.compile(r"<[^>]*>")


def to_moodle_xml(questions: Sequence[Question], marks: Sequence[float] | None = None) -> bytes:
    """A `<quiz>` Moodle imports: a category entry wherever the category changes, then the questions.

    `marks` are the questions' points (default 1 each). Moodle keeps each as the question's default
    mark, which becomes its mark when the question is added to a quiz: the quiz weighs its questions
    as the package does.
    """
    quiz = etree.Element("quiz")
    category: str | None = None
    for index, question in enumerate(questions):
        if question.category is not None and question.category != category:
            _category(quiz, question.category)
            category = question.category
        _question(quiz, question, 1.0 if marks is None else marks[index])
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _text(parent: etree._Element, tag: str, text: str, text_format: TextFormat | None = None) -> etree._Element:
    """`<tag format="..."><text>...</text></tag>`, the shape of every text in Moodle XML."""
    element = etree.SubElement(parent, tag)
    if text_format is not None:
        element.set("format", text_format.moodle_xml_name)
    etree.SubElement(element, "text").text = _clean(text)
    return element


def _value(parent: etree._Element, tag: str, value: str) -> None:
    etree.SubElement(parent, tag).text = value


def _category(quiz: etree._Element, path: str) -> None:
    element = etree.SubElement(quiz, "question", type="category")
    _text(element, "category", path)
    _text(element, "info", "", TextFormat.MOODLE)


def default_name(question: Question) -> str:
    """The name Moodle gives a question without a title: the start of its text, tags removed."""
    text = " ".join(_TAGS.sub(" ", _moodle_text(question)).split())
    if len(text) <= 80:
        return text or "Question"
    return text[:77].rsplit(" ", 1)[0] + "..."


def _moodle_text(question: Question) -> str:
    if question.text_after is None:
        return question.text
    return question.text + MISSING_WORD_BLANK + question.text_after


def _question(quiz: etree._Element, question: Question, mark: float) -> None:
    element = etree.SubElement(quiz, "question", type=_XML_TYPES[question.kind])
    _text(element, "name", question.title or default_name(question))
    _text(element, "questiontext", _moodle_text(question), question.text_format)
    general = question.general_feedback or FormattedText("", question.text_format)
    _text(element, "generalfeedback", general.text, general.format)
    graded = question.kind is not QuestionKind.DESCRIPTION
    _value(element, "defaultgrade", format_number(mark) if graded else "0")
    # Moodle's GIFT importer gives true/false questions a penalty of 1, the others 0.3333333.
    penalty = {QuestionKind.TRUE_FALSE: "1", QuestionKind.DESCRIPTION: "0"}.get(question.kind, "0.3333333")
    _value(element, "penalty", penalty)
    _value(element, "hidden", "0")
    _WRITERS[question.kind](element, question)


def _answer(parent: etree._Element, text: FormattedText, percent: float, feedback: FormattedText | None,
            default: TextFormat) -> etree._Element:
    element = etree.SubElement(parent, "answer", fraction=format_percent(percent), format=text.format.moodle_xml_name)
    etree.SubElement(element, "text").text = _clean(text.text)
    feedback = feedback or FormattedText("", default)
    _text(element, "feedback", feedback.text, feedback.format)
    return element


def _combined_feedback(element: etree._Element, question: Question) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(element, tag, "", question.text_format)


def _choices(element: etree._Element, question: Question) -> None:
    single = question.kind is QuestionKind.MULTIPLE_CHOICE
    _value(element, "single", "true" if single else "false")
    _value(element, "shuffleanswers", "true")
    _value(element, "answernumbering", "abc")
    _combined_feedback(element, question)
    for choice in question.answers:
        assert isinstance(choice, Choice)
        _answer(element, choice.text, choice.percent, choice.feedback, question.text_format)


def _true_false(element: etree._Element, question: Question) -> None:
    for choice in question.answers:  # "true" first, then "false", as Moodle writes them
        assert isinstance(choice, Choice)
        plain = FormattedText(choice.text.text, TextFormat.MOODLE)
        _answer(element, plain, choice.percent, choice.feedback, question.text_format)


def _short_answers(element: etree._Element, question: Question) -> None:
    _value(element, "usecase", "0")
    for answer in question.answers:
        assert isinstance(answer, ShortAnswer)
        _answer(element, FormattedText(answer.text), answer.percent, answer.feedback, question.text_format)


def _numbers(element: etree._Element, question: Question) -> None:
    for answer in question.answers:
        assert isinstance(answer, NumericAnswer)
        value = "*" if answer.value is None else format_number(answer.value)
        node = _answer(element, FormattedText(value), answer.percent, answer.feedback, question.text_format)
        _value(node, "tolerance", format_number(answer.tolerance))


def _pairs(element: etree._Element, question: Question) -> None:
    _value(element, "shuffleanswers", "true")
    _combined_feedback(element, question)
    for pair in question.answers:
        assert isinstance(pair, MatchPair)
        node = _text(element, "subquestion", pair.prompt.text, pair.prompt.format)
        _text(node, "answer", pair.answer)


def _essay(element: etree._Element, question: Question) -> None:
    # The settings Moodle's GIFT importer gives an essay.
    for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "15"),
                       ("attachments", "0"), ("attachmentsrequired", "0")):
        _value(element, tag, value)
    _text(element, "graderinfo", "", TextFormat.HTML)
    _text(element, "responsetemplate", "", TextFormat.HTML)


def _nothing(element: etree._Element, question: Question) -> None:
    """A description has no answers."""


_WRITERS = {
    QuestionKind.DESCRIPTION: _nothing,
    QuestionKind.ESSAY: _essay,
    QuestionKind.TRUE_FALSE: _true_false,
    QuestionKind.MULTIPLE_CHOICE: _choices,
    QuestionKind.MULTIPLE_RESPONSE: _choices,
    QuestionKind.SHORT_ANSWER: _short_answers,
    QuestionKind.NUMERICAL: _numbers,
    QuestionKind.MATCHING: _pairs,
}
