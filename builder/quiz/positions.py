"""Where the right answers sit: a quiz shown in the written order must not give its key away.

Authors tend to write the right answer first. With `shuffle_answers: false` the learner sees that
order, so a learner who always picks the same position scores well without reading. Moodle's own
quizzes shuffle choices by default, and so does coursekit; this warns when an author turned it off
and the right answers then stand in one position most of the time.
"""
from __future__ import annotations

from collections import Counter

from builder.diagnostics import Diagnostics
from builder.gift.model import Choice, QuestionKind
from builder.model import Quiz

# Fewer choice questions than this say nothing about a habit.
MIN_QUESTIONS_FOR_A_PATTERN = 4
# The share of questions with the right answer in one position that gives the key away.
SAME_POSITION_SHARE = 0.5


def right_answer_positions(quiz: Quiz) -> list[int]:
    """For each single-answer choice question, the written position (1, 2, ...) of its best choice."""
    positions = []
    for item in quiz.questions:
        if item.question.kind is not QuestionKind.MULTIPLE_CHOICE:
            continue
        choices = [answer for answer in item.question.answers if isinstance(answer, Choice)]
        if len(choices) > 1:
            best = max(range(len(choices)), key=lambda index: choices[index].percent)
            positions.append(best + 1)
    return positions


def check_answer_positions(quiz: Quiz, diagnostics: Diagnostics) -> None:
    if quiz.settings.shuffle_answers:
        return
    positions = right_answer_positions(quiz)
    if len(positions) < MIN_QUESTIONS_FOR_A_PATTERN:
        return
    position, count = Counter(positions).most_common(1)[0]
    if count > SAME_POSITION_SHARE * len(positions):
        diagnostics.warning(quiz.settings.location, f"answers are not shuffled (shuffle_answers: false) and the right "
                            f"answer is choice {position} in {count} of {len(positions)} multiple-choice questions: a "
                            "learner who always picks that position passes without reading; shuffle the answers or "
                            "vary where the right one stands", rule="quiz-answer-position")
