"""Plain-language flags: what in the figures deserves the instructor's attention, and why.

The thresholds are the usual ones of item analysis: a facility of 90% or more is very easy, 20% or
less hard; a discrimination below 0.20 is weak, and a negative one means the question rewards the
learners who know less (a wrong key, or a misleading text). Figures from a handful of attempts say
little, so the flags that read patterns wait for MIN_ATTEMPTS attempts.
"""
from __future__ import annotations

from collections import Counter

from builder.gift.model import QuestionKind
from builder.quiz.grading import CHOICE_KINDS
from builder.report.match import renamed_to
from builder.report.responses import LETTERS
from builder.report.stats import Flag, ModuleStats, QuestionStats

TOO_EASY, TOO_HARD = 0.90, 0.20
LOW_DISCRIMINATION = 0.20
MIN_ATTEMPTS = 5
MIN_SAME_POSITION = 3      # single-answer questions needed before "always in the same position" means anything


def flag_module(stats: ModuleStats) -> None:
    for question in stats.questions:
        question.flags = question_flags(question)
    stats.flags = quiz_flags(stats)


def question_flags(q: QuestionStats) -> list[Flag]:
    flags: list[Flag] = []
    if q.result_mismatches:
        flags.append(Flag("result-differs", f"Moodle recorded another result than the sources give for {q.result_mismatches} "
                                            "response(s): the question's answers changed since these attempts"))
    unknown = [r for r in q.responses if r.count and not r.known]
    if unknown:
        listed = ", ".join(f"“{r.label}” ({r.count})" for r in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        hint = {QuestionKind.SHORT_ANSWER: "if some are right, add them as accepted answers",
                QuestionKind.NUMERICAL: "if some are right, widen the tolerance or add them as answers"}.get(
                    q.item.question.kind, "they are not in the format of this question: it may have changed since these attempts")
        flags.append(Flag("unmatched-responses", f"{sum(r.count for r in unknown)} response(s) match no answer the question "
                                                 f"knows: {listed}; {hint}"))
    if q.facility is None or q.attempts < MIN_ATTEMPTS:
        return flags
    if q.facility >= TOO_EASY:
        flags.append(Flag("too-easy", f"too easy: {q.facility:.0%} of the marks were earned; it tells learners apart little"))
    elif q.facility <= TOO_HARD:
        flags.append(Flag("too-hard", f"too hard: only {q.facility:.0%} of the marks were earned; check the wording and the key"))
    if q.discrimination is not None and q.discrimination < 0:
        flags.append(Flag("negative-discrimination", f"negative discrimination ({q.discrimination:+.2f}): learners who did "
                                                     "well on the rest of the quiz did worse on this question; check the key"))
    elif q.discrimination is not None and q.discrimination < LOW_DISCRIMINATION:
        flags.append(Flag("low-discrimination", f"low discrimination ({q.discrimination:+.2f}): this question hardly tells "
                                                "stronger learners from weaker ones"))
    flags.extend(_choice_flags(q))
    return flags


def _choice_flags(q: QuestionStats) -> list[Flag]:
    kind = q.item.question.kind
    if kind not in CHOICE_KINDS:
        return []
    flags = []
    choices = [r for r in q.responses if r.choice is not None]
    right = [r for r in choices if (r.credit or 0) > 0]
    wrong = [r for r in choices if (r.credit or 0) <= 0]
    if kind is not QuestionKind.TRUE_FALSE:
        for r in wrong:
            if r.count == 0:
                flags.append(Flag("unused-distractor", f"no one picked the wrong choice “{r.label}”: it does no work; "
                                                       "replace it with a mistake learners really make"))
    most_right = max((r.count for r in right), default=0)
    for r in wrong:
        if r.count > most_right:
            key = max(right, key=lambda c: c.count, default=None)
            flags.append(Flag("distractor-beats-key", f"the wrong choice “{r.label}” was picked more often ({r.count}) than the "
                                                      f"right one ({most_right})" + _wrong_key_hint(r, key)))
    return flags


def _wrong_key_hint(wrong, key) -> str:
    if key is None or wrong.rest_mean is None or (key.rest_mean is not None and wrong.rest_mean <= key.rest_mean):
        return ""
    return (", and by learners who did better on the rest of the quiz: is the key right? (the GIFT marks "
            f"“{key.label}” as correct)")


def quiz_flags(stats: ModuleStats) -> list[Flag]:
    flags = []
    quiz = stats.responses.module.quiz
    if not quiz.settings.shuffle_answers:
        flags.extend(_same_position(stats))
    if stats.score_mismatches:
        flags.append(Flag("score-differs", f"{len(stats.score_mismatches)} attempt(s) have another score in Moodle than the "
                                           "sources give: the quiz changed since, or some answers were not recorded"))
    if stats.responses.unknown:
        module = stats.responses.module
        ids = ", ".join(id + (f" (probably now {renamed_to(id, module)}: not merged)" if renamed_to(id, module) else "")
                        for id in sorted(stats.responses.unknown)[:5])
        flags.append(Flag("unknown-questions", f"{len(stats.responses.unknown)} interaction id(s) match no question of the "
                                               f"sources ({ids}): the module changed since these attempts; they are reported apart"))
    return flags


def _same_position(stats: ModuleStats) -> list[Flag]:
    """Answers shown in source order, and the right one always in the same place: guessing by position pays."""
    single = [q for q in stats.questions if q.item.question.kind is QuestionKind.MULTIPLE_CHOICE]
    positions = Counter()
    for q in single:
        key = max((r for r in q.responses if r.choice is not None), key=lambda r: r.credit or 0)
        positions[key.choice] += 1
    if len(single) < MIN_SAME_POSITION or len(positions) != 1:
        return []
    position = next(iter(positions))
    message = (f"the right answer is choice {LETTERS[position]} (number {position + 1}) in every one of the "
               f"{len(single)} multiple-choice questions, and answers are not shuffled: a learner who always picks that "
               "position scores without knowing; move the right answers, or set 'shuffle_answers: true'")
    for q in single:
        q.flags.append(Flag("same-position", f"the right answer is choice {LETTERS[position]}, as in every "
                                             "multiple-choice question of this quiz, and answers are not shuffled"))
    return [Flag("same-position", message)]
