"""Normalised GIFT: one layout for every question, every special character escaped.

Parsing the output gives back the same questions. Texts go on one line each, with line breaks
written as `\\n` (as Moodle's own GIFT export does), so that no line of a text can be taken for
a comment, a blank line or the start of another question.
"""
from __future__ import annotations

import math
import re
from typing import Sequence

from builder.gift.grades import format_percent
from builder.gift.model import (
    Choice, FormattedText, MatchPair, NumericAnswer, Question, QuestionKind, ShortAnswer, TextFormat,
)

_SPECIAL = re.compile(r"[\\~=#{}:\n]")
_LOOKS_LIKE_TAG = re.compile(r"\[[A-Za-z]+\]")
_LOOKS_LIKE_WEIGHT = re.compile(r"%[^%]*%")


def format_gift(questions: Sequence[Question]) -> str:
    """The questions as normalised GIFT, with a `$CATEGORY:` line wherever the category changes."""
    blocks: list[str] = []
    category: str | None = None
    for question in questions:
        if question.category is not None and question.category != category:
            blocks.append(f"$CATEGORY: {question.category}")
        category = question.category if question.category is not None else category
        blocks.append(_question(question))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def escape(text: str) -> str:
    """Escape GIFT's special characters; line breaks become `\\n`."""
    return _SPECIAL.sub(lambda m: "\\n" if m.group(0) == "\n" else "\\" + m.group(0), text.replace("\r", ""))


def _formatted(piece: FormattedText | None, default: TextFormat) -> str:
    """A text with its format tag when it differs from the default, or when the text looks like one."""
    if piece is None or not piece.text:
        return ""
    tag = piece.format is not default or _LOOKS_LIKE_TAG.match(piece.text)
    return (f"[{piece.format.value}]" if tag else "") + escape(piece.text)


def _question(question: Question) -> str:
    head = f"::{escape(question.title)}::" if question.title is not None else ""
    text = _formatted(FormattedText(question.text, question.text_format), TextFormat.MOODLE)
    if question.text_format is not TextFormat.MOODLE and not question.text:
        text = f"[{question.text_format.value}]"
    elif not head and (text.startswith("//") or text == "0"):
        text = "[moodle]" + text  # keeps the line from being read as a comment or a blank line
    if question.kind is QuestionKind.DESCRIPTION:
        return head + text
    after = question.text_after
    if after is not None:
        after = escape(after) if after else "\\n"  # an empty text after the blank still has one
    separator = "" if after is not None else " "
    return head + text + separator + _answer_block(question) + (after or "")


def _answer_block(question: Question) -> str:
    fmt = question.text_format
    general = question.general_feedback
    closing = f"####{_formatted(general, fmt)}" if general and general.text else ""
    kind = question.kind
    if kind is QuestionKind.ESSAY:
        return "{" + closing + "}"
    if kind is QuestionKind.TRUE_FALSE:
        return "{" + _true_false(question.answers, fmt) + closing + "}"
    lines = [f"\t{line}" for line in _answer_lines(question)]
    if closing:
        lines.append(f"\t{closing}")
    opening = "{#" if kind is QuestionKind.NUMERICAL else "{"
    return opening + "\n" + "\n".join(lines) + "\n}"


def _answer_lines(question: Question) -> list[str]:
    fmt = question.text_format
    if question.kind is QuestionKind.MULTIPLE_CHOICE:
        return [_choice(a, fmt, single=True) for a in question.answers]
    if question.kind is QuestionKind.MULTIPLE_RESPONSE:
        return [_choice(a, fmt, single=False) for a in question.answers]
    if question.kind is QuestionKind.SHORT_ANSWER:
        return [_short_answer(a, fmt) for a in question.answers]
    if question.kind is QuestionKind.NUMERICAL:
        return [_number(a, fmt) for a in question.answers]
    return [_pair(a, fmt) for a in question.answers]


def _feedback(feedback: FormattedText | None, fmt: TextFormat) -> str:
    return f" #{_formatted(feedback, fmt)}" if feedback and feedback.text else ""


def _weight(percent: float) -> str:
    return f"%{format_percent(percent)}%"


def _choice(choice: Choice, fmt: TextFormat, single: bool) -> str:
    text = _formatted(choice.text, fmt)
    if single and choice.percent == 100:
        marker = "="
    elif choice.percent == 0 and not _LOOKS_LIKE_WEIGHT.match(text):
        marker = "~"
    else:
        marker = "~" + _weight(choice.percent)
    return marker + text + _feedback(choice.feedback, fmt)


def _short_answer(answer: ShortAnswer, fmt: TextFormat) -> str:
    text = escape(answer.text)
    weight = "" if answer.percent == 100 and not _LOOKS_LIKE_WEIGHT.match(text) else _weight(answer.percent)
    return "=" + weight + text + _feedback(answer.feedback, fmt)


def _number(answer: NumericAnswer, fmt: TextFormat) -> str:
    if answer.value is None:
        return "~#" + _formatted(answer.feedback, fmt)
    weight = "" if answer.percent == 100 else _weight(answer.percent)
    tolerance = f":{format_number(answer.tolerance)}" if answer.tolerance else ""
    return "=" + weight + format_number(answer.value) + tolerance + _feedback(answer.feedback, fmt)


def _pair(pair: MatchPair, fmt: TextFormat) -> str:
    return f"={_formatted(pair.prompt, fmt)} -> {escape(pair.answer)}"


def format_number(value: float) -> str:
    """Whole numbers without ".0"; others exactly (repr), so that reading them back gives the same float."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _true_false(answers: tuple, fmt: TextFormat) -> str:
    true_choice, false_choice = answers
    truth = true_choice.percent == 100
    right, wrong = (true_choice, false_choice) if truth else (false_choice, true_choice)
    right_text = _formatted(right.feedback, fmt)
    wrong_text = _formatted(wrong.feedback, fmt)
    out = "TRUE" if truth else "FALSE"
    if wrong_text or right_text:
        out += "#" + wrong_text
    if right_text:
        out += "#" + right_text
    return out
