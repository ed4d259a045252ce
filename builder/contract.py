"""The formats Python and the runtime share, defined once in templates/runtime/contract.json.

Both sides read that file: the build here (the saved-state budget, the inputs' lengths, the answer
key's fields, the identifiers of choices and prompts in interactions, what reads as a number), the
runtime as the CONTRACT object the bundle starts with (builder.page). The layout of the saved state:

    <prefix>, then fields <letter><length>:<value>: hash, visited lessons (hex bitmap), and for a
    quiz attempts, best score, recent scores (comma-separated), seed (base 36), submitted (0/1),
    checked questions (hex bitmap), answers (length-prefixed strings, one per question).

The answer key of a question (sealed, builder.quiz.answer_key) has the named fields of AnswerKey.
"""
from __future__ import annotations

import json
import re
from array import array
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from builder.paths import templates_dir

CONTRACT_FILE = "runtime/contract.json"
JS_WHITESPACE = r"\t\n\x0b\x0c\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
JS_LINE_TERMINATORS = r"\n\r\u2028\u2029"


@lru_cache(maxsize=1)
def contract_text() -> str:
    """The contract as the runtime bundle embeds it: compact JSON."""
    return json.dumps(contract(), ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=1)
def contract() -> dict:
    return json.loads((templates_dir() / CONTRACT_FILE).read_text(encoding="utf-8"))


def state_layout() -> dict:
    return contract()["state"]


def input_length(kind: str) -> int:
    """The maxlength of a typed answer: "shortAnswer" or "number"."""
    return contract()["inputs"][kind]


def response_ids(kind: str) -> str:
    """The identifiers the runtime writes in interactions, in order: "choiceIds" or "promptIds"."""
    return contract()["responses"][kind]


@lru_cache(maxsize=1)
def number_formats() -> dict[str, re.Pattern]:
    """What reads as a number in a typed answer: "spaces" (removed first), "decimalComma", "thousands", "number"."""
    return {name: javascript_regex(source) for name, source in contract()["numbers"].items()}


def javascript_regex(source: str) -> re.Pattern:
    """A JavaScript regular expression (no flags) as a Python one that matches the same texts: `$` is the
    end of the text, `.` stops at any line terminator, `\\s` is Unicode white space, `\\d` and `\\w` are
    ASCII. JavaScript counts a text in UTF-16 code units: match it as utf16_units(text)."""
    out, in_class, i = [], False, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            pair = source[i:i + 2]
            if in_class and pair == r"\S":
                raise ValueError(f"{source}: \\S in a character class")
            out.append({r"\s": JS_WHITESPACE if in_class else f"[{JS_WHITESPACE}]", r"\S": f"[^{JS_WHITESPACE}]"}.get(pair, pair))
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == ".":
            char = f"[^{JS_LINE_TERMINATORS}]"
        elif char == "$":
            char = r"\Z"
        out.append(char)
        i += 1
    return re.compile("".join(out), re.ASCII)


def utf16_units(text: str) -> str:
    """The text as JavaScript sees it: a character outside the BMP is two (surrogate) units."""
    if text.isascii() or max(text) <= "\uffff":
        return text
    return "".join(map(chr, array("H", text.encode("utf-16-le"))))


@dataclass(frozen=True)
class ChoiceKey:
    credit: float                  # percent, -100..100
    feedback: str | None = None    # HTML


@dataclass(frozen=True)
class TextKey:
    text: str                      # an accepted text; "*" matches anything, as in Moodle
    credit: float
    feedback: str | None = None


@dataclass(frozen=True)
class RangeKey:
    min: float | None              # None and None: any other number
    max: float | None
    credit: float
    feedback: str | None = None


@dataclass(frozen=True)
class AnswerKey:
    general: str | None = None                                 # general feedback, HTML
    choices: list[ChoiceKey] = field(default_factory=list)     # multiple choice, multiple response, true/false
    texts: list[TextKey] = field(default_factory=list)         # short answer
    ranges: list[RangeKey] = field(default_factory=list)       # numerical
    matches: list[int] = field(default_factory=list)           # matching: the right option of each prompt

    def to_json(self) -> dict:
        """Only what is there: absent fields and feedback are left out (the runtime reads them as none)."""
        return {name: _without_none(value) for name, value in asdict(self).items() if value not in (None, [])}


def _without_none(value):
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if item is not None or key in ("min", "max")}
    return value
