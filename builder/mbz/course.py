"""The course around the activities: moodle_backup.xml (what the backup holds and how it was made),
course/ (names, summary, language, format, completion on), sections/, the gradebook, course
completion and the course-wide files Moodle writes even when they are empty."""
from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

from builder.mbz.activity import Activity
from builder.mbz.xml import C, E, Element, decimal, fields
from builder.model import Course

MOODLE_VERSION, MOODLE_RELEASE = 2025041400, "5.0"     # Moodle 5.0.0: every 5.0.x restores it without a "newer backup" notice
BACKUP_VERSION, BACKUP_RELEASE = 2025041400, "5.0"
COURSE_ID, SYSTEM_CONTEXT, COURSE_CONTEXT, GRADE_CATEGORY, COURSE_GRADE_ITEM = 2, 1, 2, 1, 1
ORIGIN = "https://coursekit.invalid"                  # no Moodle site made this backup
NATURAL = 13                                          # grade aggregation: the sum of the grades
CRITERIA_ACTIVITY, AGGREGATION_ALL = 4, 1


@dataclass
class Section:
    id: int
    number: int
    name: str | None
    summary: str
    activities: list[Activity]

    @property
    def directory(self) -> str:
        return f"sections/section_{self.id}"


def moodle_language(tag: str) -> str:
    """Moodle's language pack name for a BCP 47 tag: pt-BR -> pt_br, zh -> zh_cn."""
    tag = tag.lower().replace("-", "_")
    return {"zh": "zh_cn", "zh_hans": "zh_cn", "zh_hant": "zh_tw"}.get(tag, tag)


