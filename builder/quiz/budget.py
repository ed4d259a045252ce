"""The worst case of the learner state a module saves in suspend_data, computed at build time.

The layout is the contract's (builder.contract, templates/runtime/contract.json), which the
runtime's encoder (templates/runtime/state.js) reads too: each field is <key><length>:<value>, and
the quiz's answers are length-prefixed strings, so a character a learner types costs exactly one.
"""
from __future__ import annotations

from builder.contract import input_length, state_layout
from builder.diagnostics import Diagnostics
from builder.gift.model import MatchPair, QuestionKind
from builder.model import Course, Module, Quiz


def field_size(value_length: int) -> int:
    return 1 + len(str(value_length)) + 1 + value_length


def bitmap_length(count: int) -> int:
    return (count + 3) // 4                                   # hex, four flags a digit


def answer_size(quiz: Quiz, kind: QuestionKind, answers: tuple) -> int:
    """The longest answer string of one question."""
    if kind is QuestionKind.ESSAY:
        return quiz.settings.essay_length
    if kind is QuestionKind.SHORT_ANSWER:
        return input_length("shortAnswer")
    if kind is QuestionKind.NUMERICAL:
        return input_length("number")
    if kind is QuestionKind.MULTIPLE_RESPONSE:
        return bitmap_length(len(answers))
    if kind is QuestionKind.MATCHING:
        return sum(1 for a in answers if isinstance(a, MatchPair) and a.prompt.text)   # one character per prompt
    if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        return 1
    return 0


def worst_case_state(module: Module) -> int:
    layout = state_layout()
    widest, kept = layout["widest"], layout["scoresKept"]
    size = len(layout["prefix"]) + field_size(layout["hashLength"]) + field_size(bitmap_length(len(module.lessons)))
    quiz = module.quiz
    if quiz is None or not quiz.questions:
        return size
    size += field_size(widest["attempts"])
    size += field_size(widest["score"])                                # the best score: "99.99" (100 is "100")
    size += field_size(kept * widest["score"] + kept - 1)              # recent scores, comma-separated
    size += field_size(widest["seed"])
    size += field_size(widest["submitted"])
    size += field_size(bitmap_length(len(quiz.questions)))             # questions checked (immediate feedback)
    answers = sum(field_size(answer_size(quiz, q.question.kind, q.question.answers)) - 1 for q in quiz.questions)
    return size + field_size(answers)


def check_state_budget(course: Course, module: Module, diagnostics: Diagnostics) -> None:
    """The worst case of the module's saved state fits the SCORM version's suspend_data."""
    if module.quiz is None:
        return
    limit, size = course.scorm.state_limit, worst_case_state(module)
    if size > limit:
        diagnostics.error(module.quiz.settings.location, f"the learner's answers may need {size:,} characters of saved "
                          f"state, more than SCORM {course.scorm} allows ({limit:,}): lower 'essay_length' "
                          f"(now {module.quiz.settings.essay_length}) or use fewer essay and short-answer questions", rule="quiz-state-budget")
