"""Moodle course backups checked as Moodle's restore reads them, without Moodle's reference backup:
every reference resolves, every file is what it says, nothing of a user, the same bytes every time,
quiz settings mapped or refused."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path


from builder.build import build
from builder.cli import main
from builder.diagnostics import Diagnostics
from builder.mbz.archive import read_mbz
from builder.mbz.course import moodle_language
from builder.mbz.quiz import AFTER_ATTEMPT
from tests.conftest import FIXTURES, REPO_ROOT
from tests.mbz.conftest import build_backups
from tests.mbz.helpers import NULL, activities, record, xml

QUIZ_COURSE = FIXTURES / "courses" / "quiz"


def all_backups(default_backups, native_quiz_backup):
    return [*default_backups.values(), native_quiz_backup[1]]


def test_one_backup_per_course_named_like_the_packages(default_backups):
    import yaml

    courses = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (REPO_ROOT / "courses").glob("*/course.yml")]
    assert sorted(default_backups) == sorted(f"{c['id']}_v{c['version']}_scorm12_moodle.mbz" for c in courses)


def test_every_file_referenced_exists_with_its_hash_and_size(default_backups, native_quiz_backup):
    for files in all_backups(default_backups, native_quiz_backup):
        records = {f.get("id"): record(f) for f in xml(files, "files.xml").iterfind("file")}
        referenced = []
        for folder in [*activities(files, "scorm"), *activities(files, "quiz"), *activities(files, "qbank")]:
            ids = [e.text for e in xml(files, f"{folder}/inforef.xml").iterfind("fileref/file/id")]
            context = xml(files, f"{folder}/{folder.split('/')[1].split('_')[0]}.xml").get("contextid")
            assert all(records[i]["contextid"] == context for i in ids), folder
            referenced += ids
        assert sorted(referenced) == sorted(records)             # each record belongs to exactly one activity
        for file in records.values():
            if file["filename"] == ".":
                assert (file["contenthash"], file["filesize"], file["mimetype"]) == (hashlib.sha1(b"").hexdigest(), "0", NULL)
                continue
            content = files[f"files/{file['contenthash'][:2]}/{file['contenthash']}"]
            assert hashlib.sha1(content).hexdigest() == file["contenthash"] and len(content) == int(file["filesize"])
        pool = {path for path in files if path.startswith("files/")}
        assert pool == {f"files/{f['contenthash'][:2]}/{f['contenthash']}" for f in records.values() if f["filename"] != "."}


def test_the_archive_index_lists_every_entry(default_backups):
    for files in default_backups.values():
        lines = files[".ARCHIVE_INDEX"].decode().splitlines()
        listed = {line.split("\t")[0]: line.split("\t")[2] for line in lines[1:] if line.split("\t")[1] == "f"}
        assert lines[0] == f"Moodle archive file index. Count: {len(lines) - 1}"
        assert listed == {path: str(len(data)) for path, data in files.items() if path != ".ARCHIVE_INDEX"}


def test_a_scorm_activity_holds_the_package_coursekit_builds_and_its_files_unpacked(default_backups, tmp_path):
    diagnostics = Diagnostics()
    zips = {p.name: p.read_bytes() for p in build([REPO_ROOT / "courses" / "parques-industriales"], tmp_path, diagnostics).written}
    files = default_backups["parques-industriales_v1.0.0_scorm12_moodle.mbz"]
    records = {f.get("id"): record(f) for f in xml(files, "files.xml").iterfind("file")}
    assert len(activities(files, "scorm")) == len(zips) >= 2
    for folder in activities(files, "scorm"):
        scorm = record(xml(files, f"{folder}/scorm.xml").find("scorm"))
        ids = [e.text for e in xml(files, f"{folder}/inforef.xml").iterfind("fileref/file/id")]
        package = [records[i] for i in ids if records[i]["filearea"] == "package" and records[i]["filename"] != "."]
        assert [p["filename"] for p in package] == [scorm["reference"]]
        data = files[f"files/{package[0]['contenthash'][:2]}/{package[0]['contenthash']}"]
        assert data == zips[scorm["reference"]] and scorm["sha1hash"] == package[0]["contenthash"]
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inside = {name: archive.read(name) for name in archive.namelist()}
        content = {(r["filepath"] + r["filename"]).lstrip("/"): files[f"files/{r['contenthash'][:2]}/{r['contenthash']}"]
                   for r in (records[i] for i in ids) if r["filearea"] == "content" and r["filename"] != "."}
        assert content == inside
        launch = [s for s in xml(files, f"{folder}/scorm.xml").iterfind("scorm/scoes/sco") if s.get("id") == scorm["launch"]]
        assert launch[0].findtext("launch") == "index.html"


def test_ids_agree_across_files(native_quiz_backup):
    files = native_quiz_backup[1]
    backup = xml(files, "moodle_backup.xml")
    sections = {s.findtext("sectionid"): record(xml(files, f"{s.findtext('directory')}/section.xml"))
                for s in backup.iterfind("information/contents/sections/section")}
    categories = {c.get("id"): c for c in xml(files, "questions.xml").iter("question_category")}
    entries = {e.get("id") for e in xml(files, "questions.xml").iter("question_bank_entry")}
    grade_items = set()
    for activity in backup.iterfind("information/contents/activities/activity"):
        folder, cmid = activity.findtext("directory"), activity.findtext("moduleid")
        module = xml(files, f"{folder}/module.xml")
        assert module.get("id") == cmid and module.findtext("sectionid") == activity.findtext("sectionid")
        assert cmid in sections[module.findtext("sectionid")]["sequence"].split(",")
        main = xml(files, f"{folder}/{activity.findtext('modulename')}.xml")
        assert main.get("moduleid") == cmid
        inforef = xml(files, f"{folder}/inforef.xml")
        for item in inforef.iterfind("grade_itemref/grade_item/id"):
            assert xml(files, f"{folder}/grades.xml").find(f"grade_items/grade_item[@id='{item.text}']") is not None
            grade_items.add(item.text)
        for category in inforef.iterfind("question_categoryref/question_category/id"):
            assert category.text in categories
        for reference in main.iter("question_reference"):
            assert reference.findtext("questionbankentryid") in entries
            assert reference.findtext("usingcontextid") == main.get("contextid")
    modules = len(activities(files, "scorm"))
    assert modules >= 4 and len(activities(files, "quiz")) == modules and len(grade_items) == 2 * modules
    course_item = xml(files, "gradebook.xml").find("grade_items/grade_item")
    assert course_item.findtext("grademax") == f"{modules * (1 + 100):.5f}"   # lessons-only packages score 1 each


def test_nothing_of_any_user(default_backups, native_quiz_backup):
    for files in all_backups(default_backups, native_quiz_backup):
        assert "users.xml" not in files
        for path, data in files.items():
            if path.endswith(".xml"):
                for tag in ("userid", "createdby", "modifiedby", "ownerid"):
                    assert all(e.text == NULL for e in xml(files, path).iter(tag)), (path, tag)
                for tag in ("user_enrolments", "role_assignments", "sco_tracks", "attempts", "grade_grades"):
                    assert all(len(e) == 0 for e in xml(files, path).iter(tag)), (path, tag)


def test_same_sources_same_bytes_in_any_time_zone(default_backups, tmp_path):
    for zone in ("Pacific/Kiritimati", "America/Lima"):
        build_backups(tmp_path / zone.replace("/", "-"), "courses/parques-industriales", tz=zone)
    first, second = (tmp_path / z / "parques-industriales_v1.0.0_scorm12_moodle.mbz" for z in ("Pacific-Kiritimati", "America-Lima"))
    assert first.read_bytes() == second.read_bytes()
    assert read_mbz(first.read_bytes()) == default_backups["parques-industriales_v1.0.0_scorm12_moodle.mbz"]


def test_modules_without_their_quiz_are_completed_not_passed(native_quiz_backup):
    files = native_quiz_backup[1]
    for folder in activities(files, "scorm"):
        scorm = record(xml(files, f"{folder}/scorm.xml").find("scorm"))
        assert (scorm["grademethod"], scorm["maxgrade"], scorm["completionstatusrequired"]) == ("0", "1", "4")
        assert not any(d.findtext("name") == "masteryscore" for d in xml(files, f"{folder}/scorm.xml").iter("sco_data"))
    assert "quiz: moodle" not in native_quiz_backup[2]


def test_the_build_says_what_the_moodle_quiz_leaves_out(native_quiz_backup):
    assert native_quiz_backup[2].count("[moodle-quiz-dropped]") == 4    # right answers only after a pass


def quiz_course(tmp_path: Path, keep: list[str], extra: str = "quiz: moodle\n") -> Path:
    course = tmp_path / "quiz"
    shutil.copytree(QUIZ_COURSE, course)
    for module in course.glob("0*"):
        if module.name not in keep:
            shutil.rmtree(module)
    with open(course / "course.yml", "a") as stream:
        stream.write(extra)
    return course


def test_quiz_settings_map_to_the_moodle_quiz(tmp_path):
    course = quiz_course(tmp_path, ["01-check"])
    done = build_backups(tmp_path / "out", str(course))
    assert "objectives' is left out" in done.stderr
    files = read_mbz(next((tmp_path / "out").glob("*.mbz")).read_bytes())
    [folder] = activities(files, "quiz")
    quiz = xml(files, f"{folder}/quiz.xml").find("quiz")
    values = record(quiz)
    assert (values["attempts_number"], values["reviewrightanswer"], values["preferredbehaviour"]) == ("2", str(AFTER_ATTEMPT), "deferredfeedback")
    marks = {slot.findtext("slot"): slot.findtext("maxmark") for slot in quiz.iter("question_instance")}
    assert marks["5"] == "2.0000000" and values["sumgrades"] == f"{sum(float(m) for m in marks.values()):.5f}"
    grade = record(xml(files, f"{folder}/grades.xml").find("grade_items/grade_item"))
    assert grade["gradepass"] == "60.00000"


def test_questions_shown_in_a_lesson_move_to_the_moodle_quiz_and_the_lesson_keeps_its_text(tmp_path):
    course = quiz_course(tmp_path, ["02-practice", "03-draw"], extra="")
    build_backups(tmp_path / "out", str(course), "--quiz", "moodle")
    files = read_mbz(next((tmp_path / "out").glob("*.mbz")).read_bytes())
    practice, draw = (xml(files, f"{folder}/quiz.xml").find("quiz") for folder in activities(files, "quiz"))
    values = record(practice)
    assert (values["preferredbehaviour"], values["shuffleanswers"], values["reviewrightanswer"]) == ("immediatefeedback", "1", "0")
    assert practice.findtext("sections/section/shufflequestions") == "1"
    assert len(list(practice.iter("question_reference"))) == 2 and len(list(draw.iter("question_set_reference"))) == 3
    folder = activities(files, "scorm")[0]
    scorm = xml(files, f"{folder}/scorm.xml")
    [page] = [r for r in map(record, xml(files, "files.xml").iterfind("file"))
              if (r["filearea"], r["filename"], r["contextid"]) == ("content", "index.html", scorm.get("contextid"))]
    html = files[f"files/{page['contenthash'][:2]}/{page['contenthash']}"].decode()
    assert scorm.findtext("scorm/grademethod") == "0" and "Try these" in html      # the lesson's own text stays
    assert "blue and yellow" not in html and "ck-quiz-submit" not in html        # its questions are Moodle's now
    assert "P1 Colour" in [q.findtext("name") for q in xml(files, "questions.xml").iter("question")]


def test_check_warns_about_what_the_moodle_quiz_drops(tmp_path):
    course = quiz_course(tmp_path, ["01-check"])
    done = subprocess.run([sys.executable, "-m", "builder", "check", str(course)], cwd=REPO_ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, timeout=120)
    assert done.returncode == 0 and "warning: the Moodle quiz does not link questions to the module's objectives" in done.stderr


def test_language_tags_become_moodle_language_packs(native_quiz_backup, default_backups):
    assert [moodle_language(t) for t in ("en", "es", "pt-BR", "zh", "zh-Hant", "ar")] == ["en", "es", "pt_br", "zh_cn", "zh_tw", "ar"]
    files = default_backups["parques-industriales_v1.0.0_scorm12_moodle.mbz"]
    assert record(xml(files, "course/course.xml"))["lang"] == "es"


def test_a_new_version_replaces_the_older_backup_and_a_backup_is_of_a_whole_course(tmp_path):
    course = quiz_course(tmp_path, ["01-check"], extra="")
    out = tmp_path / "out"
    build_backups(out, str(course))
    (course / "course.yml").write_text((course / "course.yml").read_text().replace("version: 1.0.0", "version: 1.1.0"))
    done = build_backups(out, str(course))
    assert sorted(p.name for p in out.glob("*.mbz")) == ["quiz-course_v1.1.0_scorm12_moodle.mbz"]
    assert "removed stale" in done.stdout
    partial = build_backups(tmp_path / "partial", "courses/industrial-parks/01-planning-development", check=False)
    assert partial.returncode == 1 and "a Moodle course backup is of a whole course" in partial.stderr
    assert main(["build", str(course), "--quiz", "moodle", "--out", str(tmp_path / "usage")]) == 2
