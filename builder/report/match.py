"""Interactions → the questions of the sources, graded as the package graded them.

Which module: the SCO's title in the report's header is the module's title (the manifest's item
title). Which question: the interaction id coursekit wrote (builder.quiz.assemble.question_id) when
the download has the "Question" column; otherwise the interaction's number, which is the question's
place in the quiz only when every question was shown in the source order and every one answered:
the runtime records answered questions only, so a skipped, drawn or reordered question would shift
every answer after it onto the wrong question.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from builder.diagnostics import Location
from builder.gift.model import QuestionKind
from builder.model import Course, Module, QuizQuestion
from builder.quiz.grading import Grade, Response, grade
from builder.report.responses import parse_response, response_label
from builder.report.sheets import ReportError
from builder.report.table import Interaction, InteractionsReport

TICK_QUESTION = ("in Moodle, open the activity's Reports > Interactions report, tick 'Question' under "
                 "\"Report options\" (keep 'Response'), save, and download the report again")


@dataclass(frozen=True)
class Answer:
    interaction: Interaction
    response: Response | None      # None: not in the format of this kind of question
    grade: Grade
    label: str                     # the response as the report shows it


@dataclass
class ModuleAttempt:
    learner: str
    number: int
    location: Location
    recorded_score: float | None
    answers: dict[str, Answer] = field(default_factory=dict)     # question id -> answer


@dataclass
class ModuleResponses:
    course: Course
    module: Module
    files: list[str] = field(default_factory=list)
    attempts: list[ModuleAttempt] = field(default_factory=list)
    unknown: dict[str, list[tuple[str, Interaction]]] = field(default_factory=dict)   # id -> (learner, interaction)


def recorded_questions(module: Module) -> list[QuizQuestion]:
    """The questions that record an interaction when answered, in the order the runtime records them."""
    return [q for q in module.quiz.questions if q.question.kind is not QuestionKind.DESCRIPTION]


def match_report(report: InteractionsReport, course: Course, found: dict[str, ModuleResponses]) -> None:
    """Add the report's attempts to `found` (module id -> responses)."""
    path = report.sheet.path
    for s, title in enumerate(report.sco_titles):
        module = _module_for(report, s, title, course)
        responses = found.setdefault(module.id, ModuleResponses(course, module))
        responses.files.append(f"{path.name} ({report.sheet.format})")
        questions = {q.id: q for q in recorded_questions(module)}
        in_order = recorded_questions(module)
        seen = {(a.learner, a.number) for a in responses.attempts}
        for attempt in report.attempts:
            sco = attempt.scos[s]
            if not sco.interactions or (attempt.learner, attempt.number) in seen:
                continue      # no quiz submitted, or the same attempt in another download of the same report
            seen.add((attempt.learner, attempt.number))
            if not report.has_ids:
                _check_order(report, module, sco.interactions, len(in_order), attempt.location)
            taken = ModuleAttempt(attempt.learner, attempt.number, attempt.location, sco.recorded_score)
            for position, interaction in enumerate(sco.interactions):
                item = questions.get(interaction.id) if report.has_ids else in_order[position]
                if item is None:
                    responses.unknown.setdefault(interaction.id or "(no id)", []).append((attempt.learner, interaction))
                    continue
                taken.answers[item.id] = answer_for(item, interaction)
            responses.attempts.append(taken)


def answer_for(item: QuizQuestion, interaction: Interaction) -> Answer:
    recorded = interaction.response or ""
    if not recorded.strip():      # no response in the download (the option not ticked, or not stored): Moodle's result, if any
        percent = None if item.question.kind is QuestionKind.ESSAY else result_percent(interaction.result)
        return Answer(interaction, None, Grade(percent, True), "(no response in the download)")
    response = parse_response(item.question, recorded)
    graded = grade(item.question, response) if response is not None else Grade(
        None if item.question.kind is QuestionKind.ESSAY else 0.0, False)
    return Answer(interaction, response, graded, response_label(item.question, response, recorded))


def result_percent(result: str | None) -> float:
    """SCORM's `result`: correct, wrong (2004: incorrect), or a number (the runtime's partial credit)."""
    text = (result or "").strip().lower()
    if text == "correct":
        return 100.0
    try:
        return max(0.0, min(100.0, float(text)))
    except ValueError:
        return 0.0


def renamed_to(unknown_id: str, module: Module) -> str | None:
    """The question an unknown id probably became: same title, another position (question_id: qNN-<title>)."""
    slug = unknown_id.split("-", 1)[1] if "-" in unknown_id else None
    same = [q.id for q in module.quiz.questions if slug and q.id.split("-", 1)[-1] == slug and q.id != unknown_id]
    return same[0] if len(same) == 1 else None


def _module_for(report: InteractionsReport, s: int, title: str, course: Course) -> Module:
    with_quiz = [m for m in course.modules if m.quiz is not None]
    named = [m for m in with_quiz if m.title.strip() == title]
    if named:
        return named[0]
    ids = {i.id for a in report.attempts for i in a.scos[s].interactions if i.id}
    if ids:
        best = max(with_quiz, key=lambda m: len(ids & {q.id for q in m.quiz.questions}), default=None)
        if best is not None and ids & {q.id for q in best.quiz.questions}:
            return best
    titles = ", ".join(f"'{m.title}'" for m in with_quiz) or "none"
    raise ReportError(Location(report.sheet.path, 1), f"the report is of '{title}', which is not a module with a quiz in "
                      f"the course '{course.title}' ({course.directory}); its modules with a quiz: {titles}",
                      rule="report-module")


def _check_order(report: InteractionsReport, module: Module, interactions: list[Interaction], count: int,
                 where: Location) -> None:
    settings = module.quiz.settings
    reason = None
    if settings.shuffle_questions:
        reason = "the quiz shuffles its questions ('shuffle_questions' in module.yml)"
    elif settings.draw:
        reason = "the quiz draws its questions at random ('draw' in module.yml)"
    elif report.interaction_count > count:
        reason = f"the report has up to {report.interaction_count} interactions per attempt, but the quiz now has {count} questions"
    elif len(interactions) != count or [i.index for i in interactions] != list(range(count)):
        reason = (f"this attempt recorded {len(interactions)} interactions, and the quiz has {count} questions (some were "
                  "left unanswered, or the module changed since)")
    if reason:
        raise ReportError(where, f"this download has no interaction ids, and responses cannot be matched to questions by their "
                          f"order: {reason}. To match them by id, {TICK_QUESTION}", rule="report-needs-ids")
