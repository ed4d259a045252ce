"""The preview server over HTTP: pages, package files, the SQLite attempts, errors, and build events."""
from __future__ import annotations

import json
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from builder.preview import add_commands, run
from tests.conftest import FIXTURES, REPO_ROOT

QUIZ = FIXTURES / "courses" / "quiz"
SAMPLE = FIXTURES / "courses" / "sample"


def get(server, path: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def post(server, path: str, payload, content_type: str = "application/json") -> tuple[int, dict]:
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(server.url + path, data=data, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def player_config(server, module: str = "quiz-course/check", learner: str | None = None) -> dict:
    status, _, page = get(server, f"/modules/{module}/" + (f"?learner={learner}" if learner else ""))
    assert status == 200
    return json.loads(re.search(r'<script id="pv-config" type="application/json">(.*?)</script>', page).group(1))


def track(server, config: dict, values: list[list[str]], module: str = "quiz-course/check") -> tuple[int, dict]:
    """What the LMS's API posts at a Commit or Finish (element names as Moodle's player posts them)."""
    return post(server, f"/api/modules/{module}/track",
                {"learner": config["learner"], "attempt": config["attempt"], "sco": config["start"], "values": values})


def tracks_in_sqlite(state_dir: Path, activity: str) -> dict[int, dict[str, str]]:
    """Attempt number -> element -> value (x.start.time left out), read straight from the database file."""
    with sqlite3.connect(state_dir / "preview.sqlite3") as db:
        rows = db.execute("SELECT a.attempt, t.element, t.value FROM tracks t JOIN attempts a ON a.id = t.attempt_id "
                          "WHERE a.activity = ? AND t.element != 'x.start.time'", (activity,)).fetchall()
    attempts: dict[int, dict[str, str]] = {}
    for number, element, value in rows:
        attempts.setdefault(number, {})[element] = value
    return attempts


def test_the_index_lists_every_course_and_module(start_preview):
    server = start_preview(QUIZ, SAMPLE)
    status, content_type, page = get(server, "/")
    assert status == 200 and content_type == "text/html; charset=utf-8"
    for title in ("Quiz course", "Sample Park Course", "Check your knowledge", "Site planning", "Financing"):
        assert title in page
    assert re.findall(r'href="(/modules/[^"]+)"', page) == [
        "/modules/quiz-course/check/", "/modules/quiz-course/practice/", "/modules/quiz-course/draw/",
        "/modules/sample-parks/site-planning/", "/modules/sample-parks/financing/"]
    build = json.loads(get(server, "/api/build")[2])
    assert build["errors"] == [] and len(build["modules"]) == 5
    assert f'data-build="{build["build"]}"' in page


def test_the_player_is_moodles_with_the_lms_api_and_no_npm_package(start_preview):
    server = start_preview(QUIZ)
    status, _, page = get(server, "/modules/quiz-course/check/")
    assert '<script src="/lms/scorm12.js"></script>' in page and '<iframe id="scorm_object"' in page
    assert "scorm-again" not in page
    config = player_config(server)
    assert (config["version"], config["attempt"], config["learner"]) == ("1.2", 1, "preview")
    defaults = config["scos"][config["start"]]["def"]
    assert defaults["cmi.core.entry"] == "ab-initio" and defaults["cmi.core.lesson_status"] == ""
    assert defaults["cmi.student_data.mastery_score"] == "60"              # adlcp:masteryscore, as Moodle sends it
    assert defaults["cmi.core.student_name"] == "Preview Learner"
    assert get(server, config["files"] + config["launch"][config["start"]])[0] == 200
    for script in ("tree", "languages", "datamodel", "scorm12", "scorm2004", "player"):
        status, content_type, _ = get(server, f"/lms/{script}.js")
        assert status == 200 and content_type.startswith("text/javascript")
    model = get(server, "/lms/datamodel.js")[2]                          # templates/lms/datamodel.json, for both APIs
    assert json.loads(model.split(" = ", 1)[1].rstrip(";\n")) == json.loads((REPO_ROOT / "templates/lms/datamodel.json").read_text())
    assert "Grading method: Highest grade" in page and "Completion: Require status: Passed or completed" in page


def test_each_course_plays_in_its_own_scorm_version_and_standards_mode_names_the_learner_last_first(start_preview):
    server = start_preview(QUIZ, scorm="2004-4th", standards=True)
    config = player_config(server)
    assert config["version"] == "2004" and '<script src="/lms/scorm2004.js"></script>' in get(server, "/modules/quiz-course/check/")[2]
    defaults = config["scos"][config["start"]]["def"]
    assert (defaults["cmi.learner_name"], defaults["cmi.scaled_passing_score"]) == ("Learner, Preview", "0.6")


def test_package_files_are_served_and_nothing_outside_the_package(start_preview):
    server = start_preview(QUIZ)
    status, content_type, page = get(server, "/packages/quiz-course/check/index.html")
    assert status == 200 and content_type == "text/html; charset=utf-8" and "Check your knowledge" in page
    assert get(server, "/packages/quiz-course/check/coursekit.js")[1] == "text/javascript; charset=utf-8"
    assert get(server, "/packages/quiz-course/check/imsmanifest.xml")[0] == 200
    assert get(server, "/packages/quiz-course/check/%2e%2e/practice/index.html")[0] == 404
    assert get(server, "/packages/quiz-course/check/%2e%2e/%2e%2e/%2e%2e/%2e%2e/preview.sqlite3")[0] == 404
    assert get(server, "/packages/quiz-course/nowhere/index.html")[0] == 404
    assert get(server, "/modules/quiz-course/nowhere/")[0] == 404
    assert get(server, "/lms/player.js")[0] == 200 and get(server, "/assets/player.html.j2")[0] == 404


def test_posted_values_are_stored_as_moodle_stores_them_and_a_suspended_attempt_resumes(start_preview, state_dir):
    server = start_preview(QUIZ)
    config = player_config(server)
    status, stored = track(server, config, [["cmi__core__lesson_status", "incomplete"], ["cmi__core__lesson_location", "quiz"],
                                            ["cmi__suspend_data", "v1|abc"], ["cmi__interactions_0__id", "q01-q1-capital"],
                                            ["cmi__interactions_0__result", "correct"]])
    assert status == 200 and stored["answer"] == "true\n0" and "incomplete" in stored["stored_html"]
    track(server, config, [["cmi__core__exit", "suspend"], ["cmi__core__total_time", "00:01:30.50"]])
    assert tracks_in_sqlite(state_dir, "quiz-course/check")[1] == {
        "cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "quiz", "cmi.suspend_data": "v1|abc",
        "cmi.interactions_0.id": "q01-q1-capital", "cmi.interactions_0.result": "correct",
        "cmi.core.exit": "suspend", "cmi.core.total_time": "00:01:30.50"}

    relaunch = player_config(server)
    assert relaunch["attempt"] == config["attempt"]
    sco = relaunch["scos"][relaunch["start"]]
    defaults = sco["def"]
    assert (defaults["cmi.core.entry"], defaults["cmi.core.lesson_location"], defaults["cmi.core.lesson_status"],
            defaults["cmi.core.total_time"], defaults["cmi.suspend_data"]) == ("resume", "quiz", "incomplete", "00:01:30.50", "v1|abc")
    assert ["cmi.interactions_0.id", "q01-q1-capital"] in sco["arrays"] and ["cmi.interactions._count", 1] in sco["arrays"]

    track(server, relaunch, [["cmi__core__exit", ""], ["cmi__core__lesson_status", "passed"], ["cmi__core__score__raw", "100"]])
    status, report = get(server, "/api/modules/quiz-course/check/report")[0], json.loads(get(server, "/api/modules/quiz-course/check/report")[2])
    assert report["grade"] == {"raw": 100.0, "final": 100.0, "max": 100.0} and report["completion"] == 1
    assert player_config(server)["scos"][relaunch["start"]]["def"]["cmi.core.entry"] == ""


def test_reset_starts_the_next_attempt_and_keeps_the_last_one(start_preview, state_dir):
    server = start_preview(QUIZ)
    config = player_config(server)
    track(server, config, [["cmi__core__lesson_status", "failed"], ["cmi__core__score__raw", "20"]])
    status, reset = post(server, "/api/modules/quiz-course/check/reset", {"learner": "preview"})
    assert status == 200 and reset["attempt"] == 2
    fresh = player_config(server)
    assert fresh["attempt"] == 2 and fresh["scos"][fresh["start"]]["def"]["cmi.core.entry"] == "ab-initio"
    assert tracks_in_sqlite(state_dir, "quiz-course/check") == {1: {"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "20"}}
    assert track(server, config, [["cmi__core__lesson_location", "late"]])[0] == 200   # the old page's data: still attempt 1
    assert tracks_in_sqlite(state_dir, "quiz-course/check")[1]["cmi.core.lesson_location"] == "late"


def test_learners_are_kept_apart(start_preview, state_dir):
    server = start_preview(QUIZ)
    track(server, player_config(server, learner="ana"), [["cmi__core__lesson_status", "passed"], ["cmi__core__score__raw", "90"]])
    assert player_config(server, learner="ben")["scos"][player_config(server)["start"]]["def"]["cmi.core.entry"] == "ab-initio"
    assert json.loads(get(server, "/api/modules/quiz-course/check/report?learner=ana")[2])["grade"]["final"] == 90.0
    assert json.loads(get(server, "/api/modules/quiz-course/check/report?learner=ben")[2])["grade"] is None
    assert get(server, "/modules/quiz-course/check/?learner=../etc")[0] == 400


def test_attempts_survive_a_restart_of_the_server(start_preview):
    first = start_preview(QUIZ)
    track(first, player_config(first), [["cmi__core__lesson_status", "passed"], ["cmi__core__score__raw", "80"]])
    first.close()
    second = start_preview(QUIZ)
    row = re.search(r'<tr data-module="quiz-course/check">(.*?)</tr>', get(second, "/")[2], re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row)[-5:] == ["1", "passed", "80", "80 / 100", "complete"]


def test_bad_requests_are_refused_with_a_reason(start_preview):
    server = start_preview(QUIZ)
    config = player_config(server)
    path = "/api/modules/quiz-course/check/track"
    body = {"learner": "preview", "attempt": 1, "sco": config["start"], "values": []}
    assert post_raw(server, path, json.dumps(body).encode(), content_type="text/plain")[0] == 415
    assert post_raw(server, path, b"{not json")[0] == 400
    assert post_raw(server, path, json.dumps({**body, "attempt": 10**12}).encode())[0] == 400
    assert post_raw(server, path, json.dumps({**body, "attempt": True}).encode())[0] == 400
    assert post_raw(server, path, json.dumps({**body, "sco": "nosuch"}).encode())[0] == 400
    assert post_raw(server, path, json.dumps({**body, "values": {"a": 1}}).encode())[0] == 400
    status, reason = post_raw(server, path, json.dumps({**body, "values": [["cmi__core__student_id", "x"]]}).encode())
    assert status == 422 and "not an element of the SCORM 1.2 data model" in reason
    status, reason = post_raw(server, path, json.dumps({**body, "values": [["cmi__core__lesson_status", "finished"]]}).encode())
    assert status == 422 and "cmi.core.lesson_status" in reason
    # The player's own starting status, posted by a commit before the SCO sets one: Moodle stores it.
    assert post_raw(server, path, json.dumps({**body, "values": [["cmi__core__lesson_status", "not attempted"]]}).encode())[0] == 200
    assert post_raw(server, path, json.dumps({**body, "values": [["cmi__comments", "\ud800"]]}).encode())[0] == 422
    assert post_raw(server, path, b"[" * 100_000 + b"]" * 100_000)[0] == 400
    assert post_raw(server, "/api/modules/quiz-course/practice/track", json.dumps(body).encode())[0] == 400


def post_raw(server, path: str, data: bytes, content_type: str = "application/json", headers: dict | None = None):
    request = urllib.request.Request(server.url + path, data=data, method="POST",
                                     headers={"Content-Type": content_type, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_errors_in_the_sources_are_listed_until_they_are_fixed(start_preview, tmp_path):
    course = tmp_path / "sample"
    shutil.copytree(SAMPLE, course)
    lesson = course / "01-site-planning" / "02-zoning.md"
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good + "\n![A map of the zones](images/zones.png)\n", encoding="utf-8")
    server = start_preview(course, poll_seconds=30)          # refreshed by hand below
    build = json.loads(get(server, "/api/build")[2])
    [error] = build["errors"]
    assert re.fullmatch(r".*01-site-planning/02-zoning\.md:\d+:\d+: error: .*images/zones\.png.*", error)
    for path in ("/", "/modules/sample-parks/site-planning/"):
        status, _, page = get(server, path)
        assert status == 200 and "1 error in the sources" in page
        assert "02-zoning.md" in page and "images/zones.png" in page and '<pre class="pv-source">' in page
    lesson.write_text(good, encoding="utf-8")
    assert server.refresh() is not None
    fixed = json.loads(get(server, "/api/build")[2])
    assert fixed["errors"] == [] and fixed["build"] != build["build"]
    assert "Site planning" in get(server, "/")[2]


def test_saving_a_lesson_rebuilds_only_its_module_and_anything_else_the_whole_course(start_preview, tmp_path):
    course = tmp_path / "sample"
    shutil.copytree(SAMPLE, course)
    server = start_preview(course, poll_seconds=30)           # refreshed by hand below
    before = written_folders(server)
    lesson = course / "02-financing" / "01-costs.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nLand is the largest cost.\n", encoding="utf-8")
    assert server.refresh() is not None
    after = written_folders(server)
    assert after["site-planning"] == before["site-planning"] and after["financing"] != before["financing"]
    assert server.builder.current.rebuilt == 1
    assert "Land is the largest cost." in get(server, "/packages/sample-parks/financing/index.html")[2]
    assert get(server, "/packages/sample-parks/site-planning/index.html")[0] == 200

    course_file = course / "course.yml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("Sample Park Course", "Renamed Course"), encoding="utf-8")
    assert server.refresh() is not None
    rebuilt = written_folders(server)
    assert rebuilt["site-planning"] != before["site-planning"] and rebuilt["financing"] != after["financing"]
    assert server.builder.current.rebuilt == 2
    assert "Renamed Course" in get(server, "/")[2]
    course_folder = server.builder.output.folder / "sample-parks"
    assert sorted(p.name for p in course_folder.iterdir()) == ["financing", "site-planning"]     # nothing half-written left


def written_folders(server) -> dict[str, tuple[str, int]]:
    """Module id -> the build that made its package, and its folder's inode (a new one each time it is written)."""
    return {m.id: (m.revision, m.folder.stat().st_ino) for m in server.builder.current.courses[0].modules}


def test_event_stream_announces_each_new_build(start_preview, tmp_path):
    course = tmp_path / "quiz"
    shutil.copytree(QUIZ, course)
    server = start_preview(course, poll_seconds=0.05)
    first = server.builder.current.id
    with urllib.request.urlopen(server.url + "/events", timeout=10) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream; charset=utf-8"
        assert read_event(stream) == first
        lesson = course / "01-check" / "01-reading.md"
        lesson.write_text(lesson.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        second = read_event(stream)
    assert second != first and second == json.loads(get(server, "/api/build")[2])["build"]


def read_event(stream) -> str:
    """The data of the next `build` event."""
    event = None
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            event = line[len("event: "):]
        elif line.startswith("data: ") and event == "build":
            return line[len("data: "):]
    raise AssertionError("the event stream ended")


def parse(argv: list[str]):
    import argparse

    parser = argparse.ArgumentParser(prog="coursekit")
    add_commands(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_a_port_in_use_is_a_clear_error(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run(parse(["preview", str(QUIZ), "--port", str(port), "--state", str(tmp_path / "state")])) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_a_state_folder_that_cannot_be_written_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    assert run(parse(["preview", str(QUIZ), "--port", "0", "--state", str(tmp_path / "file" / "state")])) == 1
    assert f"coursekit preview: error: cannot write {tmp_path / 'file' / 'state'}: Not a directory" in capsys.readouterr().err


def test_the_command_serves_until_interrupted(tmp_path):
    """`run` through its own argument parser, in a process of its own, stopped with Ctrl+C."""
    script = ("import argparse, sys; from builder.preview import add_commands, run; "
              "parser = argparse.ArgumentParser(); add_commands(parser.add_subparsers(dest='command')); "
              "sys.exit(run(parser.parse_args(sys.argv[1:])))")
    process = subprocess.Popen([sys.executable, "-c", script, "preview", str(QUIZ), "--port", "0"], cwd=tmp_path,
                               stderr=subprocess.PIPE, text=True, env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"})
    try:
        url = None
        while url is None:
            line = process.stderr.readline()
            assert line, "the preview ended before it served"
            url = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
        with urllib.request.urlopen(url.group(1) + "/api/build", timeout=10) as response:
            build = json.loads(response.read())
        assert (build["errors"], build["modules"]) == ([], ["quiz-course/check", "quiz-course/practice", "quiz-course/draw"])
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        rest = process.stderr.read()
        assert "coursekit preview: built 3 of 3 package(s) in " in rest and rest.endswith("coursekit preview: stopped\n")
    finally:
        process.kill()
    assert (tmp_path / ".coursekit" / "preview.sqlite3").is_file()
