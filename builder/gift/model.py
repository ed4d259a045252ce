"""The typed model of a GIFT quiz: what the parser produces and the writers consume.

Everything the rest of the builder needs to show and export a question, and the runtime to grade
it, is here: each answer's credit in percent and its feedback, and the text format of every piece
of text. Grading itself is the runtime's (templates/runtime/grading.js; tests/runtime/oracle.py
is the Python oracle it is tested against).
Locations never take part in equality, so two parses of the same quiz compare equal.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Union

from builder.diagnostics import Location


class TextFormat(enum.Enum):
    """Moodle's text formats, named as GIFT's `[format]` tags name them."""

    MOODLE = "moodle"
    HTML = "html"
    PLAIN = "plain"
    MARKDOWN = "markdown"

    @property
    def moodle_xml_name(self) -> str:
        """The name Moodle XML uses in `format="..."` attributes."""
        return _XML_FORMAT_NAMES[self]


_XML_FORMAT_NAMES = {
    TextFormat.MOODLE: "moodle_auto_format",
    TextFormat.HTML: "html",
    TextFormat.PLAIN: "plain_text",
    TextFormat.MARKDOWN: "markdown",
}


class QuestionKind(enum.Enum):
    DESCRIPTION = "description"  # text only, no answers
    ESSAY = "essay"  # `{}`: free text, graded by a person
    TRUE_FALSE = "true_false"
    MULTIPLE_CHOICE = "multiple_choice"  # one correct answer (`=`)
    MULTIPLE_RESPONSE = "multiple_response"  # several correct answers, weights adding up to 100%
    SHORT_ANSWER = "short_answer"
    NUMERICAL = "numerical"
    MATCHING = "matching"


@dataclass(frozen=True)
class FormattedText:
    """A piece of text with the format it is written in (Markdown stays Markdown here)."""

    text: str
    format: TextFormat = TextFormat.MOODLE


@dataclass(frozen=True)
class Choice:
    """An answer a student picks: in multiple choice, multiple response and true/false questions.

    In a true/false question the two choices are "true" and "false", in that order, and each
    carries the feedback shown to a student who picks it.
    """

    text: FormattedText
    percent: float  # credit for picking it, -100..100 (Moodle's fraction x 100)
    feedback: FormattedText | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ShortAnswer:
    """An answer a student types. Plain text; Moodle's `*` wildcard works as in Moodle."""

    text: str
    percent: float
    feedback: FormattedText | None = None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class NumericAnswer:
    """Numbers from `value - tolerance` to `value + tolerance` earn `percent`.

    `value` None stands for any other answer (GIFT's `~#feedback`, Moodle's `*`): it earns 0%.
    """

    value: float | None
    tolerance: float = 0.0
    percent: float = 100.0
    feedback: FormattedText | None = None
    location: Location | None = field(default=None, compare=False)

    @property
    def minimum(self) -> float | None:
        return None if self.value is None else self.value - self.tolerance

    @property
    def maximum(self) -> float | None:
        return None if self.value is None else self.value + self.tolerance


@dataclass(frozen=True)
class MatchPair:
    """`=prompt -> answer`. An empty prompt makes `answer` an extra wrong answer (a distractor)."""

    prompt: FormattedText
    answer: str  # plain text
    location: Location | None = field(default=None, compare=False)


Answer = Union[Choice, ShortAnswer, NumericAnswer, MatchPair]


@dataclass(frozen=True)
class Question:
    """One GIFT question.

    A missing-word question has the answers in the middle of its text: `text`, then the blank,
    then `text_after` (None for every other question). Whitespace around the blank is kept, so
    Moodle's own text is `text + "_____" + text_after`.
    """

    kind: QuestionKind
    text: str
    text_format: TextFormat = TextFormat.MOODLE
    title: str | None = None
    text_after: str | None = None
    answers: tuple[Answer, ...] = ()
    general_feedback: FormattedText | None = None
    category: str | None = None  # from the last `$CATEGORY:` line before the question
    location: Location | None = field(default=None, compare=False)

    @property
    def is_missing_word(self) -> bool:
        return self.text_after is not None

    @property
    def is_graded(self) -> bool:
        """Whether a machine can grade it (descriptions and essays are not)."""
        return self.kind not in (QuestionKind.DESCRIPTION, QuestionKind.ESSAY)
