"""What every activity folder of a backup holds (activities/<modname>_<cmid>/): module.xml (the
course module: section, visibility, completion), the activity's own file, its grade item, and the
empty calendar, comments, competencies, completion, filters, grade history, roles and xAPI files
Moodle writes for every activity and expects back."""
from __future__ import annotations

from dataclasses import dataclass, field

from builder.mbz.files import StoredFile
from builder.mbz.xml import C, E, Element, decimal, document

COMPLETION_NONE, COMPLETION_AUTOMATIC = 0, 2
PLUGIN_VERSION = 2025041400          # the activity plugins' version in Moodle 5.0.0


@dataclass
class GradeItem:
    id: int
    name: str
    module: str
    instance: int
    grademax: float
    gradepass: float
    sortorder: int


@dataclass
class Activity:
    modname: str
    cmid: int
    instance: int
    contextid: int
    section_id: int
    section_number: int
    title: str
    content: Element                       # the <activity> of <modname>.xml
    completion: dict = field(default_factory=lambda: {"completion": COMPLETION_NONE, "completiongradeitemnumber": None, "completionpassgrade": 0})
    visible: bool = True
    files: list[StoredFile] = field(default_factory=list)
    grade_item: GradeItem | None = None
    question_categories: list[int] = field(default_factory=list)

    @property
    def directory(self) -> str:
        return f"activities/{self.modname}_{self.cmid}"


def activity_entries(activity: Activity, category_id: int, total_grade: float, timestamp: int) -> dict[str, bytes]:
    folder = activity.directory
    entries = {
        f"{folder}/{activity.modname}.xml": document(activity.content),
        f"{folder}/module.xml": document(_module(activity, timestamp)),
        f"{folder}/grades.xml": document(C("activity_gradebook", [
            C("grade_items", [grade_item(activity.grade_item, category_id, total_grade, timestamp)] if activity.grade_item else []),
            C("grade_letters")])),
        f"{folder}/inforef.xml": document(_inforef(activity)),
    }
    entries.update({f"{folder}/{name}": document(root) for name, root in EMPTY_FILES.items()})
    return entries


def _module(activity: Activity, timestamp: int) -> Element:
    visible = int(activity.visible)
    return C("module", [
        E("modulename", activity.modname), E("sectionid", activity.section_id), E("sectionnumber", activity.section_number),
        E("idnumber", ""), E("added", timestamp), E("score", 0), E("indent", 0), E("visible", visible),
        E("visibleoncoursepage", visible), E("visibleold", visible), E("groupmode", 0), E("groupingid", 0),
        *[E(name, value) for name, value in activity.completion.items()], E("completionview", 0), E("completionexpected", 0),
        E("availability", None), E("showdescription", 0), E("downloadcontent", 1), E("lang", None), C("tags"),
    ], id=activity.cmid, version=PLUGIN_VERSION)


def _inforef(activity: Activity) -> Element:
    parts = []
    if activity.files:
        parts.append(C("fileref", [C("file", [E("id", f.id)]) for f in activity.files]))
    if activity.grade_item:
        parts.append(C("grade_itemref", [C("grade_item", [E("id", activity.grade_item.id)])]))
    if activity.question_categories:
        parts.append(C("question_categoryref", [C("question_category", [E("id", i)]) for i in activity.question_categories]))
    return C("inforef", parts)


def grade_item(item: GradeItem, category_id: int, total_grade: float, timestamp: int) -> Element:
    weight = item.grademax / total_grade if total_grade else 0
    return C("grade_item", [
        E("categoryid", category_id), E("itemname", item.name), E("itemtype", "mod"), E("itemmodule", item.module),
        E("iteminstance", item.instance), E("itemnumber", 0), E("iteminfo", None), E("idnumber", ""), E("calculation", None),
        E("gradetype", 1), E("grademax", decimal(item.grademax, 5)), E("grademin", decimal(0, 5)), E("scaleid", None),
        E("outcomeid", None), E("gradepass", decimal(item.gradepass, 5)), E("multfactor", decimal(1, 5)),
        E("plusfactor", decimal(0, 5)), E("aggregationcoef", decimal(0, 5)), E("aggregationcoef2", decimal(weight, 5)),
        E("weightoverride", 0), E("sortorder", item.sortorder), E("display", 0), E("decimals", None), E("hidden", 0),
        E("locked", 0), E("locktime", 0), E("needsupdate", 0), E("timecreated", timestamp), E("timemodified", timestamp),
        C("grade_grades"),
    ], id=item.id)


EMPTY_FILES = {
    "calendar.xml": C("events"),
    "comments.xml": C("comments"),
    "competencies.xml": C("course_module_competencies", [C("competencies")]),
    "completion.xml": C("completions", [C("completionviews")]),
    "filters.xml": C("filters", [C("filter_actives"), C("filter_configs")]),
    "grade_history.xml": C("grade_history", [C("grade_grades")]),
    "roles.xml": C("roles", [C("role_overrides"), C("role_assignments")]),
    "xapistate.xml": C("states"),
}
