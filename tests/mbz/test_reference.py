"""The backups of the default courses against the backup Moodle 5.0.6 made of a course set up by hand
the recommended way (../shared/moodle-reference/backup): the same files, the same elements, the same
settings, the same SCOs and questions."""
from __future__ import annotations

import yaml

from builder.mbz.quiz import BEHAVIOUR, RIGHT_ANSWER
from builder.model import QuizSettings
from tests.conftest import REPO_ROOT
from tests.mbz.conftest import REFERENCE
from tests.mbz.helpers import NULL, activities, kind_of, record, shape, xml

# What the reference has that a coursekit backup does not, and why:
# - Moodle's backup log, and the Announcements forum Moodle adds to every course it creates by hand;
# - enrolment methods and the student role they name: a site's own, and restore adds the site's defaults.
REFERENCE_ONLY_FILES = {"moodle_backup.log"}
REFERENCE_ONLY_ACTIVITIES = {"forum"}
REFERENCE_ONLY_ELEMENTS = {
    "course/enrolments.xml": "/enrolments/enrols/enrol",
    "course/inforef.xml": "/inforef/roleref",
    "roles.xml": "/roles_definition/role",
}
# Values that name this course and its files, or are ids and times, not settings.
DEFAULTS = QuizSettings(location=None)
NOT_SETTINGS = {"name", "reference", "intro", "sha1hash", "launch", "timecreated", "timemodified", "sumgrades"}


def file_kinds(files: dict[str, bytes], without: set[str] = frozenset()) -> set[str]:
    return {kind_of(path) for path in files if not path.startswith("files/")
            and not any(path.startswith(f"activities/{modname}_") for modname in without)}


def test_the_same_files_as_moodle_writes(default_backups, native_quiz_backup, reference):
    expected = file_kinds(reference, REFERENCE_ONLY_ACTIVITIES) - REFERENCE_ONLY_FILES
    assert file_kinds(native_quiz_backup[1]) == expected
    for files in default_backups.values():     # quizzes inside the packages: no quiz, no question bank
        assert file_kinds(files) == file_kinds(reference, REFERENCE_ONLY_ACTIVITIES | {"quiz", "qbank"}) - REFERENCE_ONLY_FILES


def test_every_file_has_the_elements_and_attributes_moodle_writes(native_quiz_backup, reference):
    ours = native_quiz_backup[1]
    theirs = {kind_of(path): path for path in reference if path.endswith(".xml")}
    for path in sorted(p for p in ours if p.endswith(".xml")):
        expected = shape(xml(reference, theirs[kind_of(path)]))
        left_out = REFERENCE_ONLY_ELEMENTS.get(path)
        if left_out:
            expected = {p for p in expected if not p.startswith(left_out)}
        assert shape(xml(ours, path)) == expected, path


def test_the_archive_is_laid_out_as_moodle_lays_it_out(native_quiz_backup, reference):
    path, files, _ = native_quiz_backup
    data = path.read_bytes()
    reference_archive = next(iter(sorted(REFERENCE.glob("*.mbz"))))
    assert data[:10] == reference_archive.read_bytes()[:10]      # gzip, no time, made on Unix
    index = files[".ARCHIVE_INDEX"].decode().splitlines()
    assert index[0].startswith("Moodle archive file index. Count: ")
    assert reference[".ARCHIVE_INDEX"].decode().splitlines()[1] == index[1] == "activities/\td\t0\t?"


def test_scorm_activities_have_the_recommended_settings(default_backups, reference):
    expected = record(xml(reference, "activities/scorm_21/scorm.xml").find("scorm"))
    for files in default_backups.values():
        for folder in activities(files, "scorm"):
            scorm = record(xml(files, f"{folder}/scorm.xml").find("scorm"))
            assert {k: v for k, v in scorm.items() if k not in NOT_SETTINGS} == \
                   {k: v for k, v in expected.items() if k not in NOT_SETTINGS}, folder
            module = record(xml(files, f"{folder}/module.xml"))
            reference_module = record(xml(reference, "activities/scorm_21/module.xml"))
            for key in ("completion", "completiongradeitemnumber", "completionpassgrade", "completionview", "visible"):
                assert module[key] == reference_module[key], (folder, key)
            grade = record(xml(files, f"{folder}/grades.xml").find("grade_items/grade_item"))
            assert (grade["grademax"], grade["gradepass"]) == ("100.00000", "70.00000")


