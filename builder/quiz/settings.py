"""Quiz settings: the `quiz:` section of module.yml, checked like every other metadata.

    quiz:
      attempts: 3                 # 0 (the default) allows any number
      shuffle_answers: true
      shuffle_questions: false
      draw:                       # at each attempt, draw questions at random from categories
        - category: Finance
          count: 5
      feedback: after_submit      # or immediate: a Check button on each question
      show_correct: after_passing # or after_attempt, never
      points:                     # points per question, by title (default 1)
        M1-Q03: 2
      objectives:                 # which questions assess which module objective (numbered from 1)
        1: [M1-Q01, M1-Q02]
      essay_length: 1000
"""
from __future__ import annotations

from typing import Any

from builder.diagnostics import Diagnostics
from builder.metadata import (
    Field, Metadata, TypeProblem, boolean, check_fields, mapping, one_of, text, whole_number,
)
from builder.model import DrawRule, QuizSettings
from builder.scorm import LONGEST_ESSAY

FEEDBACK = ("after_submit", "immediate")
SHOW_CORRECT = ("after_passing", "after_attempt", "never")

QUIZ_FIELDS = (
    Field("attempts", whole_number(0, 100)),
    Field("shuffle_answers", boolean),
    Field("shuffle_questions", boolean),
    Field("draw", lambda value: value if isinstance(value, list) else TypeProblem("must be a list of '- category: ..., count: ...' entries")),
    Field("feedback", one_of(*FEEDBACK)),
    Field("show_correct", one_of(*SHOW_CORRECT)),
    Field("points", mapping),
    Field("objectives", mapping),
    Field("essay_length", whole_number(10, LONGEST_ESSAY)),
)


def quiz_settings(module: Metadata, diagnostics: Diagnostics) -> QuizSettings | None:
    """The module's quiz settings (defaults when there is no `quiz:` section), or None if they are wrong."""
    section = module.children.get("quiz")
    if section is None:
        return QuizSettings(location=module.location)
    if not check_fields(section, QUIZ_FIELDS, "the quiz settings", diagnostics):
        return None
    settings = QuizSettings(location=section.location, **{
        key: section.values[key] for key in ("attempts", "shuffle_answers", "shuffle_questions", "feedback",
                                             "show_correct", "essay_length") if key in section.values})
    clean = _read_points(section, settings, diagnostics)
    clean &= _read_objectives(section, settings, diagnostics)
    clean &= _read_draw(section, settings, diagnostics)
    return settings if clean else None


def _read_points(section: Metadata, settings: QuizSettings, diagnostics: Diagnostics) -> bool:
    points = section.children.get("points")
    clean = True
    for title, value in section.values.get("points", {}).items():
        where = points.value_locations.get(str(title), section.where("points")) if points else section.where("points")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 100:
            diagnostics.error(where, f"points for '{title}' must be a number greater than 0 and at most 100", rule="quiz-points")
            clean = False
            continue
        settings.points[str(title)] = float(value)
        settings.point_locations[str(title)] = where
    return clean


def _read_objectives(section: Metadata, settings: QuizSettings, diagnostics: Diagnostics) -> bool:
    objectives = section.children.get("objectives")
    clean = True
    for number, titles in section.values.get("objectives", {}).items():
        where = objectives.where(str(number)) if objectives else section.where("objectives")
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            diagnostics.error(where, f"objective '{number}' must be the number of one of the module's objectives (1, 2, ...)", rule="quiz-objectives")
            clean = False
            continue
        converted = [text(t) for t in (titles if isinstance(titles, list) else [titles])]
        if any(isinstance(t, TypeProblem) for t in converted) or not converted:
            diagnostics.error(where, f"objective {number} must list question titles, e.g. [M1-Q01, M1-Q02]", rule="quiz-objectives")
            clean = False
            continue
        settings.objectives[number] = converted
        settings.objective_locations[number] = where
    return clean


def _read_draw(section: Metadata, settings: QuizSettings, diagnostics: Diagnostics) -> bool:
    clean = True
    items = section.item_locations.get("draw", [])
    for index, rule in enumerate(section.values.get("draw", [])):
        where = items[index] if index < len(items) else section.where("draw")
        problem = _draw_problem(rule)
        if problem:
            diagnostics.error(where, problem, rule="quiz-draw")
            clean = False
        else:
            settings.draw.append(DrawRule(rule.get("category"), rule["count"], where))
    return clean


def _draw_problem(rule: Any) -> str | None:
    if not isinstance(rule, dict) or set(rule) - {"category", "count"} or "count" not in rule:
        return "each draw entry has a 'count' and, optionally, a 'category', e.g. '- category: Finance' then 'count: 5'"
    if isinstance(rule["count"], bool) or not isinstance(rule["count"], int) or rule["count"] < 1:
        return "'count' must be a whole number of questions, at least 1"
    if "category" in rule and (not isinstance(rule["category"], str) or not rule["category"].strip()):
        return "'category' must be the name of a $CATEGORY in the quiz"
    return None