def html_text(*paragraphs: str, items: list[str] = ()) -> str:
    parts = [f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p]
    if items:
        parts.append("<ul>" + "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items) + "</ul>")
    return "".join(parts)


def section_xml(section: Section, timestamp: int) -> Element:
    return C("section", [
        E("number", section.number), E("name", section.name), E("summary", section.summary), E("summaryformat", 1),
        E("sequence", ",".join(str(a.cmid) for a in section.activities)), E("visible", 1), E("availabilityjson", None),
        E("component", None), E("itemid", None), E("timemodified", timestamp)], id=section.id)


def course_xml(course: Course, timestamp: int) -> Element:
    return C("course", [
        *fields({"shortname": course.id, "fullname": course.title, "idnumber": "", "summary": html_text(course.description),
                 "summaryformat": 1, "format": "topics", "showgrades": 1, "newsitems": 0, "startdate": 0, "enddate": 0,
                 "marker": 0, "maxbytes": 0, "legacyfiles": 0, "showreports": 0, "visible": 1, "groupmode": 0,
                 "groupmodeforce": 0, "defaultgroupingid": 0, "lang": moodle_language(course.language), "theme": "",
                 "timecreated": timestamp, "timemodified": timestamp, "requested": 0, "showactivitydates": 1,
                 "showcompletionconditions": 1, "pdfexportfont": None, "enablecompletion": 1, "completionnotify": 0}),
        C("category", [E("name", "Category 1"), E("description", None)], id=1),
        C("tags"), C("customfields"),
        C("courseformatoptions", [C("courseformatoption", fields({"format": "topics", "sectionid": 0, "name": name, "value": value}))
                                  for name, value in (("hiddensections", 1), ("coursedisplay", 0))]),
    ], id=COURSE_ID, contextid=COURSE_CONTEXT)


def gradebook_xml(activities: list[Activity], timestamp: int) -> Element:
    total = total_grade(activities)
    category = C("grade_category", fields({
        "parent": None, "depth": 1, "path": f"/{GRADE_CATEGORY}/", "fullname": "?", "aggregation": NATURAL, "keephigh": 0,
        "droplow": 0, "aggregateonlygraded": 1, "aggregateoutcomes": 0, "timecreated": timestamp, "timemodified": timestamp,
        "hidden": 0}), id=GRADE_CATEGORY)
    course_item = C("grade_item", [*fields({
        "categoryid": None, "itemname": None, "itemtype": "course", "itemmodule": None, "iteminstance": GRADE_CATEGORY,
        "itemnumber": None, "iteminfo": None, "idnumber": None, "calculation": None, "gradetype": 1,
        "grademax": decimal(total, 5), "grademin": decimal(0, 5), "scaleid": None, "outcomeid": None,
        "gradepass": decimal(0, 5), "multfactor": decimal(1, 5), "plusfactor": decimal(0, 5), "aggregationcoef": decimal(0, 5),
        "aggregationcoef2": decimal(0, 5), "weightoverride": 0, "sortorder": 1, "display": 0, "decimals": None, "hidden": 0,
        "locked": 0, "locktime": 0, "needsupdate": 0, "timecreated": timestamp, "timemodified": timestamp}),
        C("grade_grades")], id=COURSE_GRADE_ITEM)
    return C("gradebook", [
        C("attributes"), C("grade_categories", [category]), C("grade_items", [course_item]), C("grade_letters"),
        C("grade_settings", [C("grade_setting", [E("name", "minmaxtouse"), E("value", 1)], id="")]),
    ])


def total_grade(activities: list[Activity]) -> float:
    return sum(a.grade_item.grademax for a in activities if a.grade_item)


def completion_xml(activities: list[Activity]) -> Element:
    """Course completion: every activity with a completion rule, all of them required."""
    criteria = [C("course_completion_criteria", [*fields({
        "course": COURSE_ID, "criteriatype": CRITERIA_ACTIVITY, "module": a.modname, "moduleinstance": a.cmid,
        "courseinstanceshortname": None, "enrolperiod": None, "timeend": None, "gradepass": None, "role": None,
        "roleshortname": None}), C("course_completion_crit_completions")], id=number)
        for number, a in enumerate((a for a in activities if a.completion["completion"]), start=1)]
    methods = [C("course_completion_aggr_methd", fields({"course": COURSE_ID, "criteriatype": kind, "method": AGGREGATION_ALL,
                                                         "value": None}), id=number)
               for number, kind in enumerate((CRITERIA_ACTIVITY, None), start=1)]
    return C("course_completion", criteria + methods)


def backup_xml(course: Course, name: str, sections: list[Section], timestamp: int) -> Element:
    activities = [a for s in sections for a in s.activities]
    seed = hashlib.md5(f"coursekit/{course.id}/{course.version}".encode()).hexdigest()
    information = C("information", [
        *fields({"name": name, "moodle_version": MOODLE_VERSION, "moodle_release": MOODLE_RELEASE,
                 "backup_version": BACKUP_VERSION, "backup_release": BACKUP_RELEASE, "backup_date": timestamp,
                 "mnet_remoteusers": 0, "include_files": 1, "include_file_references_to_external_content": 0,
                 "original_wwwroot": ORIGIN, "original_site_identifier_hash": hashlib.md5(ORIGIN.encode()).hexdigest(),
                 "original_course_id": COURSE_ID, "original_course_format": "topics", "original_course_fullname": course.title,
                 "original_course_shortname": course.id, "original_course_startdate": 0, "original_course_enddate": 0,
                 "original_course_contextid": COURSE_CONTEXT, "original_system_contextid": SYSTEM_CONTEXT}),
        C("details", [C("detail", fields({"type": "course", "format": "moodle2", "interactive": 1, "mode": 10,
                                          "execution": 1, "executiontime": 0}), backup_id=seed)]),
        C("contents", [
            C("activities", [C("activity", fields({"moduleid": a.cmid, "sectionid": a.section_id, "modulename": a.modname,
                                                   "title": a.title, "directory": a.directory, "insubsection": ""}))
                             for a in activities]),
            C("sections", [C("section", fields({"sectionid": s.id, "title": s.name if s.name else str(s.number),
                                                "directory": s.directory, "parentcmid": "", "modname": ""})) for s in sections]),
            C("course", fields({"courseid": COURSE_ID, "title": course.id, "directory": "course"})),
        ]),
        C("settings", _settings(name, sections)),
    ])
    return C("moodle_backup", [information])


# As Moodle's own course backup without users sets them: users, logs and grade history off.
ROOT_SETTINGS = {"imscc11": 0, "users": 0, "anonymize": 0, "role_assignments": 1, "activities": 1, "blocks": 1, "files": 1,
                 "filters": 1, "comments": 1, "badges": 1, "calendarevents": 1, "userscompletion": 1, "logs": 0,
                 "grade_histories": 0, "groups": 1, "competencies": 1, "customfield": 1, "contentbankcontent": 1,
                 "xapistate": 1, "legacyfiles": 1}


def _settings(name: str, sections: list[Section]) -> list[Element]:
    settings = [_setting("root", None, "filename", name)]
    settings += [_setting("root", None, key, value) for key, value in ROOT_SETTINGS.items()]
    for section in sections:
        key = f"section_{section.id}"
        settings += [_setting("section", ("section", key), f"{key}_included", 1), _setting("section", ("section", key), f"{key}_userinfo", 0)]
        for a in section.activities:
            key = f"{a.modname}_{a.cmid}"
            settings += [_setting("activity", ("activity", key), f"{key}_included", 1),
                         _setting("activity", ("activity", key), f"{key}_userinfo", 0)]
    return settings


def _setting(level: str, owner: tuple[str, str] | None, name: str, value) -> Element:
    return C("setting", [E("level", level), *([E(owner[0], owner[1])] if owner else []), E("name", name), E("value", value)])


COURSE_EMPTY_FILES = {
    "course/calendar.xml": C("events"),
    "course/comments.xml": C("comments"),
    "course/competencies.xml": C("course_competencies", [C("competencies"), C("user_competencies")]),
    "course/completiondefaults.xml": C("course_completion_defaults"),
    "course/contentbank.xml": C("contents"),
    "course/enrolments.xml": C("enrolments", [C("enrols")]),
    "course/filters.xml": C("filters", [C("filter_actives"), C("filter_configs")]),
    "course/inforef.xml": C("inforef"),
    "course/roles.xml": C("roles", [C("role_overrides"), C("role_assignments")]),
    "badges.xml": C("badges"),
    "grade_history.xml": C("grade_history", [C("grade_grades")]),
    "groups.xml": C("groups", [C("groupcustomfields"), C("groupings", [C("groupingcustomfields")])]),
    "outcomes.xml": C("outcomes_definition"),
    "roles.xml": C("roles_definition"),
    "scales.xml": C("scales_definition"),
}