def test_scos_are_what_moodle_read_from_the_same_manifest(default_backups, reference):
    files = default_backups["industrial-parks_v1.0.0_scorm12_moodle.mbz"]
    planning = next(f for f in activities(files, "scorm") if b"planning-development_v" in files[f"{f}/scorm.xml"])

    def scoes(document):      # titles aside: they are the course's and the module's, and authors edit them
        return [({k: v for k, v in record(sco).items() if k != "title"}, [record(data) for data in sco.iterfind("sco_datas/sco_data")])
                for sco in document.iterfind("scorm/scoes/sco")]

    ours = xml(files, f"{planning}/scorm.xml")
    assert scoes(ours) == scoes(xml(reference, "activities/scorm_21/scorm.xml"))
    course = yaml.safe_load((REPO_ROOT / "courses" / "industrial-parks" / "course.yml").read_text())
    module = yaml.safe_load((REPO_ROOT / "courses" / "industrial-parks" / "01-planning-development" / "module.yml").read_text())
    assert [sco.findtext("title") for sco in ours.iterfind("scorm/scoes/sco")] == [course["title"], module["title"]]


def test_the_native_quiz_has_the_reference_settings_where_the_module_does_not_set_them(native_quiz_backup, reference):
    files = native_quiz_backup[1]
    expected = record(xml(reference, "activities/quiz_23/quiz.xml").find("quiz"))
    # The reference quiz was set by hand (3 attempts, shuffled answers, right answers shown); these
    # follow each module's own quiz settings instead.
    folders = sorted((REPO_ROOT / "courses" / "industrial-parks").glob("0*"))
    assert len(folders) == len(activities(files, "quiz"))
    for folder, module_dir in zip(activities(files, "quiz"), folders):
        settings = yaml.safe_load((module_dir / "module.yml").read_text()).get("quiz") or {}
        mapped = {"attempts_number": str(settings.get("attempts", DEFAULTS.attempts)),
                  "shuffleanswers": str(int(settings.get("shuffle_answers", DEFAULTS.shuffle_answers))),
                  "reviewrightanswer": str(RIGHT_ANSWER[settings.get("show_correct", DEFAULTS.show_correct)]),
                  "preferredbehaviour": BEHAVIOUR[settings.get("feedback", DEFAULTS.feedback)]}
        quiz = record(xml(files, f"{folder}/quiz.xml").find("quiz"))
        assert {k: v for k, v in quiz.items() if k not in NOT_SETTINGS} == \
               {k: mapped.get(k, v) for k, v in expected.items() if k not in NOT_SETTINGS}, folder
        module = record(xml(files, f"{folder}/module.xml"))
        reference_module = record(xml(reference, "activities/quiz_23/module.xml"))
        for key in ("completion", "completiongradeitemnumber", "completionpassgrade", "completionview"):
            assert module[key] == reference_module[key], (folder, key)
        grade = record(xml(files, f"{folder}/grades.xml").find("grade_items/grade_item"))
        assert (grade["grademax"], grade["gradepass"]) == ("100.00000", "70.00000")


IDS_AND_TIMES = {"stamp", "timecreated", "timemodified", "createdby", "modifiedby"}
# What a question's author writes; everything else in a question is a setting Moodle's importer chose.
CONTENT = {"name", "questiontext", "generalfeedback", "answertext", "fraction", "feedback", "trueanswer", "falseanswer",
           "single", "tolerance", "answer"}


def questions(files) -> dict[str, tuple[dict, list]]:
    """Question name -> (its fields, every record below it in document order, ids and times left out)."""
    found = {}
    for question in xml(files, "questions.xml").iter("question"):
        fields = {k: v for k, v in record(question).items() if k not in IDS_AND_TIMES}
        below = [(e.tag, record(e)) for e in question.iter() if e is not question and len(e)]
        found[fields["name"]] = (fields, below)
    return found


