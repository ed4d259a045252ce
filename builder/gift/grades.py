"""The answer weights Moodle accepts.

Moodle's importer checks every answer's fraction against `question_bank::fraction_options_full()`
(question/engine/bank.php) with a tolerance of 0.00001 (`match_grade_options` in lib/questionlib.php)
and rejects the question otherwise. The list is 0, 1, p/q for q <= 6, p/10, 1/q for q <= 10 and
1/20, each also negative, stored with 7 decimals.
"""
from __future__ import annotations

_POSITIVE_FRACTIONS = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3,
    0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
)
# In percent, as Moodle writes them (fraction x 100): 33.33333, 12.5, 100...
ALLOWED_PERCENTS: tuple[float, ...] = tuple(sorted(
    {round(f * 100, 5) for f in _POSITIVE_FRACTIONS}
    | {round(-f * 100, 5) for f in _POSITIVE_FRACTIONS}
    | {0.0}
))
_TOLERANCE_PERCENT = 0.001  # Moodle's 0.00001 on fractions


def allowed_percent(percent: float) -> float | None:
    """The allowed weight `percent` stands for (e.g. 33.333 -> 33.33333), or None."""
    for allowed in ALLOWED_PERCENTS:
        if abs(percent - allowed) < _TOLERANCE_PERCENT:
            return allowed
    return None


def neighbours(percent: float) -> tuple[float, ...]:
    """The allowed weights just below and just above `percent` (one at the ends of the range)."""
    below = [p for p in ALLOWED_PERCENTS if p < percent]
    above = [p for p in ALLOWED_PERCENTS if p > percent]
    return tuple(x for x in (below[-1] if below else None, above[0] if above else None) if x is not None)


def format_percent(percent: float) -> str:
    """A weight as Moodle writes it: 100, 50, 33.33333, -12.5."""
    text = f"{percent:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
