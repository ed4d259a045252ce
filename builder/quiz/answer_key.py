"""The answer key of each question, sealed so that it is nowhere in the package in plain text.

What the browser needs to grade a question (builder.contract.AnswerKey: each answer's credit, its
feedback, the accepted texts and numbers) is JSON, XORed with a SHA-256 keystream derived from the module's salt and the
question id, then base64-encoded. The runtime (templates/runtime/sha256.js, quiz.js) unseals it to
grade. This is deterrence, not security: a SCORM score is reported by the learner's browser, and a
determined learner with the developer tools can read anything the page can.
"""
from __future__ import annotations

import base64
import hashlib
import json

from builder.contract import AnswerKey, ChoiceKey, RangeKey, TextKey
from builder.gift.model import Choice, MatchPair, NumericAnswer, Question, QuestionKind, ShortAnswer
from builder.model import Course, Module

CHOICE_KINDS = (QuestionKind.MULTIPLE_CHOICE, QuestionKind.MULTIPLE_RESPONSE, QuestionKind.TRUE_FALSE)


def module_salt(course: Course, module: Module) -> str:
    """Derived from ids and version, never random: builds stay reproducible."""
    return hashlib.sha256(f"coursekit|{course.id}|{module.id}|{course.version}".encode()).hexdigest()[:32]


def seal(salt: str, question_id: str, payload: dict) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    key = hashlib.sha256(f"{salt}|{question_id}".encode("utf-8")).digest()
    stream = b"".join(hashlib.sha256(key + block.to_bytes(4, "big")).digest() for block in range(len(data) // 32 + 1))
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, stream))).decode("ascii")


def unseal(salt: str, question_id: str, sealed: str) -> dict:
    """The inverse of seal(); the tests use it to check what the runtime will read."""
    data = base64.b64decode(sealed)
    key = hashlib.sha256(f"{salt}|{question_id}".encode("utf-8")).digest()
    stream = b"".join(hashlib.sha256(key + block.to_bytes(4, "big")).digest() for block in range(len(data) // 32 + 1))
    return json.loads(bytes(a ^ b for a, b in zip(data, stream)).decode("utf-8"))


def answer_key(question: Question, match_options: list[str], render) -> AnswerKey:
    """The key of one question (builder.contract.AnswerKey). `render(FormattedText)` turns feedback into HTML."""
    general = render(question.general_feedback) if question.general_feedback is not None else None
    feedback = lambda answer: render(answer.feedback) if answer.feedback is not None else None  # noqa: E731
    if question.kind in CHOICE_KINDS:
        return AnswerKey(general, choices=[ChoiceKey(a.percent, feedback(a)) for a in question.answers if isinstance(a, Choice)])
    if question.kind is QuestionKind.SHORT_ANSWER:
        return AnswerKey(general, texts=[TextKey(a.text, a.percent, feedback(a)) for a in question.answers if isinstance(a, ShortAnswer)])
    if question.kind is QuestionKind.NUMERICAL:
        return AnswerKey(general, ranges=[RangeKey(a.minimum, a.maximum, a.percent, feedback(a))
                                          for a in question.answers if isinstance(a, NumericAnswer)])
    if question.kind is QuestionKind.MATCHING:
        pairs = [a for a in question.answers if isinstance(a, MatchPair) and a.prompt.text]
        return AnswerKey(general, matches=[match_options.index(pair.answer) for pair in pairs])
    return AnswerKey(general)
