"""Helpers shared by the GIFT tests (imported as a plain module: pytest puts this folder on sys.path)."""
from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.gift import Question, parse_gift

QUIZ = Path("quiz.gift")


def parse_ok(source: str, **kwargs) -> list[Question]:
    """Parse, and fail the test on any diagnostic."""
    diagnostics = Diagnostics()
    questions = parse_gift(source, QUIZ, diagnostics, **kwargs)
    assert [str(d) for d in diagnostics] == []
    return questions


def parse_one(source: str, **kwargs) -> Question:
    questions = parse_ok(source, **kwargs)
    assert len(questions) == 1
    return questions[0]


def problems(source: str, **kwargs) -> list[str]:
    """Every diagnostic, as `line:col: message`."""
    diagnostics = Diagnostics()
    parse_gift(source, QUIZ, diagnostics, **kwargs)
    return [f"{d.location.line}:{d.location.col}: {d.message}" for d in diagnostics]
