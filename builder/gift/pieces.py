"""Small readers shared by the question parsers: format tags, weights, feedback, answer lists, numbers."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from builder.diagnostics import Location
from builder.gift.grades import allowed_percent, format_percent, neighbours
from builder.gift.model import FormattedText, TextFormat
from builder.gift.source import PHP_WHITESPACE, Span


class GiftError(Exception):
    """A problem that makes a question unusable; the parser reports it and skips the question."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


_TAG = re.compile(r"\[([A-Za-z]+)\]")
_FORMATS = {f.value: f for f in TextFormat}
_WEIGHT = re.compile(r"%([^%\s]*)%")  # "% of GDP, 5%" is text, as in Moodle; "%half%" is a bad weight
_WEIGHT_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]*)?")
# What PHP's is_numeric() accepts, which is what Moodle checks numerical answers with.
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def read_format(span: Span, default: TextFormat) -> tuple[TextFormat, Span]:
    """A leading `[html]`-style tag, as Moodle's parse_text_with_format() reads it."""
    match = _TAG.match(span.mask)
    if not match:
        return default, span
    name = match.group(1)
    if name in _FORMATS:
        return _FORMATS[name], span[match.end():]
    if name.lower() in _FORMATS:
        raise GiftError(span.location, f'text format tags are written in lower case: "[{name.lower()}]", not "[{name}]"')
    raise GiftError(
        span.location,
        f'unknown text format "[{name}]": use [html], [moodle], [plain] or [markdown] '
        f'(to start a text with "[{name}]", put a format tag before it, such as [moodle][{name}])',
    )


def formatted(span: Span | None, default: TextFormat) -> FormattedText | None:
    """A feedback-like text with its format, or None when there is none or it is empty."""
    if span is None:
        return None
    text_format, body = read_format(span.strip(), default)
    text = body.text
    return FormattedText(text, text_format) if text else None


def reject_format_tag(span: Span, what: str) -> None:
    """Short answers and numbers are plain text: Moodle drops a format tag there without a word."""
    match = _TAG.match(span.mask)
    if match and match.group(1).lower() in _FORMATS:
        raise GiftError(span.location, f'{what} are plain text: remove the format tag "{match.group(0)}"')


def read_weight(span: Span) -> tuple[float | None, Span]:
    """A leading `%50%`: the weight in percent (None when there is none) and the rest."""
    span = span.strip()
    match = _WEIGHT.match(span.mask)
    if not match:
        return None, span
    written = match.group(1)
    if not _WEIGHT_NUMBER.fullmatch(written):
        shown = span[1:match.end() - 1].raw
        raise GiftError(span.location, f'weight "%{shown}%" is not a number: write weights like %50% or %-25%')
    return check_weight(float(written), span.location), span[match.end():]


def check_weight(percent: float, location: Location) -> float:
    if not -100 <= percent <= 100:
        raise GiftError(location, f"weight {format_percent(percent)}% is outside the range -100% to 100%")
    allowed = allowed_percent(percent)
    if allowed is None:
        near = " and ".join(f"{format_percent(p)}%" for p in neighbours(percent))
        raise GiftError(
            location, f"weight {format_percent(percent)}% is not one Moodle accepts: the nearest allowed weights are {near}")
    return allowed


def split_feedback(span: Span) -> tuple[Span, Span | None]:
    """`answer#feedback`: Moodle's commentparser() cuts at the first unescaped `#`."""
    at = span.find("#")
    if at < 0:
        return span, None
    return span[:at], span[at + 1:]


@dataclass(frozen=True)
class Piece:
    marker: str  # "=", "~" (or "" for text before the first marker)
    body: Span  # what follows the marker, up to the next one
    location: Location  # of the marker


_MARKER_NAMES = {"=": "a new correct answer", "~": "a new wrong answer"}


def split_answers(span: Span, markers: str) -> tuple[Span, list[Piece]]:
    """Cut an answer list before every unescaped marker, as Moodle's explode() does.

    Returns the text before the first marker and the pieces. A marker glued to the word before
    it (`2+2=4`, `#well=done`) is reported: Moodle would cut there too, which is never meant.
    """
    cuts = [i for i, char in enumerate(span.mask) if char in markers]
    for i in cuts:
        before = span.char_before(i)
        if i > 0 and before not in PHP_WHITESPACE:
            _report_glued(span, i, cuts)
    lead = span[:cuts[0]] if cuts else span
    pieces = [
        Piece(span.mask[i], span[i + 1:(cuts[n + 1] if n + 1 < len(cuts) else len(span))], span.location_at(i))
        for n, i in enumerate(cuts)
    ]
    return lead, pieces


def _report_glued(span: Span, at: int, cuts: list[int]) -> None:
    marker = span.mask[at]
    start = max([c + 1 for c in cuts if c < at], default=0)
    in_feedback = span[start:at].find("#") >= 0
    place = "in feedback" if in_feedback else "inside an answer"
    escaped = "an equals sign" if marker == "=" else "a tilde"
    raise GiftError(
        span.location_at(at),
        f'unescaped "{marker}" {place}: write \\{marker} for {escaped} '
        f"(Moodle would start {_MARKER_NAMES[marker]} here; put a space before it if that is what you mean)",
    )


def read_number(span: Span, what: str, why: str = "") -> float:
    """A number as PHP's is_numeric() accepts it; anything else is an error, never a catch-all."""
    written = span.text
    if not written:
        raise GiftError(span.location, f"{what} is missing")
    if not _NUMBER.fullmatch(written):
        raise GiftError(span.location, f'{what} "{written}" is not a number{why}')
    value = float(written)
    if not math.isfinite(value):
        raise GiftError(span.location, f'{what} "{written}" is too large')
    return value