def settings_of(question: tuple[dict, list]) -> tuple:
    fields, below = question
    return ({k: v for k, v in fields.items() if k not in CONTENT},
            sorted({(tag, tuple((k, v) for k, v in sorted(r.items()) if k not in CONTENT)) for tag, r in below}))


def test_questions_have_the_settings_moodle_gave_the_imported_export(native_quiz_backup, reference):
    theirs, ours = questions(reference), questions(native_quiz_backup[1])
    by_type = {}
    for question in theirs.values():
        by_type.setdefault(question[0]["qtype"], settings_of(question))
    assert len(theirs) == 15 and len(by_type) == 6
    compared = [name for name, question in ours.items() if question[0]["qtype"] in by_type]   # the reference has no description
    assert len(compared) >= 50
    for name in compared:
        assert settings_of(ours[name]) == by_type[ours[name][0]["qtype"]], name


def test_questions_unchanged_since_the_recording_are_what_moodle_imported(native_quiz_backup, reference):
    """Questions whose text has not been edited since Moodle imported them compare field for field."""
    theirs, ours = questions(reference), questions(native_quiz_backup[1])
    same = [name for name in theirs if name in ours and ours[name][0]["questiontext"] == theirs[name][0]["questiontext"]]
    assert len(same) >= 10
    for name in same:
        assert ours[name] == theirs[name], name


def test_question_categories_are_laid_out_as_in_moodle(native_quiz_backup, reference):
    def layout(files):
        categories = {c.get("id"): record(c) for c in xml(files, "questions.xml").iter("question_category")}
        return [(c["name"].split(" ")[0], categories.get(c["parent"], {}).get("name", "").split(" ")[0], c["sortorder"],
                 c["infoformat"], c["idnumber"]) for c in categories.values()]

    ours = layout(native_quiz_backup[1])
    for category in layout(reference):
        assert category in ours


def test_course_completion_requires_every_activity_as_in_the_reference(native_quiz_backup, reference):
    files = native_quiz_backup[1]
    ours, theirs = xml(files, "completion.xml"), xml(reference, "completion.xml")
    assert [record(m) | {"course": ""} for m in ours.iterfind("course_completion_aggr_methd")] == \
           [record(m) | {"course": ""} for m in theirs.iterfind("course_completion_aggr_methd")]
    modules = {(c.findtext("module"), c.findtext("moduleinstance")) for c in ours.iterfind("course_completion_criteria")}
    expected = {(folder.split("/")[1].split("_")[0], folder.split("_")[-1]) for modname in ("scorm", "quiz") for folder in activities(files, modname)}
    assert modules == expected
    assert {c.findtext("criteriatype") for c in ours.iterfind("course_completion_criteria")} == {"4"}


def test_the_course_and_its_sections(native_quiz_backup, reference):
    files = native_quiz_backup[1]
    course, expected = record(xml(files, "course/course.xml")), record(xml(reference, "course/course.xml"))
    for key in ("format", "enablecompletion", "showcompletionconditions", "summaryformat", "visible"):
        assert course[key] == expected[key], key
    assert (course["shortname"], course["fullname"], course["lang"]) == ("industrial-parks", "Industrial Parks for Sustainable Development", "en")
    names = [record(xml(files, f"{s.findtext('directory')}/section.xml"))["name"]
             for s in xml(files, "moodle_backup.xml").iterfind("information/contents/sections/section")]
    titles = [yaml.safe_load((folder / "module.yml").read_text())["title"]
              for folder in sorted((REPO_ROOT / "courses" / "industrial-parks").glob("0*"))]
    assert names == [NULL, *titles] and len(titles) == 4
    backup = record(xml(files, "moodle_backup.xml").find("information"))
    assert (backup["backup_version"], backup["backup_release"]) == ("2025041400", "5.0")
    assert float(backup["moodle_version"]) <= float(record(xml(reference, "moodle_backup.xml").find("information"))["moodle_version"])
