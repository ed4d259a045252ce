"""A recorded `student_response` (SCORM 1.2) or `learner_response` (2004) → the parts it was made from.

The formats are the ones the runtime writes, by the SCORM version table (builder.scorm): a choice is
a letter (`a` is the source's first choice, whatever order the learner saw), several choices `a,b`
(2004: `a[,]b`), true/false `t`/`f` (2004: `true`/`false`), a matching answer `0.b,1.a` (prompt
number, option letter; 2004: `0[.]b[,]1[.]a`), a number as written, text. A response is read in
whichever version's format it is written.
"""
from __future__ import annotations

from builder.contract import response_ids
from builder.gift.model import Choice, MatchPair, Question, QuestionKind
from builder.quiz.grading import Response, parse_number
from builder.quiz.html import matching_options
from builder.scorm import VERSIONS

LETTERS = response_ids("choiceIds")         # a choice's identifier: its position in the source
PROMPTS = response_ids("promptIds")         # a matching prompt's identifier
_FORMATS = [dict(version.response_format) for version in VERSIONS.values()]
LIST_SEPARATORS = sorted({f["list"] for f in _FORMATS}, key=len, reverse=True)      # "[,]" before ","
PAIR_SEPARATORS = sorted({f["pair"] for f in _FORMATS}, key=len, reverse=True)
TRUTH = {f[word]: word == "true" for f in _FORMATS for word in ("true", "false")} | {"1": True, "0": False}  # 1.2 allows 1/0


def parse_response(question: Question, recorded: str) -> Response | None:
    """The response's parts, or None when it is not in the format this kind of question records."""
    kind, text = question.kind, recorded.strip()
    if kind is QuestionKind.TRUE_FALSE:
        truth = TRUTH.get(text.lower())
        return None if truth is None else Response(choices=(0 if truth else 1,))
    if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.MULTIPLE_RESPONSE):
        letters = _split(text)
        if not letters or any(len(letter) != 1 or letter not in LETTERS for letter in letters):
            return None
        return Response(choices=tuple(LETTERS.index(letter) for letter in letters))
    if kind is QuestionKind.MATCHING:
        pairs = []
        for pair in _split(text):
            prompt, dot, option = pair.partition(_separator(pair, PAIR_SEPARATORS))
            if not dot or len(prompt) != 1 or prompt not in PROMPTS or len(option) != 1 or option not in LETTERS:
                return None
            pairs.append((PROMPTS.index(prompt), LETTERS.index(option)))
        return Response(pairs=tuple(pairs)) if pairs else None
    if kind is QuestionKind.NUMERICAL:
        number = parse_number(text)
        return Response(number=number) if number == number else Response(text=recorded)
    return Response(text=recorded)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(_separator(text, LIST_SEPARATORS)) if part.strip()]


def _separator(text: str, separators: list[str]) -> str:
    return next((separator for separator in separators if separator in text), separators[-1])


def response_label(question: Question, response: Response | None, recorded: str) -> str:
    """How a response reads in the report: the choice's text, the pairs, the number or the text."""
    if response is None:
        return recorded
    if response.choices is not None:
        choices = [a for a in question.answers if isinstance(a, Choice)]
        if question.kind is QuestionKind.TRUE_FALSE:
            return "true" if response.choices[0] == 0 else "false"
        return " + ".join(_plain(choices[i].text.text) if i < len(choices) else f"({LETTERS[i]}: no such choice)"
                          for i in response.choices)
    if response.pairs is not None:
        pairs = [a for a in question.answers if isinstance(a, MatchPair)]
        prompts, options = [p.prompt.text for p in pairs if p.prompt.text], matching_options(pairs)
        return "; ".join(f"{_plain(prompts[p]) if p < len(prompts) else '?'} → {options[o] if o < len(options) else '?'}"
                         for p, o in response.pairs)
    return recorded.strip()


def _plain(text: str) -> str:
    return " ".join(text.split())
