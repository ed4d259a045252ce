"""Reading the answers between `{` and `}`, one reader per kind of question.

Each reader follows the matching branch of Moodle's qformat_gift::readquestion()
(question/format/gift/format.php), and reports what Moodle would silently get wrong.
"""
from __future__ import annotations

from typing import Sequence

from builder.diagnostics import Location
from builder.gift.grades import format_percent
from builder.gift.model import Choice, FormattedText, MatchPair, NumericAnswer, QuestionKind, ShortAnswer, TextFormat
from builder.gift.pieces import (
    GiftError, Piece, formatted, read_format, read_number, read_weight, reject_format_tag, split_answers,
    split_feedback,
)
from builder.gift.source import PHP_WHITESPACE, Span

_TRUE_FALSE_WORDS = ("T", "TRUE", "F", "FALSE")
_NOT_A_NUMBER = " (Moodle would silently accept any answer for full marks)"


def _reject_lead(lead: Span, how: str) -> None:
    lead = lead.strip()
    if lead:
        raise GiftError(lead.location, f'text "{lead.text}" comes before the first answer: {how}')


# Multiple choice and multiple response: `{=right ~wrong ~%50%half}`.

def read_choices(span: Span, text_format: TextFormat) -> tuple[QuestionKind, tuple[Choice, ...]]:
    lead, pieces = split_answers(span, "~=")
    _reject_lead(lead, 'start every answer with "=" (correct) or "~" (wrong)')
    choices = tuple(_read_choice(piece, text_format) for piece in pieces)
    if len(choices) < 2:
        raise GiftError(span.location, "a multiple-choice question needs at least 2 answers")
    if any(piece.marker == "=" for piece in pieces):
        _check_single(choices)
        return QuestionKind.MULTIPLE_CHOICE, choices
    _check_weights_add_up(choices, span)
    return QuestionKind.MULTIPLE_RESPONSE, choices


def _read_choice(piece: Piece, text_format: TextFormat) -> Choice:
    body = piece.body.strip()
    weight, weighed = read_weight(body)
    if piece.marker == "=":  # Moodle reads no weight after "=": "%50%" would become answer text
        if weight is not None:
            raise GiftError(piece.location, f'"=" already gives 100%: write ~%{format_percent(weight)}% for partial credit')
        percent = 100.0
    else:
        body, percent = weighed, 0.0 if weight is None else weight
    text_span, feedback_span = split_feedback(body)
    arrow = text_span.find("->")
    if arrow >= 0:
        raise GiftError(
            text_span.location_at(arrow),
            'this answer list mixes matching pairs ("->") with multiple-choice answers ("~"): '
            'a matching question has only "=question -> answer" pairs',
        )
    choice_format, text_body = read_format(text_span.strip(), text_format)
    if not text_body.text:
        raise GiftError(piece.location, f'empty answer after "{piece.marker}"')
    feedback = formatted(feedback_span, text_format)
    return Choice(FormattedText(text_body.text, choice_format), percent, feedback, piece.location)


def _check_single(choices: tuple[Choice, ...]) -> None:
    full = [choice for choice in choices if choice.percent == 100]
    if len(full) > 1:
        raise GiftError(
            full[1].location,
            "more than one answer gives full marks: with \"=\" only one answer may be worth 100% "
            "(for several correct answers, give each a weight such as ~%50%)",
        )


def _check_weights_add_up(choices: tuple[Choice, ...], span: Span) -> None:
    positive = [choice.percent for choice in choices if choice.percent > 0]
    if not positive:
        raise GiftError(
            span.location,
            'no correct answer: mark the correct answer with "=", or give the correct answers weights such as ~%50%',
        )
    total = sum(positive)
    if abs(total - 100) >= 0.5:  # Moodle rounds the total fraction to 2 decimals
        raise GiftError(
            span.location,
            f"the weights of the correct answers add up to {format_percent(round(total, 2))}%, not 100% "
            "(Moodle requires 100% when several answers are correct)",
        )


# True/false: `{TRUE#feedback for a wrong answer#feedback for a right answer}`.

def read_true_false(span: Span, text_format: TextFormat) -> tuple[Choice, Choice]:
    word, wrong_span, right_span = span, None, None
    first = span.find("#")
    if first >= 0:
        word, rest = span[:first], span[first + 1:]
        second = rest.find("#")  # Moodle's explode('#', ..., 3): any further # is text
        wrong_span, right_span = (rest, None) if second < 0 else (rest[:second], rest[second + 1:])
    wrong, right = formatted(wrong_span, text_format), formatted(right_span, text_format)
    truth = word.text in ("T", "TRUE")
    label = {True: FormattedText("true", TextFormat.PLAIN), False: FormattedText("false", TextFormat.PLAIN)}
    return (
        Choice(label[True], 100.0 if truth else 0.0, right if truth else wrong, span.location),
        Choice(label[False], 0.0 if truth else 100.0, wrong if truth else right, span.location),
    )


# Short answer: `{=answer =%50%half right#feedback}`.

def read_short_answers(span: Span, text_format: TextFormat) -> tuple[ShortAnswer, ...]:
    lead, pieces = split_answers(span, "=")
    word = split_feedback(lead.strip())[0].text
    if word.upper() in _TRUE_FALSE_WORDS and not pieces:
        raise GiftError(
            lead.strip().location,
            f'write TRUE or FALSE (or T or F) in capitals for a true/false question (Moodle would make "{word}" a short answer)',
        )
    _reject_lead(lead, 'start every answer with "="')
    answers = tuple(_read_short_answer(piece, text_format) for piece in pieces)
    _check_full_marks(answers, span)
    return answers


