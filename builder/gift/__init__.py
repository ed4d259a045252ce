"""GIFT, Moodle's text format for quiz questions: a strict parser, a typed model and two writers."""
from builder.gift.model import (
    Answer, Choice, FormattedText, MatchPair, NumericAnswer, Question, QuestionKind, ShortAnswer, TextFormat,
)
from builder.gift.moodle_xml import to_moodle_xml
from builder.gift.parser import parse_gift
from builder.gift.writer import format_gift

__all__ = [
    "Answer", "Choice", "FormattedText", "MatchPair", "NumericAnswer", "Question", "QuestionKind",
    "ShortAnswer", "TextFormat", "format_gift", "parse_gift", "to_moodle_xml",
]
