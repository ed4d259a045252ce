"""A Moodle quiz's slots: which hold a fixed question and which draw one at random (`draw:`).

Without draw rules every question is a fixed slot, in source order. With them the quiz does what
coursekit's own quiz does at each attempt: descriptions and essays (which no machine grades) are
always shown; each rule draws `count` graded questions from its category (or, without a category,
from the whole quiz) that no earlier rule drew; a graded question no rule draws is not asked.
In Moodle each drawn question is a random slot: a question set reference whose filter names the
rule's question category (the whole quiz: the module's category and every category in it). Moodle
never draws one question twice in an attempt, nor one that a fixed slot already shows
(core_question random_question_loader), so the draws exclude each other as coursekit's do.

Moodle's random slots have places, where coursekit's drawn questions keep their own: the slots of a
rule stand together where the first question of its category stands in the sources, and never
before the slots of an earlier rule, so Moodle draws in the rules' order as coursekit does.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from builder.diagnostics import Diagnostics
from builder.gift.model import QuestionKind
from builder.mbz.questions import Bank, Category, Entry
from builder.model import DrawRule, Quiz, QuizQuestion


@dataclass(frozen=True)
class FixedSlot:
    index: int                   # the question's place in the quiz
    mark: float


@dataclass(frozen=True)
class RandomSlot:
    rule: DrawRule
    mark: float


def mark(item: QuizQuestion) -> float:
    return 0.0 if item.question.kind is QuestionKind.DESCRIPTION else item.points


def pool(quiz: Quiz, rule: DrawRule) -> list[int]:
    """The places of the questions `rule` draws from (before earlier rules take theirs)."""
    return [index for index, item in enumerate(quiz.questions) if item.question.is_graded
            and (rule.category is None or item.question.category == rule.category)]


def layout(quiz: Quiz) -> list[FixedSlot | RandomSlot]:
    """The quiz's slots in order."""
    if not quiz.settings.draw:
        return [FixedSlot(index, mark(item)) for index, item in enumerate(quiz.questions)]
    placed = [(index, 0, [FixedSlot(index, mark(item))]) for index, item in enumerate(quiz.questions)
              if not item.question.is_graded]
    anchor = -1
    for order, rule in enumerate(quiz.settings.draw, start=1):
        places = pool(quiz, rule)
        anchor = max(anchor, places[0])
        placed.append((anchor, order, [RandomSlot(rule, quiz.questions[places[0]].points)] * rule.count))
    return [slot for _, _, slots in sorted(placed, key=lambda p: (p[0], p[1])) for slot in slots]


def check_draws(quiz: Quiz, diagnostics: Diagnostics) -> None:
    """What Moodle's random slots cannot do as coursekit's draws do: refused at the rule's line."""
    taken: list[tuple[set[int], int]] = []           # each earlier rule's pool and count
    for rule in quiz.settings.draw:
        places = pool(quiz, rule)
        if not places:
            return                                    # the quiz stage has said so already
        what = f"the category '{rule.category}'" if rule.category else "the quiz"
        points = sorted({quiz.questions[index].points for index in places})
        if len(points) > 1:
            diagnostics.error(rule.location, f"a Moodle quiz gives every question one draw picks the same marks, but "
                              f"the questions of {what} have {' and '.join(f'{p:g}' for p in points)} points: give them "
                              "the same points, or keep the quiz in the SCORM package (quiz: scorm)", rule="moodle-quiz")
        spoken_for = min(len(places), sum(min(count, len(set(places) & earlier)) for earlier, count in taken))
        if rule.count > len(places) - spoken_for:
            diagnostics.error(rule.location, f"in Moodle this draw could find too few questions: the draws before it may "
                              f"take {spoken_for} of the {len(places)} in {what}, and Moodle then refuses to start the "
                              "attempt; draw fewer, or draw from the whole quiz last", rule="moodle-quiz")
        taken.append((set(places), rule.count))


def drawn_category(rule: DrawRule, quiz: Quiz, entries: list[Entry], bank: Bank) -> Category:
    """The question category a rule draws from: its GIFT category's, or the module's for the whole quiz."""
    chain = bank.ancestors(entries[pool(quiz, rule)[0]].category)     # course, module[, GIFT category]
    return chain[1] if rule.category is None else chain[-1]


def filter_condition(category: Category, subcategories: bool) -> str:
    """The question set reference's filter, in Moodle 4.3+'s shape (question_reference_manager), as PHP encodes it."""
    condition = {
        "filter": {"category": {"jointype": 1, "values": [category.id],
                                "filteroptions": {"includesubcategories": subcategories}}},
        "cat": f"{category.id},{category.contextid}", "tabname": "questions", "qpage": 0, "qperpage": 100, "jointype": 2,
    }
    return json.dumps(condition, separators=(",", ":"))