def _read_short_answer(piece: Piece, text_format: TextFormat) -> ShortAnswer:
    weight, body = read_weight(piece.body)
    text_span, feedback_span = split_feedback(body)
    text_span = text_span.strip()
    reject_format_tag(text_span, "short answers")
    if not text_span.text:
        raise GiftError(piece.location, 'empty answer after "="')
    feedback = formatted(feedback_span, text_format)
    return ShortAnswer(text_span.text, 100.0 if weight is None else weight, feedback, piece.location)


def _check_full_marks(answers: Sequence[ShortAnswer | NumericAnswer], span: Span) -> None:
    if max(answer.percent for answer in answers) < 100:
        raise GiftError(span.location, 'no answer gives full marks: at least one answer must be worth 100% ("=" with no weight)')


# Numerical: `{#3.14:0.01#feedback =%50%3:0.5 ~#feedback for any other number}` or `{#1..5}`.

def read_numbers(span: Span, text_format: TextFormat) -> tuple[NumericAnswer, ...]:
    body = span[1:]
    other = None
    tilde = body.find("~")
    if tilde >= 0:  # Moodle takes everything from the first ~ as feedback for any other answer
        if tilde > 0 and body.char_before(tilde) not in PHP_WHITESPACE:
            raise GiftError(
                body.location_at(tilde),
                'unescaped "~": write \\~ for a tilde, or put a space before "~#" feedback for any other answer',
            )
        other = _read_other(body[tilde + 1:], body.location_at(tilde), text_format)
        body = body[:tilde]
    lead, pieces = split_answers(body, "=")
    if lead.strip():  # the first answer may go without "="
        pieces.insert(0, Piece("", lead, lead.strip().location))
    if not pieces:
        raise GiftError(span.location, 'a numerical question needs at least one number after "#"')
    answers = tuple(_read_number_answer(piece, text_format) for piece in pieces)
    _check_full_marks(answers, span)
    return answers + ((other,) if other else ())


def _read_other(span: Span, location: Location, text_format: TextFormat) -> NumericAnswer:
    span = span.strip()
    if not span.startswith("#"):
        raise GiftError(
            location, 'in a numerical question "~" must be followed by "#" and the feedback for any other answer')
    for marker in "~=":
        at = span.find(marker)
        if at >= 0:
            raise GiftError(
                span.location_at(at),
                f'unescaped "{marker}" after "~#": the feedback for any other answer comes last; write \\{marker} for the character itself',
            )
    return NumericAnswer(None, 0.0, 0.0, formatted(span[1:], text_format), location)


def _read_number_answer(piece: Piece, text_format: TextFormat) -> NumericAnswer:
    weight, body = read_weight(piece.body)
    value_span, feedback_span = split_feedback(body)
    value_span = value_span.strip()
    dots, colon = value_span.find(".."), value_span.find(":")
    if dots > 0:
        value, tolerance = _read_range(value_span, dots)
    elif colon > 0:
        value = read_number(value_span[:colon], "numerical answer", _NOT_A_NUMBER)
        tolerance_span = value_span[colon + 1:]
        tolerance = read_number(tolerance_span, "tolerance")
        if tolerance < 0:
            raise GiftError(
                tolerance_span.strip().location,
                f'tolerance "{tolerance_span.text}" is negative: '
                "write how far from the answer a number may be, such as 3.14:0.01",
            )
    else:
        value, tolerance = read_number(value_span, "numerical answer", _NOT_A_NUMBER), 0.0
    feedback = formatted(feedback_span, text_format)
    return NumericAnswer(value, tolerance, 100.0 if weight is None else weight, feedback, piece.location)


def _read_range(span: Span, dots: int) -> tuple[float, float]:
    low = read_number(span[:dots], "start of the range")
    high = read_number(span[dots + 2:], "end of the range")
    if low > high:
        raise GiftError(span.location, f'range "{span.text}" starts above its end: write the smaller number first')
    middle = (low + high) / 2  # as Moodle stores a range: its middle, and the distance to the ends
    return middle, high - middle


# Matching: `{=question -> answer =another -> its answer = -> an extra wrong answer}`.

def read_pairs(span: Span, text_format: TextFormat) -> tuple[MatchPair, ...]:
    lead, pieces = split_answers(span, "=")
    _reject_lead(lead, 'start every pair with "="')
    pairs = tuple(_read_pair(piece, text_format) for piece in pieces)
    rule = "(Moodle needs at least 2 questions and 3 answers)"
    if len(pairs) < 3:
        raise GiftError(
            span.location, f'a matching question needs at least 3 pairs "=question -> answer", not {len(pairs)} {rule}')
    if sum(1 for pair in pairs if pair.prompt.text) < 2:
        raise GiftError(span.location, f'a matching question needs at least 2 pairs with a question before "->" {rule}')
    return pairs


def _read_pair(piece: Piece, text_format: TextFormat) -> MatchPair:
    body = piece.body.strip()
    if read_weight(body)[0] is not None:
        raise GiftError(body.location, "matching pairs have no weights: every pair counts the same")
    arrow = body.find("->")
    if arrow < 0:
        raise GiftError(
            piece.location, 'this answer has no "->": in a matching question every answer is a pair "=question -> answer"')
    hash_at = body.find("#")
    if hash_at >= 0:
        raise GiftError(body.location_at(hash_at), "matching pairs cannot have feedback: write \\# for a # sign")
    prompt_format, prompt = read_format(body[:arrow].strip(), text_format)
    answer = body[arrow + 2:].text
    if not answer:
        raise GiftError(piece.location, 'this pair has no answer after "->"')
    return MatchPair(FormattedText(prompt.text, prompt_format), answer, piece.location)
