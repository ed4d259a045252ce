"""An independent grader and state encoder in Python: the oracle the runtime's grading.js and
state.js are tested against (tests/runtime/test_runtime.py writes the cases, Node checks them).

It works from the parsed GIFT questions (builder.gift.model), not from the answer key, and from the
answers as the learner state stores them: a choice's index in base 36, a hex bitmap of choices, the
typed text, or one base-36 option per matching prompt ("-" for none).
"""
from __future__ import annotations

import math
import re

from builder.contract import state_layout
from builder.gift.model import Choice, MatchPair, NumericAnswer, Question, QuestionKind, ShortAnswer
from builder.quiz.html import matching_options

DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def bits(hex_text: str, count: int) -> list[bool]:
    return [bool(int((hex_text[i // 4:i // 4 + 1] or "0"), 16) & (1 << (i % 4))) for i in range(count)]


def hex_bits(flags: list[bool]) -> str:
    return "".join(f"{sum(1 << j for j, on in enumerate(flags[i:i + 4]) if on):x}" for i in range(0, len(flags), 4))


def accepts_number(answer: NumericAnswer, number: float) -> bool:
    """Moodle's numerical answer: any number for `*` (value None), else within the tolerance."""
    if answer.value is None:
        return True
    return math.isfinite(number) and answer.value - answer.tolerance <= number <= answer.value + answer.tolerance


def read_number(text: str) -> float:
    """A decimal comma, thousands separators (comma or space) as the learner may type them."""
    clean = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"[-+]?\d+,\d+", clean):
        clean = clean.replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", clean):
        clean = clean.replace(",", "")
    return float(clean) if re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?", clean, re.I) else math.nan


def text_matches(accepted: str, given: str) -> bool:
    """Moodle's short answer, case-insensitive: spaces folded, "*" matches anything."""
    fold = lambda text: " ".join(text.split()).lower()  # noqa: E731
    return re.fullmatch(".*".join(re.escape(part) for part in fold(accepted).split("*")), fold(given)) is not None


def best(credits: list[float]) -> float:
    return max(credits) if credits else 0.0


def grade(question: Question, answer: str) -> float | None:
    """Percent of credit (None: not machine-graded)."""
    kind = question.kind
    if not question.is_graded:
        return None
    if not answer:
        return 0.0
    if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        choices = [a for a in question.answers if isinstance(a, Choice)]
        index = DIGITS36.find(answer)
        return choices[index].percent if 0 <= index < len(choices) and len(answer) == 1 else 0.0
    if kind is QuestionKind.MULTIPLE_RESPONSE:
        choices = [a for a in question.answers if isinstance(a, Choice)]
        total = sum(c.percent for c, on in zip(choices, bits(answer, len(choices))) if on)
        return max(0.0, min(100.0, total))
    if kind is QuestionKind.SHORT_ANSWER:
        return best([a.percent for a in question.answers if isinstance(a, ShortAnswer) and text_matches(a.text, answer)])
    if kind is QuestionKind.NUMERICAL:
        number = read_number(answer)
        return best([a.percent for a in question.answers if isinstance(a, NumericAnswer) and accepts_number(a, number)])
    if kind is QuestionKind.MATCHING:
        pairs = [a for a in question.answers if isinstance(a, MatchPair)]
        options, prompts = matching_options(pairs), [p for p in pairs if p.prompt.text]
        right = sum(1 for i, pair in enumerate(prompts) if answer[i:i + 1] not in ("", "-")
                    and DIGITS36.index(answer[i]) < len(options) and options[DIGITS36.index(answer[i])] == pair.answer)
        return round(10000 * right / len(prompts)) / 100
    raise ValueError(kind)


def sample_answers(question: Question) -> list[str]:
    """Answers worth grading: each right one, variants a learner types, wrong ones, nonsense."""
    kind = question.kind
    if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        return [DIGITS36[i] for i in range(len(question.answers))] + [""]
    if kind is QuestionKind.MULTIPLE_RESPONSE:
        count = len(question.answers)
        singles = [hex_bits([i == j for j in range(count)]) for i in range(count)]
        return singles + [hex_bits([True] * count), hex_bits([False] * count), hex_bits([i % 2 == 0 for i in range(count)])]
    if kind is QuestionKind.SHORT_ANSWER:
        texts = [a.text.replace("*", "x") for a in question.answers if isinstance(a, ShortAnswer)]
        return texts + [f"  {t.upper()}  " for t in texts] + [" ".join(t.split()).replace(" ", "  ") for t in texts] + ["zz wrong zz", ""]
    if kind is QuestionKind.NUMERICAL:
        found = ["not a number", "", "1e9"]
        for a in question.answers:
            if isinstance(a, NumericAnswer) and a.value is not None:
                low, high = a.value - a.tolerance, a.value + a.tolerance
                found += [f"{a.value:g}", f"{low:g}", f"{high:g}", f"{a.value:g}".replace(".", ","), f"{high + 1:g}"]
        return found
    if kind is QuestionKind.MATCHING:
        pairs = [a for a in question.answers if isinstance(a, MatchPair)]
        options, prompts = matching_options(pairs), [p for p in pairs if p.prompt.text]
        right = "".join(DIGITS36[options.index(p.answer)] for p in prompts)
        return [right, "-" * len(prompts), right[1:] + right[:1], right[:1] + "-" * (len(prompts) - 1)]
    return ["An answer in words.", ""]


def encode_state(state: dict, lesson_hash: str) -> str:
    """The learner state as the runtime saves it, written from the contract's layout."""
    layout = state_layout()
    names, prefixed = layout["fields"], lambda text: f"{len(text)}:{text}"  # noqa: E731
    fields = [("hash", lesson_hash), ("visited", hex_bits(state["visited"]))]
    quiz = state.get("quiz")
    if quiz:
        fields += [("attempts", str(quiz["attempts"])), ("best", "" if quiz["best"] is None else f"{quiz['best']:g}"),
                   ("scores", ",".join(f"{s:g}" for s in quiz["scores"][-layout["scoresKept"]:])),
                   ("seed", base36(quiz["seed"])), ("submitted", "1" if quiz["submitted"] else "0"),
                   ("checked", hex_bits(quiz["checked"])), ("answers", "".join(prefixed(a) for a in quiz["answers"]))]
    return layout["prefix"] + "".join(names[name] + prefixed(value) for name, value in fields)


def base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = DIGITS36[digit] + digits
        if not number:
            return digits
