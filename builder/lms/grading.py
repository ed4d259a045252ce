"""Moodle's grade and activity completion of a SCORM activity, from the tracks (mod/scorm/locallib.php
scorm_grade_user and scorm_grade_user_attempt, lib.php scorm_grade_item_update, and the completion
rules of mod/scorm/classes/completion/custom_completion.php), under a builder.moodle_settings.MoodleSettings."""
from __future__ import annotations

from dataclasses import dataclass

from builder.lms.datamodel import entry_status
from builder.moodle_settings import (
    ATTEMPT_AVERAGE, ATTEMPT_FIRST, ATTEMPT_LAST, GRADE_AVERAGE, GRADE_LEARNING_OBJECTS, GRADE_SUM, STATUS_BITS,
    MoodleSettings,
)

SCORE_ELEMENTS = ("cmi.core.score.raw", "cmi.score.raw")
STATUS_TRACKS = ("cmi.core.lesson_status", "cmi.completion_status", "cmi.success_status")
GRADE_TRIGGERS = ("completed", "passed")


@dataclass(frozen=True)
class Grade:
    rawgrade: float
    finalgrade: float             # bounded by the grade item: 0 to grademax
    grademax: float


@dataclass(frozen=True)
class Completion:
    complete: bool
    failed: bool = False          # no attempts left to complete it (COMPLETION_COMPLETE_FAIL)
    rules: tuple[tuple[str, bool], ...] = ()

    @property
    def state(self) -> int:
        """Moodle's course_modules_completion.completionstate: 0 incomplete, 1 complete, 3 complete-fail."""
        return 1 if self.complete else 3 if self.failed else 0


def score_raw(tracks: dict[str, str]) -> float | None:
    """scorm_get_tracks' score_raw: the stored score as a float of two decimals."""
    for element in SCORE_ELEMENTS:
        if element in tracks:
            try:
                return round(float(tracks[element]), 2)
            except ValueError:
                return 0.0
    return None


def grade_attempt(scos: list[str], tracks: dict[str, dict[str, str]], settings: MoodleSettings) -> float:
    """One attempt's grade. Scores of 0 are "empty" to Moodle: they count neither for Average nor Highest."""
    done, scores = 0, []
    for sco in scos:
        sco_tracks = tracks.get(sco)
        if not sco_tracks:
            continue
        if entry_status(sco_tracks) in ("completed", "passed"):
            done += 1
        score = score_raw(sco_tracks)
        if score:
            scores.append(score)
    if settings.grademethod == GRADE_LEARNING_OBJECTS:
        return float(done)
    if settings.grademethod == GRADE_AVERAGE:
        return sum(scores) / len(scores) if scores else 0.0
    if settings.grademethod == GRADE_SUM:
        return float(sum(scores))
    return float(max(scores, default=0))


def grade_user(scos: list[str], attempts: dict[int, dict[str, dict[str, str]]], settings: MoodleSettings) -> float:
    """The grade over attempts (Moodle's whatgrade), attempts beyond the maximum left out."""
    numbers = sorted(attempts) or [1]
    last = numbers[-1] if not settings.maxattempt else min(numbers[-1], settings.maxattempt)
    grade = lambda number: grade_attempt(scos, attempts.get(number, {}), settings)
    if settings.whatgrade == ATTEMPT_FIRST:
        return grade(numbers[0])
    if settings.whatgrade == ATTEMPT_LAST:
        completed = [n for n in numbers if any(entry_status(t) in ("completed", "passed") for t in attempts[n].values())]
        return grade(completed[-1] if completed else 1)
    if settings.whatgrade == ATTEMPT_AVERAGE:
        scored = [n for n in numbers if any(score_raw(t) is not None for t in attempts[n].values())]
        return round(sum(grade(n) for n in range(1, numbers[-1] + 1)) / len(scored)) if scored else 0.0
    return max((grade(n) for n in range(1, last + 1)), default=0.0)


def graded(attempts: dict[int, dict[str, dict[str, str]]]) -> bool:
    """Moodle updates the gradebook only when a score, or a completed/passed status, is stored."""
    return any(element in SCORE_ELEMENTS or ("score.raw" in element) or
               (element in STATUS_TRACKS and value in GRADE_TRIGGERS)
               for scos in attempts.values() for tracks in scos.values() for element, value in tracks.items())


def gradebook(scos: list[str], attempts: dict[int, dict[str, dict[str, str]]], settings: MoodleSettings) -> Grade | None:
    if not graded(attempts):
        return None
    grademax = float(len(scos) if settings.grademethod == GRADE_LEARNING_OBJECTS else settings.maxgrade)
    raw = grade_user(scos, attempts, settings)
    return Grade(raw, min(max(raw, 0.0), grademax), grademax)


def completion(scos: list[str], attempts: dict[int, dict[str, dict[str, str]]], settings: MoodleSettings) -> Completion:
    """Every rule the activity has must hold; a status rule holds when any status track has a status asked for."""
    statuses = [(sco, value) for scos_tracks in attempts.values() for sco, tracks in scos_tracks.items()
                for element, value in tracks.items() if element in STATUS_TRACKS]
    rules = []
    if settings.completionstatusrequired:
        rules.append(("status", any(STATUS_BITS.get(value, 0) & settings.completionstatusrequired for _, value in statuses)))
    if settings.completionscorerequired is not None:
        scores = [tracks[e] for scos_tracks in attempts.values() for tracks in scos_tracks.values() for e in SCORE_ELEMENTS
                  if e in tracks]
        rules.append(("score", any(value != "" and to_float(value) >= settings.completionscorerequired for value in scores)))
    if settings.completionstatusallscos:
        done = {sco for sco, value in statuses if value in STATUS_BITS}
        rules.append(("all SCOs", all(sco in done for sco in scos)))
    complete = bool(rules) and all(holds for _, holds in rules)
    failed = not complete and settings.maxattempt > 0 and len(attempts) >= settings.maxattempt
    return Completion(complete, failed, tuple(rules))


def to_float(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0
