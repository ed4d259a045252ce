"""GIFT source as Moodle reads it: blank-line separated chunks of trimmed lines, escapes resolved.

Every character keeps its place in the file, so any piece of a question can say where it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Location

# What PHP's trim() removes. Moodle trims lines and texts with it, so a line holding only a
# no-break space is not blank to Moodle, and must not be to us.
PHP_WHITESPACE = " \t\n\r\0\x0b"

# `\x` escapes Moodle knows (format.php, escapedchar_pre); any other backslash stays as it is.
ESCAPES = {":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n", "\\": "\\"}

# Stands for an escaped character in the mask, so searching for a special character skips it.
_HIDDEN = "\x01"


@dataclass(frozen=True)
class Line:
    number: int  # line in the file (already shifted by the caller's first_line)
    col: int  # column of `text`'s first character in the file
    text: str  # the line trimmed as Moodle trims it; " " for a comment line, as Moodle leaves it


class Chunk:
    """One blank-line separated group of lines: a question or a category line to Moodle.

    `chars` is the text with escapes resolved; `mask` has the same length but every escaped
    character replaced, so that searching `mask` finds only characters with a special meaning.
    """

    def __init__(self, path: Path, lines: list[Line], zero_line: Line | None = None) -> None:
        self.path = path
        self.lines = lines
        self.zero_line = zero_line  # a line holding only "0", which Moodle reads as blank
        chars: list[str] = []
        mask: list[str] = []
        self._places: list[tuple[int, int]] = []
        for index, line in enumerate(lines):
            if index:
                previous = lines[index - 1]
                self._add(chars, mask, "\n", "\n", (previous.number, previous.col + len(previous.text)))
            self._read_line(line, chars, mask)
        self.chars = "".join(chars)
        self.mask = "".join(mask)

    def _add(self, chars: list[str], mask: list[str], char: str, shown: str, place: tuple[int, int]) -> None:
        chars.append(char)
        mask.append(shown)
        self._places.append(place)

    def _read_line(self, line: Line, chars: list[str], mask: list[str]) -> None:
        text, i = line.text, 0
        while i < len(text):
            place = (line.number, line.col + i)
            if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPES:
                self._add(chars, mask, ESCAPES[text[i + 1]], _HIDDEN, place)
                i += 2
            else:
                self._add(chars, mask, text[i], text[i], place)
                i += 1

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        return self.lines[-1].number

    def location(self, index: int) -> Location:
        if not self._places:
            return Location(self.path, self.first_line, self.lines[0].col)
        line, col = self._places[min(index, len(self._places) - 1)]
        if index >= len(self._places):  # just past the end
            col += 1
        return Location(self.path, line, col)

    def span(self) -> "Span":
        return Span(self, 0, len(self.chars))


class Span:
    """A slice of a chunk. Searches look only at unescaped characters."""

    __slots__ = ("chunk", "start", "end")

    def __init__(self, chunk: Chunk, start: int, end: int) -> None:
        self.chunk, self.start, self.end = chunk, start, end

    @property
    def text(self) -> str:
        """The characters, escapes resolved, trimmed as Moodle trims a finished text."""
        return self.chunk.chars[self.start:self.end].strip(PHP_WHITESPACE)

    @property
    def raw(self) -> str:
        """The characters, escapes resolved, untrimmed."""
        return self.chunk.chars[self.start:self.end]

    @property
    def mask(self) -> str:
        return self.chunk.mask[self.start:self.end]

    @property
    def location(self) -> Location:
        return self.chunk.location(self.start)

    def location_at(self, offset: int) -> Location:
        return self.chunk.location(self.start + offset)

    def __len__(self) -> int:
        return self.end - self.start

    def __bool__(self) -> bool:
        return self.end > self.start

    def __getitem__(self, key: slice) -> "Span":
        start, stop, _ = key.indices(len(self))
        return Span(self.chunk, self.start + start, self.start + max(start, stop))

    def find(self, special: str, begin: int = 0) -> int:
        return self.mask.find(special, begin)

    def rfind(self, special: str) -> int:
        return self.mask.rfind(special)

    def startswith(self, special: str) -> bool:
        return self.mask.startswith(special)

    def strip(self) -> "Span":
        """Trim whitespace; an escaped character (even `\\n`) is content, as in Moodle's parsing."""
        mask = self.mask
        left = len(mask) - len(mask.lstrip(PHP_WHITESPACE))
        right = len(mask.rstrip(PHP_WHITESPACE))
        return self[left:max(left, right)]

    def lstrip(self) -> "Span":
        mask = self.mask
        return self[len(mask) - len(mask.lstrip(PHP_WHITESPACE)):]

    def rstrip(self) -> "Span":
        return self[:len(self.mask.rstrip(PHP_WHITESPACE))]

    def char_before(self, offset: int) -> str:
        """The mask character before `offset` ("" at the start of the chunk)."""
        index = self.start + offset - 1
        return self.chunk.mask[index] if index >= 0 else ""


def split_chunks(source: str, path: Path, first_line: int = 1, first_col: int = 1) -> list[Chunk]:
    """Cut the source into chunks at blank lines, as Moodle's readquestions() does."""
    if source.startswith("\ufeff"):
        source = source[1:]
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    chunks: list[Chunk] = []
    lines: list[Line] = []
    zero: Line | None = None
    for index, raw in enumerate(source.split("\n")):
        text = raw.strip(PHP_WHITESPACE)
        if not text:
            if lines:
                chunks.append(Chunk(path, lines, zero))
            lines, zero = [], None
            continue
        offset = first_col - 1 if index == 0 else 0
        line = Line(first_line + index, offset + len(raw) - len(raw.lstrip(PHP_WHITESPACE)) + 1, text)
        if text == "0" and zero is None:
            zero = line
        if text.startswith("//"):
            line = Line(line.number, line.col, " ")
        lines.append(line)
    if lines:
        chunks.append(Chunk(path, lines, zero))
    return chunks
