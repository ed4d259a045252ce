"""The worst case of the learner state a module saves in suspend_data, computed at build time.

It mirrors the runtime's encoding (templates/runtime/state.js): "ck1", then fields written as
<key><length>:<value>; the quiz's answers are length-prefixed strings, one per question, so any
character a learner types costs exactly one character and nothing needs escaping.
"""
from __future__ import annotations

from builder.diagnostics import Diagnostics
from builder.gift.model import MatchPair, QuestionKind
from builder.model import Course, Module, Quiz

SHORT_ANSWER_LENGTH = 100      # the maxlength of short-answer inputs
NUMBER_LENGTH = 24             # the maxlength of number inputs
SCORES_KEPT = 10               # the scores of the last attempts kept for the results summary
HASH_LENGTH = 8


def field_size(value_length: int) -> int:
    return 1 + len(str(value_length)) + 1 + value_length


def answer_size(quiz: Quiz, kind: QuestionKind, answers: tuple) -> int:
    """The longest answer string of one question."""
    if kind is QuestionKind.ESSAY:
        return quiz.settings.essay_length
    if kind is QuestionKind.SHORT_ANSWER:
        return SHORT_ANSWER_LENGTH
    if kind is QuestionKind.NUMERICAL:
        return NUMBER_LENGTH
    if kind is QuestionKind.MULTIPLE_RESPONSE:
        return (len(answers) + 3) // 4                       # a hex bitmap
    if kind is QuestionKind.MATCHING:
        return sum(1 for a in answers if isinstance(a, MatchPair) and a.prompt.text)   # one character per prompt
    if kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        return 1
    return 0


def worst_case_state(module: Module) -> int:
    size = len("ck1") + field_size(HASH_LENGTH) + field_size((len(module.lessons) + 3) // 4)
    quiz = module.quiz
    if quiz is None or not quiz.questions:
        return size
    size += field_size(3)                                    # attempts used, up to 100
    size += field_size(6)                                    # best score, "100.00"
    size += field_size(SCORES_KEPT * 6 + SCORES_KEPT - 1)    # recent scores, comma-separated
    size += field_size(7)                                    # the attempt's random seed, base 36
    size += field_size(1)                                    # submitted or not
    size += field_size((len(quiz.questions) + 3) // 4)       # questions checked (immediate feedback), a hex bitmap
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
