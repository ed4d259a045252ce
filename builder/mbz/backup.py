"""The plan of one course backup: every section, activity, file and question with its id, then the
archive's entries. Ids count up from 1 per table in course order, as in a fresh Moodle, so they depend
only on the sources; every time is TIMESTAMP."""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from builder.diagnostics import Diagnostics, display_path
from builder.i18n import messages_for
from builder.mbz.activity import COMPLETION_AUTOMATIC, Activity, GradeItem, activity_entries
from builder.mbz.archive import write_mbz
from builder.mbz.course import (
    COURSE_CONTEXT, COURSE_EMPTY_FILES, GRADE_CATEGORY, Section, backup_xml, completion_xml, course_xml,
    gradebook_xml, html_text, section_xml, total_grade,
)
from builder.mbz.files import files_xml, pool_entries
from builder.mbz.questions import Bank, add_questions, context_categories, questions_xml, stamps
from builder.mbz.quiz import MAXIMUM_GRADE, check_quiz, quiz_activity
from builder.mbz.scorm import launch_index, package_files, scoes, scorm_activity, sha1
from builder.mbz.xml import C, E, document
from builder.model import Course, Module
from builder.moodle_settings import package_settings
from builder.output import backup_name, package_bytes
from builder.package import Package, module_package
from builder.quiz.export import export_questions

TIMESTAMP = 315532800        # 1980-01-01 00:00 UTC, the time the SCORM zips' entries carry too


class Ids:
    """The next id of each table: 1, 2, 3..."""

    def __init__(self) -> None:
        self.last: dict[str, int] = defaultdict(int)

    def __call__(self, table: str) -> int:
        self.last[table] += 1
        return self.last[table]


@dataclass
class Backup:
    course: Course
    name: str
    packages: list[Package]                  # the SCORM packages inside, one per module
    entries: dict[str, bytes]                # archive path -> content

    @property
    def location(self):
        return self.course.location

    def write(self, stream) -> None:
        write_mbz(self.entries, TIMESTAMP, stream)


def check_backup(course: Course, diagnostics: Diagnostics, *, building: bool) -> None:
    """What a backup of `course` cannot hold: refused (errors) or left out (warnings, also from `coursekit check`)."""
    if building and not course.all_modules_built:
        diagnostics.error(course.location, "a Moodle course backup is of a whole course: name the course folder, "
                          "not some of its modules", rule="moodle-backup")
    if course.quiz == "moodle":
        for module in course.modules:
            check_quiz(course, module, diagnostics)
        _check_distinct_titles(course, diagnostics)


def _check_distinct_titles(course: Course, diagnostics: Diagnostics) -> None:
    """A module's questions go into a question category named by its title (as export-questions
    names it): two modules of one title would share one, and a draw from one would draw the other's."""
    first: dict[str, Module] = {}
    for module in course.modules:
        if module.quiz is None:
            continue
        earlier = first.setdefault(module.title, module)
        if earlier is not module:
            diagnostics.error(module.location, f"this module has the title '{module.title}' of another module with a "
                              f"quiz ({display_path(earlier.location.path)}): in Moodle their questions would share one "
                              "question category; give the modules different titles", rule="moodle-quiz")


def assemble_backup(course: Course) -> Backup:
    """Everything of the backup, in memory (checked by check_backup first). With `quiz: moodle`,
    each module's quiz becomes a Moodle quiz and its package keeps the lessons only."""
    ids, stamp = Ids(), stamps(f"{course.id}/{course.version}")
    ids("grade_items")                       # the first is the course's own (COURSE_GRADE_ITEM)
    sections = [Section(ids("course_sections"), 0, None, "", [])]
    bank, packages = Bank(), []
    quizzes = {m.id for m in course.modules if course.quiz == "moodle" and m.quiz is not None}
    bank_top = _question_bank(course, sections[0], bank, ids) if quizzes else None
    for number, module in enumerate(course.modules, start=1):
        section = Section(ids("course_sections"), number, module.title, html_text(module.description, items=module.objectives), [])
        sections.append(section)
        package = module_package(course, module if module.id not in quizzes else _without_quiz(module))
        packages.append(package)
        section.activities.append(_scorm(package, module, section, ids))
        if module.id in quizzes:
            section.activities.append(_quiz(course, module, section, bank, bank_top, ids, stamp))
    activities = [a for s in sections for a in s.activities]
    if bank_top is not None:
        sections[0].activities[0].question_categories = [c.id for c in bank.categories if c.contextid == bank_top.contextid]
    name = backup_name(course)
    files = [f for a in activities for f in a.files]
    entries = {
        "moodle_backup.xml": document(backup_xml(course, name, sections, TIMESTAMP)),
        "files.xml": document(files_xml(files, TIMESTAMP)),
        "questions.xml": document(questions_xml(bank, stamp)),
        "gradebook.xml": document(gradebook_xml(activities, TIMESTAMP)),
        "completion.xml": document(completion_xml(activities)),
        "course/course.xml": document(course_xml(course, TIMESTAMP)),
        **{path: document(root) for path, root in COURSE_EMPTY_FILES.items()},
        **pool_entries(files),
    }
    for section in sections:
        entries[f"{section.directory}/section.xml"] = document(section_xml(section, TIMESTAMP))
        entries[f"{section.directory}/inforef.xml"] = document(C("inforef"))
    for activity in activities:
        entries.update(activity_entries(activity, GRADE_CATEGORY, total_grade(activities), TIMESTAMP))
    return Backup(course, name, packages, entries)


