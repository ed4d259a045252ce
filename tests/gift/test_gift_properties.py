"""Properties: parsing never raises, and format -> parse gives back any valid question."""
from __future__ import annotations

from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from builder.diagnostics import Diagnostics  # noqa: E402
from builder.gift import (  # noqa: E402
    Choice, FormattedText, MatchPair, NumericAnswer, Question, QuestionKind, ShortAnswer, TextFormat,
    format_gift, parse_gift, to_moodle_xml,
)
from builder.gift.grades import ALLOWED_PERCENTS  # noqa: E402

SETTINGS = settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
GIFT_ALPHABET = "ab T=~#{}:%\\n\n->[]/0.5-" + "\t"


TOKENS = ["::", "{", "}", "=", "~", "#", "####", "%50%", "%-25%", "%100%", "->", "\n", "\n\n", "T", "FALSE", "1..2", ":",
          "0.5", "[html]", "[markdown]", "$CATEGORY: x", "//", "\\", "\\n", "\\=", "a", "b c", " ", "\t", "0", "%", "*", "3"]
gift_like = st.one_of(st.text(), st.text(alphabet=GIFT_ALPHABET), st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))


@SETTINGS
@given(gift_like)
def test_parse_never_raises(source):
    diagnostics = Diagnostics()
    questions = parse_gift(source, Path("fuzz.gift"), diagnostics)
    to_moodle_xml(questions)
    assert all(d.location.line >= 1 and d.location.col >= 1 for d in diagnostics)


@SETTINGS
@given(gift_like)
def test_whatever_parses_survives_format_and_parse(source):
    questions = parse_gift(source, Path("fuzz.gift"), Diagnostics())
    diagnostics = Diagnostics()
    assert parse_gift(format_gift(questions), Path("again.gift"), diagnostics) == questions
    assert list(diagnostics) == []


def _clean(text: str) -> bool:
    # What a parsed text can be: trimmed, not empty, no "->" (it would cut a pair), not starting like a weight or a tag.
    return text == text.strip() and text != "" and "->" not in text and not text.startswith(("%", "["))


texts = st.text(alphabet="abcé 1=~#{}:\\n\n-/>%[]", min_size=1, max_size=12).filter(_clean)
formats = st.sampled_from(list(TextFormat))
feedbacks = st.none() | st.builds(FormattedText, texts, formats)
partial = st.sampled_from([p for p in ALLOWED_PERCENTS if p != 100])
sums_to_100 = st.sampled_from([[100.0], [50.0, 50.0], [33.33333] * 3, [25.0] * 4, [75.0, 25.0], [60.0, 40.0], [90.0, 10.0]])


@st.composite
def choices(draw, single: bool):
    def choice(percent):
        return Choice(FormattedText(draw(texts), draw(formats)), percent, draw(feedbacks))
    if single:
        others = draw(st.lists(partial, min_size=1, max_size=3))
        picked = [choice(100.0)] + [choice(p) for p in others]
    else:
        wrong = draw(st.lists(st.sampled_from([p for p in ALLOWED_PERCENTS if p <= 0]), max_size=2))
        picked = [choice(p) for p in draw(sums_to_100) + wrong]
        if len(picked) < 2:
            picked.append(choice(0.0))
    return tuple(draw(st.permutations(picked)))


@st.composite
def short_answers(draw):
    answers = [ShortAnswer(draw(texts), 100.0, draw(feedbacks))]
    answers += [ShortAnswer(draw(texts), p, draw(feedbacks)) for p in draw(st.lists(partial, max_size=2))]
    return tuple(draw(st.permutations(answers)))


numbers = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)
tolerances = st.floats(min_value=0, max_value=1e6, allow_nan=False)


@st.composite
def numeric_answers(draw):
    answers = [NumericAnswer(draw(numbers), draw(tolerances), 100.0, draw(feedbacks))]
    answers += [NumericAnswer(draw(numbers), draw(tolerances), p, draw(feedbacks)) for p in draw(st.lists(partial, max_size=2))]
    if draw(st.booleans()):
        answers.append(NumericAnswer(None, 0.0, 0.0, draw(feedbacks)))
    return tuple(answers)


@st.composite
def pairs(draw):
    prompted = [MatchPair(FormattedText(draw(texts), draw(formats)), draw(texts)) for _ in range(draw(st.integers(2, 4)))]
    extra = [MatchPair(FormattedText("", draw(formats)), draw(texts)) for _ in range(draw(st.integers(0, 2)))]
    if len(prompted) + len(extra) < 3:
        extra.append(MatchPair(FormattedText("", draw(formats)), draw(texts)))
    return tuple(prompted + extra)


@st.composite
def true_false(draw):
    truth = draw(st.booleans())
    return (Choice(FormattedText("true", TextFormat.PLAIN), 100.0 if truth else 0.0, draw(feedbacks)),
            Choice(FormattedText("false", TextFormat.PLAIN), 0.0 if truth else 100.0, draw(feedbacks)))


ANSWERS = {
    QuestionKind.ESSAY: st.just(()),
    QuestionKind.TRUE_FALSE: true_false(),
    QuestionKind.MULTIPLE_CHOICE: choices(single=True),
    QuestionKind.MULTIPLE_RESPONSE: choices(single=False),
    QuestionKind.SHORT_ANSWER: short_answers(),
    QuestionKind.NUMERICAL: numeric_answers(),
    QuestionKind.MATCHING: pairs(),
}


@st.composite
def questions(draw, category):
    kind = draw(st.sampled_from([QuestionKind.DESCRIPTION, *ANSWERS]))
    text, text_after = draw(texts), None
    if kind is not QuestionKind.DESCRIPTION and draw(st.booleans()):  # missing word
        text = draw(st.sampled_from(["", text + " ", text]))
        text_after = draw(st.sampled_from([" ", ""])) + draw(texts)
    text_format = draw(formats)
    answers = draw(ANSWERS[kind]) if kind in ANSWERS else ()
    # An empty text carries no tag, so it has the question's format, as the parser gives it.
    answers = tuple(MatchPair(FormattedText("", text_format), a.answer) if isinstance(a, MatchPair) and not a.prompt.text
                    else a for a in answers)
    general = draw(feedbacks) if kind is not QuestionKind.DESCRIPTION else None
    return Question(kind, text, text_format, draw(st.none() | texts), text_after, answers, general, category)


@st.composite
def quizzes(draw):
    names = draw(st.lists(st.sampled_from(["Module 1", "$course$/top/Module 2", "A/B"]), max_size=3))
    result, category = [], None
    for name in [None, *names]:
        category = name if name is not None else category
        result += draw(st.lists(questions(category), min_size=1, max_size=3))
    return result


@SETTINGS
@given(quizzes())
def test_format_then_parse_is_identity(quiz):
    text = format_gift(quiz)
    diagnostics = Diagnostics()
    assert parse_gift(text, Path("q.gift"), diagnostics) == quiz, text
    assert list(diagnostics) == []
