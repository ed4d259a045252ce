"""A strict GIFT parser: Moodle's semantics, with an error wherever Moodle would silently mis-import.

The structure follows Moodle's own importer (question/format/gift/format.php): blank lines
separate questions, `//` lines are comments, `$CATEGORY:` sets the category of the questions
after it, `::title::` names a question, and the first `{...}` holds the answers.
"""
from __future__ import annotations

import re
from pathlib import Path

from builder.diagnostics import Diagnostics, Location
from builder.gift import answers as read
from builder.gift.model import FormattedText, Question, QuestionKind, TextFormat
from builder.gift.pieces import GiftError, read_format
from builder.gift.source import PHP_WHITESPACE, Chunk, Span, split_chunks

_CATEGORY = "$CATEGORY:"
_KNOWN_TAG = re.compile(r"\[(html|moodle|plain|markdown)\]")


def parse_gift(
    source: str, path: Path, diagnostics: Diagnostics, *, first_line: int = 1, first_col: int = 1
) -> list[Question]:
    """The questions of a GIFT text. Problems go to `diagnostics`; a broken question is skipped.

    `first_line` and `first_col` say where the text starts in its file (a fenced block in a
    lesson), so that every location points into that file.
    """
    chunks = split_chunks(source, Path(path), first_line, first_col)
    questions: list[Question] = []
    category: str | None = None
    index = 0
    while index < len(chunks):
        chunk = chunks[index]
        closing = _closed_after_blank_line(chunks, index)
        if closing is not None:
            diagnostics.error(Location(chunk.path, chunk.last_line + 1, 1), _SPLIT_BY_BLANK_LINE.format(chunk.first_line), rule="gift")
            index = closing + 1
            continue
        index += 1
        try:
            category, question = _read_chunk(chunk, category)
        except GiftError as problem:
            diagnostics.error(problem.location, problem.message, rule="gift")
            continue
        if question is not None:
            questions.append(question)
    return questions


_SPLIT_BY_BLANK_LINE = (
    "blank line inside the answers of the question at line {}: Moodle would split the question here; "
    "remove the blank line (write \\n for a line break)"
)


def _closed_after_blank_line(chunks: list[Chunk], index: int) -> int | None:
    """The chunk that closes a `{` left open before a blank line, if a later chunk does."""
    mask = chunks[index].mask
    opened = mask.rfind("{")
    if opened < 0 or mask.find("}", opened) >= 0:
        return None
    for later in range(index + 1, len(chunks)):
        open_at, close_at = chunks[later].mask.find("{"), chunks[later].mask.find("}")
        if close_at >= 0 and (open_at < 0 or close_at < open_at):
            return later
        if open_at >= 0:
            return None
    return None


def _read_chunk(chunk: Chunk, category: str | None) -> tuple[str | None, Question | None]:
    """The category in force after this chunk, and its question (None for a category line)."""
    if chunk.zero_line is not None:
        line = chunk.zero_line
        raise GiftError(
            Location(chunk.path, line.number, line.col),
            'a line holding only "0" counts as a blank line in Moodle and would split the question: '
            'put the 0 at the end of the line before',
        )
    span = chunk.span().strip()
    if not span:
        return category, None  # only comments
    if span.mask[:len(_CATEGORY)].upper() == _CATEGORY:
        return _read_category(span), None
    return category, _read_question(span, category)


def _read_category(span: Span) -> str:
    if not span.startswith(_CATEGORY):
        written = span.raw[:len(_CATEGORY)]
        raise GiftError(span.location, f'write "{_CATEGORY}" in capitals (Moodle reads "{written}" as question text)')
    newline = span.find("\n")
    if newline >= 0:
        raise GiftError(
            span.location_at(newline + 1),
            f'a "{_CATEGORY}" line must be followed by a blank line (Moodle would make the next lines part of the category name)',
        )
    name = span[len(_CATEGORY):]
    escaped = next((i for i, (m, c) in enumerate(zip(name.mask, name.raw)) if m != c), None)
    if escaped is not None:  # Moodle leaves its internal placeholders in category names
        raise GiftError(name.location_at(escaped), "a category name cannot contain escapes such as \\: or \\n")
    if not name.text:
        raise GiftError(span.location, f'the category name after "{_CATEGORY}" is empty')
    return name.text


