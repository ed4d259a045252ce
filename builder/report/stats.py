"""Item statistics of each question, as Moodle's quiz statistics define them.

question/classes/statistics/questions/calculator.php: a question's *facility* is its mean mark over
its maximum; its *discrimination index* is the correlation between its mark and the learner's marks
on the rest of the quiz (the attempt's total less this question), over the attempts that had the
question. Marks are credit x points; an unanswered question of a quiz that does not draw scores 0,
as in Moodle. Essays have no mark: they are listed whole for the teacher.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from builder.gift.model import Choice, QuestionKind
from builder.model import QuizQuestion
from builder.quiz.grading import CHOICE_KINDS, score
from builder.report.match import ModuleAttempt, ModuleResponses, recorded_questions
from builder.report.responses import LETTERS



@dataclass
class ResponseCount:
    label: str                     # the choice's text, the pairs, the typed text
    recorded: str                  # as Moodle stored it: "c", "0.b,1.a", "net leasable area"
    count: int
    credit: float | None           # percent, None for an essay
    known: bool = True             # a response the question knows (a listed choice, an accepted answer)
    choice: int | None = None      # the source's choice index, for choice questions
    rest_mean: float | None = None     # mean mark on the rest of the quiz of those who gave it


@dataclass
class Flag:
    code: str
    message: str


@dataclass
class QuestionStats:
    item: QuizQuestion
    source: str                    # path:line of its GIFT
    attempts: int = 0
    learners: int = 0
    unanswered: int = 0
    facility: float | None = None
    discrimination: float | None = None
    responses: list[ResponseCount] = field(default_factory=list)
    essays: list[tuple[str, str]] = field(default_factory=list)       # (learner, text)
    result_mismatches: int = 0     # Moodle recorded another result than the sources give
    flags: list[Flag] = field(default_factory=list)
    latency: float | None = None   # seconds; Moodle's interactions report does not export latency

    @property
    def id(self) -> str:
        return self.item.id


@dataclass
class ModuleStats:
    responses: ModuleResponses
    questions: list[QuestionStats]
    attempts: int
    learners: int
    mean_score: float | None
    score_mismatches: list[tuple[ModuleAttempt, float]]          # (attempt, score the sources give)
    flags: list[Flag] = field(default_factory=list)               # about the whole quiz


def module_stats(found: ModuleResponses, source_of) -> ModuleStats:
    module = found.module
    questions = recorded_questions(module)
    draws = bool(module.quiz.settings.draw)
    marks = [{q.id: _mark(q, attempt) for q in questions if q.id in attempt.answers or not draws}
             for attempt in found.attempts]
    stats = [question_stats(q, found.attempts, marks, source_of(q)) for q in questions]
    regraded = [(attempt, score([(q.points, _percent(q, attempt)) for q in questions if q.question.is_graded
                                 and (q.id in attempt.answers or not draws)])) for attempt in found.attempts]
    mismatches = [(a, s) for a, s in regraded if a.recorded_score is not None and abs(a.recorded_score - s) > 0.011]
    scores = [a.recorded_score for a in found.attempts if a.recorded_score is not None]
    return ModuleStats(found, stats, len(found.attempts), len({a.learner for a in found.attempts}),
                       sum(scores) / len(scores) if scores else None, mismatches)


def _percent(q: QuizQuestion, attempt: ModuleAttempt) -> float | None:
    answer = attempt.answers.get(q.id)
    return answer.grade.percent if answer is not None else 0.0


def _mark(q: QuizQuestion, attempt: ModuleAttempt) -> float | None:
    percent = _percent(q, attempt) if q.question.is_graded else None
    return None if percent is None else q.points * max(0.0, percent) / 100


def question_stats(q: QuizQuestion, attempts: list[ModuleAttempt], marks: list[dict], source: str) -> QuestionStats:
    stats = QuestionStats(q, source)
    had = [(attempt, mark) for attempt, mark in zip(attempts, marks) if q.id in mark]
    stats.attempts = sum(1 for attempt, _ in had if q.id in attempt.answers)
    stats.learners = len({attempt.learner for attempt, _ in had if q.id in attempt.answers})
    stats.unanswered = len(had) - stats.attempts
    if q.question.kind is QuestionKind.ESSAY:
        stats.essays = [(a.learner, a.answers[q.id].interaction.response or "") for a, _ in had if q.id in a.answers]
        return stats
    own = [mark[q.id] for _, mark in had]
    rest = [sum(v for k, v in mark.items() if k != q.id and v is not None) for _, mark in had]
    if own:
        stats.facility = sum(own) / len(own) / q.points
        stats.discrimination = correlation(own, rest)
    stats.responses = _response_counts(q, had, rest)
    stats.result_mismatches = sum(1 for a, _ in had if q.id in a.answers and _result_differs(a.answers[q.id]))
    return stats


def correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r; None when either side does not vary (Moodle shows no index then)."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx * syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(sxx * syy)))


def _response_counts(q: QuizQuestion, had, rest: list[float]) -> list[ResponseCount]:
    question = q.question
    rows: dict[object, ResponseCount] = {}
    rests: dict[object, list[float]] = {}
    if question.kind in CHOICE_KINDS:      # every choice is listed, picked or not
        choices = [a for a in question.answers if isinstance(a, Choice)]
        for i, choice in enumerate(choices):
            rows[i] = ResponseCount(" ".join(choice.text.text.split()), _letter(question, i), 0, choice.percent, True, i)
    for (attempt, _), other in zip(had, rest):
        answer = attempt.answers.get(q.id)
        if answer is None:
            continue
        picked = answer.response.choices if answer.response is not None and answer.response.choices else None
        if question.kind in CHOICE_KINDS and picked and answer.grade.known:
            keys = list(dict.fromkeys(picked))
        else:
            recorded = (answer.interaction.response or "").strip()
            keys = [("text", " ".join(recorded.lower().split()) if question.kind is QuestionKind.SHORT_ANSWER else recorded)]
            if keys[0] not in rows:
                rows[keys[0]] = ResponseCount(answer.label, recorded, 0, answer.grade.percent, answer.grade.known)
        for key in keys:
            rows[key].count += 1
            rests.setdefault(key, []).append(other)
    for key, row in rows.items():
        if rests.get(key):
            row.rest_mean = sum(rests[key]) / len(rests[key])
    listed = [row for row in rows.values() if row.choice is not None]
    others = sorted((row for row in rows.values() if row.choice is None), key=lambda row: (-row.count, row.label))
    return listed + others


def _letter(question, index: int) -> str:
    if question.kind is QuestionKind.TRUE_FALSE:
        return "t" if index == 0 else "f"
    return LETTERS[index]


def _result_differs(answer) -> bool:
    """Moodle's stored result against the sources' grade: a changed key shows here first."""
    result = (answer.interaction.result or "").strip().lower()
    percent = answer.grade.percent
    if not result or result in ("neutral", "unanticipated") or percent is None:
        return False
    if result == "correct":
        return percent < 100
    if result in ("wrong", "incorrect"):
        return percent > 0
    try:
        return abs(float(result) - percent) > 0.01
    except ValueError:
        return False
