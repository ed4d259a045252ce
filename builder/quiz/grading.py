"""Grading in Python: a learner's response to a question → the credit the package gave it.

The package grades in the browser (templates/runtime/grading.js, `gradeAnswer`); this module gives
the same credit from the same GIFT model, for what the LMS recorded (see builder.report, which reads
Moodle's reports). The tests check both against the scores Moodle stored. The rules, as in the
runtime: a choice earns its weight; several choices earn the sum of theirs, kept within 0..100%; a
typed answer earns the best weight among the answers that accept it (case and spaces ignored, `*`
matching anything); a number earns the best weight among the ranges holding it; a matching question
earns the share of prompts given their answer.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from builder.contract import number_formats
from builder.gift.model import Choice, MatchPair, NumericAnswer, Question, QuestionKind, ShortAnswer
from builder.quiz.answer_key import CHOICE_KINDS
from builder.quiz.html import matching_options


@dataclass(frozen=True)
class Response:
    """What a learner answered, in the parts the runtime's adapters write (grading.js `responseParts`).

    Exactly one part is set: `choices` (indices of the source's choices; true/false: 0 is "true"),
    `pairs` ((prompt, option) indices; options in `matching_options` order), `number` or `text`.
    """

    choices: tuple[int, ...] | None = None
    pairs: tuple[tuple[int, int], ...] | None = None
    number: float | None = None
    text: str | None = None


@dataclass(frozen=True)
class Grade:
    percent: float | None      # None: an essay, graded by a person
    known: bool                # the response is one the question knows (an accepted answer, a listed choice...)


def grade(question: Question, response: Response) -> Grade:
    """The credit `response` earns, as the package computed it when the learner submitted."""
    kind = question.kind
    if kind is QuestionKind.ESSAY:
        return Grade(None, True)
    if kind in CHOICE_KINDS:
        return _grade_choices(question, response)
    if kind is QuestionKind.SHORT_ANSWER:
        text = response.text if response.text is not None else _number_text(response.number)
        accepting = [a for a in question.answers if isinstance(a, ShortAnswer) and text_matches(a.text, text)]
        return Grade(_best(a.percent for a in accepting), bool(accepting))
    if kind is QuestionKind.NUMERICAL:
        number = response.number if response.number is not None else parse_number(response.text or "")
        accepting = [a for a in question.answers if isinstance(a, NumericAnswer) and number_accepted(a, number)]
        return Grade(_best(a.percent for a in accepting), bool(accepting))
    if kind is QuestionKind.MATCHING:
        return _grade_pairs(question, response)
    return Grade(None, False)


def number_accepted(answer: NumericAnswer, number: float) -> bool:
    """Whether a number falls in the answer's range (any number, for a range-less answer)."""
    if answer.value is None:
        return True
    return math.isfinite(number) and answer.minimum <= number <= answer.maximum


def _grade_choices(question: Question, response: Response) -> Grade:
    choices = [a for a in question.answers if isinstance(a, Choice)]
    picked = response.choices or ()
    if not picked or any(not 0 <= i < len(choices) for i in picked):
        return Grade(0.0, False)
    if question.kind is QuestionKind.MULTIPLE_RESPONSE:
        return Grade(max(0.0, min(100.0, sum(choices[i].percent for i in set(picked)))), True)
    return Grade(choices[picked[0]].percent, len(picked) == 1)


def _grade_pairs(question: Question, response: Response) -> Grade:
    pairs = [a for a in question.answers if isinstance(a, MatchPair)]
    options = matching_options(pairs)
    key = [options.index(p.answer) for p in pairs if p.prompt.text]
    given = dict(response.pairs or ())
    known = bool(given) and all(0 <= p < len(key) and 0 <= o < len(options) for p, o in given.items())
    right = sum(1 for prompt, option in enumerate(key) if given.get(prompt) == option)
    return Grade(math.floor(10000 * right / len(key) + 0.5) / 100, known)


def _best(percents) -> float:
    """The runtime's bestOf: the highest weight among accepting answers, never below 0."""
    return max([0.0, *percents])


def score(marks: list[tuple[float, float | None]]) -> float:
    """A quiz score out of 100, as the runtime's Quiz.score: (points, percent) of each graded question."""
    possible = sum(points for points, percent in marks if percent is not None)
    earned = sum(points * max(0.0, percent) / 100 for points, percent in marks if percent is not None)
    return math.floor(10000 * earned / possible + 0.5) / 100 if possible else 0.0


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).strip()).lower()


def text_matches(accepted: str, given: str) -> bool:
    """As Moodle's short answer: case-insensitive, surrounding spaces ignored, `*` matches anything."""
    pattern = ".*".join(re.escape(part) for part in normalise(accepted).split("*"))
    return re.fullmatch(pattern, normalise(given), re.IGNORECASE | re.DOTALL) is not None


def parse_number(text: str) -> float:
    """"3.5", "3,5" (a decimal comma), "1,250.5" and "1 250" all read as numbers; anything else is NaN."""
    formats = number_formats()                        # the runtime's (templates/runtime/contract.json)
    clean = formats["spaces"].sub("", str(text))
    if formats["decimalComma"].search(clean):
        clean = clean.replace(",", ".")
    elif formats["thousands"].search(clean):
        clean = clean.replace(",", "")
    return float(clean) if formats["number"].search(clean) else math.nan


def _number_text(number: float | None) -> str:
    return "" if number is None else format_number(number)


def format_number(number: float) -> str:
    """A number as JavaScript's String() writes it for the values quizzes use: 6, 2.8, -0.5."""
    return str(int(number)) if float(number).is_integer() and abs(number) < 1e21 else repr(float(number))


def correct_response(question: Question) -> Response | None:
    """The response that earns full marks (the runtime's `correctParts`), None for an essay."""
    kind = question.kind
    choices = [a for a in question.answers if isinstance(a, Choice)]
    if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        return Response(choices=(_index_of_best([c.percent for c in choices]),))
    if kind is QuestionKind.MULTIPLE_RESPONSE:
        return Response(choices=tuple(i for i, c in enumerate(choices) if c.percent > 0))
    if kind is QuestionKind.SHORT_ANSWER:
        typed = [a for a in question.answers if isinstance(a, ShortAnswer)]
        return Response(text=typed[_index_of_best([a.percent for a in typed])].text)
    if kind is QuestionKind.NUMERICAL:
        numbers = [a for a in question.answers if isinstance(a, NumericAnswer)]
        best = numbers[_index_of_best([a.percent for a in numbers])]
        return Response(number=(best.minimum + best.maximum) / 2)   # as the runtime writes a range's middle
    if kind is QuestionKind.MATCHING:
        pairs = [a for a in question.answers if isinstance(a, MatchPair)]
        options = matching_options(pairs)
        return Response(pairs=tuple((i, options.index(p.answer)) for i, p in enumerate(a for a in pairs if a.prompt.text)))
    return None


def _index_of_best(percents: list[float]) -> int:
    best = 0
    for i, percent in enumerate(percents):
        if percent > percents[best]:
            best = i
    return best