def _read_question(span: Span, category: str | None) -> Question:
    location = span.location
    title, span = _read_title(span)
    span = span.strip()
    braces = _find_answers(span)
    if braces is None:
        text_format, body = read_format(span, TextFormat.MOODLE)
        return _finish(Question(QuestionKind.DESCRIPTION, body.text, text_format, title, None, (), None, category, location))
    opening, closing = braces
    text_format, body = read_format(span[:opening], TextFormat.MOODLE)
    after = span[closing + 1:]
    if after.strip():  # missing word: the blank goes where the answers are
        text, text_after = body.raw.lstrip(PHP_WHITESPACE), after.raw.rstrip(PHP_WHITESPACE)
    else:
        text, text_after = body.text, None
    inside = span[opening + 1:closing].strip()
    answers_span, general_feedback = _split_general_feedback(inside, text_format)
    kind, answers = _read_answers(answers_span, text_format)
    return _finish(Question(kind, text, text_format, title, text_after, answers, general_feedback, category, location))


def _finish(question: Question) -> Question:
    if not question.text and not question.text_after:
        raise GiftError(question.location, "the question has no text")
    return question


def _read_title(span: Span) -> tuple[str | None, Span]:
    if not span.startswith("::"):
        return None, span
    end = span.find("::", 2)
    if end < 0:
        raise GiftError(span.location, 'the title is not closed: put "::" after it')
    title = span[2:end].text
    if not title:
        raise GiftError(span.location, 'the title between "::" and "::" is empty')
    return title, span[end + 2:]


def _find_answers(span: Span) -> tuple[int, int] | None:
    """Where the `{` and `}` around the answers are; None for a description (no braces)."""
    opening, closing = span.find("{"), span.find("}")
    if opening < 0 and closing < 0:
        return None
    if closing >= 0 and (opening < 0 or closing < opening):
        raise GiftError(span.location_at(closing), '"}" has no "{" before it: write \\} for a brace in the text')
    if closing < 0:
        raise GiftError(span.location_at(opening), 'the answers are not closed: put "}" after the last answer')
    nested = span.find("{", opening + 1)
    if 0 <= nested < closing:
        raise GiftError(
            span.location_at(nested), '"{" inside the answers: write \\{ for a brace, or close the answers with "}" first')
    later = [at for at in (span.find("{", closing + 1), span.find("}", closing + 1)) if at >= 0]
    if later:
        at = min(later)
        if span.mask[at] == "}":
            raise GiftError(span.location_at(at), '"}" has no "{" before it: write \\} for a brace in the text')
        raise GiftError(
            span.location_at(at),
            'a second "{" after the answers: a question has one {...}; is a blank line missing before the next question?',
        )
    return opening, closing


def _split_general_feedback(inside: Span, text_format: TextFormat) -> tuple[Span, FormattedText | None]:
    """`####feedback for everyone` at the end of the answers (Moodle looks for the last ####)."""
    at = inside.rfind("####")
    if at < 0:
        return inside, None
    feedback = inside[at + 4:]
    stripped = feedback.strip()
    # Moodle reads a format tag only right after ####: " [html]" would stay in the text.
    if feedback.mask[:1] in tuple(PHP_WHITESPACE) and _KNOWN_TAG.match(stripped.mask):
        raise GiftError(stripped.location, 'put the format tag right after "####", with no space before it')
    feedback_format, body = read_format(stripped, text_format)
    text = body.text
    return inside[:at].strip(), (FormattedText(text, feedback_format) if text else None)


def _read_answers(span: Span, text_format: TextFormat) -> tuple[QuestionKind, tuple]:
    """Tell the kind of question the way Moodle does, then read its answers."""
    if not span:
        return QuestionKind.ESSAY, ()
    if span.startswith("#"):
        return QuestionKind.NUMERICAL, read.read_numbers(span, text_format)
    if span.find("~") >= 0:
        return read.read_choices(span, text_format)
    if span.find("=") >= 0 and span.find("->") >= 0:
        return QuestionKind.MATCHING, read.read_pairs(span, text_format)
    word = span
    if span.find("#") > 0:
        word = span[:span.find("#")].strip()
    if word.mask in ("T", "TRUE", "F", "FALSE"):
        return QuestionKind.TRUE_FALSE, read.read_true_false(span, text_format)
    return QuestionKind.SHORT_ANSWER, read.read_short_answers(span, text_format)
