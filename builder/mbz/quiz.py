"""A module's quiz as a native Moodle quiz (`quiz: moodle`): quiz.xml, and what of coursekit's quiz
settings Moodle can and cannot express.

    attempts          -> Attempts allowed
    shuffle_answers   -> Shuffle within questions
    shuffle_questions -> the section's Shuffle questions
    feedback          -> How questions behave: after_submit = Deferred feedback, immediate = Immediate feedback
    show_correct      -> Review options, Right answer: after_attempt = immediately after and later; never = never
    points            -> each slot's maximum mark; the quiz is graded out of 100
    draw              -> random slots drawing from the rule's question category (builder.mbz.slots)
    pass mark         -> the grade item's Grade to pass

Moodle's review options depend on time, not on the grade, so `show_correct: after_passing` has no
equivalent: the right answers are then never shown, and `coursekit check` says so. Question-to-objective
links and `essay_length` (a limit of SCORM's storage) are not carried over. Draws whose questions have
different points (a random slot has one mark) are refused with the rule's line. Questions shown inside
a lesson move to the Moodle quiz like those of .gift files; the lesson keeps its text.
"""
from __future__ import annotations

from builder.diagnostics import Diagnostics
from builder.mbz.questions import Bank, Entry
from builder.mbz.slots import FixedSlot, RandomSlot, check_draws, drawn_category, filter_condition, layout
from builder.mbz.xml import C, E, Element, decimal
from builder.model import Course, Module

# Review option bits (mod/quiz: display options): during, immediately after, later while open, after close
DURING, IMMEDIATELY_AFTER, LATER_WHILE_OPEN, AFTER_CLOSE = 0x10000, 0x01000, 0x00100, 0x00010
ALWAYS = DURING | IMMEDIATELY_AFTER | LATER_WHILE_OPEN | AFTER_CLOSE
AFTER_ATTEMPT = IMMEDIATELY_AFTER | LATER_WHILE_OPEN | AFTER_CLOSE
RIGHT_ANSWER = {"after_attempt": AFTER_ATTEMPT, "never": 0, "after_passing": 0}
BEHAVIOUR = {"after_submit": "deferredfeedback", "immediate": "immediatefeedback"}
GRADE_HIGHEST = 1                   # quiz.grademethod: the highest attempt, as the SCORM activities
MAXIMUM_GRADE = 100


def check_quiz(course: Course, module: Module, diagnostics: Diagnostics) -> None:
    """Refuse what a Moodle quiz cannot hold; warn about what it drops."""
    quiz = module.quiz
    if quiz is None:
        return
    settings = quiz.settings
    check_draws(quiz, diagnostics)
    if settings.show_correct == "after_passing":
        diagnostics.warning(settings.location, "the Moodle quiz cannot show the right answers only after a pass (its "
                            "review options depend on time, not grade): it never shows them; set 'show_correct' to "
                            "after_attempt or never", rule="moodle-quiz-dropped")
    if settings.objectives:
        diagnostics.warning(settings.location, "the Moodle quiz does not link questions to the module's objectives: "
                            "'objectives' is left out of it", rule="moodle-quiz-dropped")


def quiz_activity(*, instance: int, cmid: int, contextid: int, name: str, intro: str, module: Module,
                  entries: list[Entry], bank: Bank, ids, timestamp: int) -> Element:
    settings = module.quiz.settings
    slots = layout(module.quiz)
    marks = [slot.mark for slot in slots]
    review = {f"review{what}": ALWAYS for what in ("attempt", "correctness", "maxmarks", "marks", "specificfeedback", "generalfeedback")}
    return C("activity", [C("quiz", [
        E("name", name), E("intro", intro), E("introformat", 1), E("timeopen", 0), E("timeclose", 0), E("timelimit", 0),
        E("overduehandling", "autosubmit"), E("graceperiod", 0), E("preferredbehaviour", BEHAVIOUR[settings.feedback]),
        E("canredoquestions", 0), E("attempts_number", settings.attempts), E("attemptonlast", 0), E("grademethod", GRADE_HIGHEST),
        E("decimalpoints", 2), E("questiondecimalpoints", -1), *[E(tag, value) for tag, value in review.items()],
        E("reviewrightanswer", RIGHT_ANSWER[settings.show_correct]), E("reviewoverallfeedback", AFTER_ATTEMPT),
        E("questionsperpage", 1), E("navmethod", "free"), E("shuffleanswers", int(settings.shuffle_answers)),
        E("sumgrades", decimal(sum(marks), 5)), E("grade", decimal(MAXIMUM_GRADE, 5)), E("timecreated", timestamp),
        E("timemodified", timestamp), E("password", ""), E("subnet", ""), E("browsersecurity", "-"), E("delay1", 0),
        E("delay2", 0), E("showuserpicture", 0), E("showblocks", 0), E("completionattemptsexhausted", 0),
        E("completionminattempts", 0), E("allowofflineattempts", 0), E("precreateattempts", 0),
        C("subplugin_quizaccess_seb_quiz"), C("quiz_grade_items"),
        C("question_instances", [_slot(instance, number, _reference(slot, module, entries, bank, contextid, ids), slot.mark, ids)
                                 for number, slot in enumerate(slots, start=1)]),
        C("sections", [C("section", [E("firstslot", 1), E("heading", ""), E("shufflequestions", int(settings.shuffle_questions))],
                         id=ids("quiz_sections"))]),
        C("feedbacks", [C("feedback", [E("feedbacktext", ""), E("feedbacktextformat", 1), E("mingrade", decimal(0, 5)),
                                       E("maxgrade", decimal(MAXIMUM_GRADE + 1, 5))], id=ids("quiz_feedback"))]),
        C("overrides"), C("grades"), C("attempts"),
    ], id=instance)], id=instance, moduleid=cmid, modulename="quiz", contextid=contextid)


def _slot(quiz: int, number: int, reference: Element, mark: float, ids) -> Element:
    return C("question_instance", [
        E("quizid", quiz), E("slot", number), E("page", number), E("displaynumber", None), E("requireprevious", 0),
        E("maxmark", decimal(mark, 7)), E("quizgradeitemid", None), reference,
    ], id=ids("quiz_slots"))


def _reference(slot: FixedSlot | RandomSlot, module: Module, entries: list[Entry], bank: Bank, contextid: int, ids) -> Element:
    """A fixed slot refers to its question's bank entry; a random one to a set of questions, by its filter."""
    using = [E("usingcontextid", contextid), E("component", "mod_quiz"), E("questionarea", "slot")]
    if isinstance(slot, FixedSlot):
        return C("question_reference", [*using, E("questionbankentryid", entries[slot.index].id), E("version", None)],
                 id=ids("question_references"))
    category = drawn_category(slot.rule, module.quiz, entries, bank)
    return C("question_set_reference", [*using, E("questionscontextid", category.contextid),
                                        E("filtercondition", filter_condition(category, slot.rule.category is None))],
             id=ids("question_set_references"))
