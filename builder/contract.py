"""The formats Python and the runtime share, defined once in templates/runtime/contract.json.

Both sides read that file: the build here (the saved-state budget, the inputs' lengths, the answer
key's fields, the identifiers of choices and prompts in interactions), the runtime as the CONTRACT
object the bundle starts with (builder.page). The layout of the saved state:

    <prefix>, then fields <letter><length>:<value>: hash, visited lessons (hex bitmap), and for a
    quiz attempts, best score, recent scores (comma-separated), seed (base 36), submitted (0/1),
    checked questions (hex bitmap), answers (length-prefixed strings, one per question).

The answer key of a question (sealed, builder.quiz.answer_key) has the named fields of AnswerKey.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from builder.paths import templates_dir

CONTRACT_FILE = "runtime/contract.json"


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