def _new_activity(modname: str, section: Section, ids, title: str, content, **details) -> Activity:
    cmid = ids("course_modules")
    return Activity(modname, cmid, ids(modname), COURSE_CONTEXT + cmid, section.id, section.number, title, content, **details)


def _question_bank(course: Course, section: Section, bank: Bank, ids):
    """The course's question bank module (hidden, in section 0), with its top and default categories."""
    name = f"{course.title} course question bank"
    qbank = _new_activity("qbank", section, ids, name, None, visible=False)
    qbank.content = C("activity", [C("qbank", [
        E("name", name), E("timecreated", TIMESTAMP), E("timemodified", 0), E("intro", None), E("introformat", 0),
        E("type", "standard")], id=qbank.instance)], id=qbank.instance, moduleid=qbank.cmid, modulename="qbank", contextid=qbank.contextid)
    section.activities.append(qbank)
    return context_categories(bank, name, qbank.contextid, qbank.cmid, ids)


def _scorm(package: Package, module: Module, section: Section, ids) -> Activity:
    settings = package_settings(package)
    data = package_bytes(package)
    activity = _new_activity("scorm", section, ids, module.title, None, completion={
        "completion": COMPLETION_AUTOMATIC, "completiongradeitemnumber": None, "completionpassgrade": 0})
    sco_ids = [ids("scorm_scoes") for _ in scoes(package.manifest)]
    activity.content = scorm_activity(
        instance=activity.instance, cmid=activity.cmid, contextid=activity.contextid, name=module.title,
        intro=html_text(module.description), package=package, zip_sha1=sha1(data), settings=settings, sco_ids=sco_ids,
        data_ids=lambda: ids("scorm_scoes_data"), objective_ids=lambda: ids("scorm_seq_objective"),
        launch_index=launch_index(package.manifest))
    activity.files = package_files(package, data, activity.contextid, lambda: ids("files"))
    activity.grade_item = GradeItem(ids("grade_items"), module.title, "scorm", activity.instance, settings.maxgrade,
                                    settings.gradepass or 0, sortorder=ids("grade_sortorder") + 1)
    return activity


def _quiz(course: Course, module: Module, section: Section, bank: Bank, top, ids, stamp) -> Activity:
    title = f"{module.title}: {messages_for(course.language)['quiz.title']}"
    mastery = course.pass_mark(module) if module.scored else None
    activity = _new_activity("quiz", section, ids, title, None, completion={
        "completion": COMPLETION_AUTOMATIC, "completiongradeitemnumber": 0, "completionpassgrade": int(mastery is not None)})
    entries = add_questions(bank, export_questions(course, module, "moodle-xml"), top, ids, TIMESTAMP, stamp)
    own = context_categories(bank, title, activity.contextid, activity.cmid, ids)
    used = dict.fromkeys(c.id for entry in entries for c in bank.ancestors(entry.category))
    activity.question_categories = [*used, *(c.id for c in bank.categories if c.contextid == own.contextid)]
    activity.content = quiz_activity(instance=activity.instance, cmid=activity.cmid, contextid=activity.contextid, name=title,
                                     intro="", module=module, entries=entries, bank=bank, ids=ids, timestamp=TIMESTAMP)
    gradepass = MAXIMUM_GRADE * mastery / 100 if mastery is not None else 0
    activity.grade_item = GradeItem(ids("grade_items"), title, "quiz", activity.instance, MAXIMUM_GRADE, gradepass,
                                    sortorder=ids("grade_sortorder") + 1)
    return activity


def _without_quiz(module: Module) -> Module:
    """The module as its SCORM package ships when its quiz is Moodle's, with nothing to score: without
    the quiz page of its .gift files, or with the lesson that showed the questions keeping its text only."""
    lessons = [dataclasses.replace(lesson, html=lesson.html_without_quiz) if lesson.html_without_quiz is not None else lesson
               for lesson in module.lessons if lesson.id != module.quiz.lesson_id or lesson.html_without_quiz is not None]
    return dataclasses.replace(module, quiz=None, lessons=lessons)
