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


def player_config(server, module: str = "quiz-course/check") -> dict:
    status, _, page = get(server, f"/modules/{module}/")
    assert status == 200
    return json.loads(re.search(r'<script id="pv-config" type="application/json">(.*?)</script>', page).group(1))


def commit(server, config: dict, event: str, values: dict) -> tuple[int, dict]:
    return post(server, f"/api/modules/{config['module']}/commit", {"attempt": config["attempt"]["id"], "event": event, "values": values})


def tracks_in_sqlite(state_dir: Path, module: str) -> dict[int, dict[str, str]]:
    """Attempt number -> element -> value, read straight from the database file."""
    with sqlite3.connect(state_dir / "preview.sqlite3") as db:
        rows = db.execute("SELECT a.number, t.element, t.value FROM tracks t JOIN attempts a ON a.id = t.attempt_id "
                          "WHERE a.module_key = ?", (module,)).fetchall()
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


def test_the_player_launches_the_module_under_scorm_again_with_moodles_values(start_preview):
    server = start_preview(QUIZ)
    status, _, page = get(server, "/modules/quiz-course/check/")
    assert '<script src="/scorm-again/scorm12.js"></script>' in page and '<iframe id="pv-sco"' in page
    config = player_config(server)
    assert config["attempt"]["number"] == 1
    assert config["launch"]["core"]["entry"] == "ab-initio"
    assert config["launch"]["core"]["lesson_status"] == "not attempted"
    assert config["launch"]["student_data"]["mastery_score"] == "60"       # adlcp:masteryscore, as Moodle sends it
    assert get(server, config["endpoints"]["launch"])[0] == 200
    status, content_type, script = get(server, "/scorm-again/scorm12.js")
    assert status == 200 and content_type.startswith("text/javascript") and "Scorm12API" in script


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
    assert get(server, "/assets/player.js")[0] == 200 and get(server, "/assets/player.html.j2")[0] == 404


def test_commits_are_stored_as_tracks_and_a_suspended_attempt_resumes(start_preview, state_dir):
    server = start_preview(QUIZ)
    config = player_config(server)
    status, stored = commit(server, config, "commit", {
        "cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "quiz", "cmi.suspend_data": "v1|abc",
        "cmi.interactions.0.id": "q01-q1-capital", "cmi.interactions.0.result": "correct"})
    assert status == 200 and stored["tracks"]["cmi.core.lesson_location"] == "quiz"
    assert "incomplete" in stored["stored_html"]
    commit(server, config, "finish", {"cmi.core.exit": "suspend", "cmi.core.session_time": "0000:01:30.50"})
    assert tracks_in_sqlite(state_dir, "quiz-course/check")[1] == {
        "cmi.core.lesson_status": "incomplete", "cmi.core.lesson_location": "quiz", "cmi.suspend_data": "v1|abc",
        "cmi.interactions.0.id": "q01-q1-capital", "cmi.interactions.0.result": "correct",
        "cmi.core.exit": "suspend", "cmi.core.session_time": "0000:01:30.50", "cmi.core.total_time": "0000:01:30.50"}

    relaunch = player_config(server)
    assert relaunch["attempt"] == config["attempt"]
    core = relaunch["launch"]["core"]
    assert (core["entry"], core["lesson_location"], core["lesson_status"], core["total_time"]) == \
        ("resume", "quiz", "incomplete", "0000:01:30.50")
    assert relaunch["launch"]["suspend_data"] == "v1|abc"
    assert "interactions" not in relaunch["launch"]                     # write-only in SCORM 1.2

    commit(server, relaunch, "finish", {"cmi.core.exit": "", "cmi.core.session_time": "0000:00:45.00",
                                        "cmi.core.lesson_status": "passed", "cmi.core.score.raw": "100"})
    core = player_config(server)["launch"]["core"]
    assert (core["entry"], core["lesson_status"], core["score"]["raw"], core["total_time"]) == ("", "passed", "100", "0000:02:15.50")


def test_reset_starts_the_next_attempt_and_keeps_the_last_one(start_preview, state_dir):
    server = start_preview(QUIZ)
    config = player_config(server)
    commit(server, config, "finish", {"cmi.core.lesson_status": "failed", "cmi.core.exit": ""})
    status, reset = post(server, "/api/modules/quiz-course/check/reset", {})
    assert status == 200 and reset["attempt"]["number"] == 2 and reset["tracks"] == {}
    fresh = player_config(server)
    assert fresh["attempt"]["number"] == 2 and fresh["launch"]["core"]["entry"] == "ab-initio"
    assert tracks_in_sqlite(state_dir, "quiz-course/check") == {1: {"cmi.core.lesson_status": "failed", "cmi.core.exit": ""}}
    assert commit(server, config, "commit", {"cmi.core.lesson_location": "late"})[0] == 200   # the old page's data: still attempt 1
    assert tracks_in_sqlite(state_dir, "quiz-course/check")[1]["cmi.core.lesson_location"] == "late"


def test_attempts_survive_a_restart_of_the_server(start_preview):
    first = start_preview(QUIZ)
    commit(first, player_config(first), "finish", {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "80"})
    first.close()
    second = start_preview(QUIZ)
    row = re.search(r'<tr data-module="quiz-course/check">(.*?)</tr>', get(second, "/")[2], re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row)[-3:] == ["1", "passed", "80"]
    attempt = json.loads(get(second, "/api/modules/quiz-course/check/attempt")[2])
    assert attempt["tracks"] == {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "80"}
    assert [c["event"] for c in attempt["commits"]] == ["finish"]


def test_bad_requests_are_refused_with_a_reason(start_preview):
    server = start_preview(QUIZ)
    config = player_config(server)
    path = "/api/modules/quiz-course/check/commit"
    assert post(server, path, {"attempt": 1, "event": "commit", "values": {}}, content_type="text/plain")[0] == 415
    assert post(server, path, b"{not json")[0] == 400
    assert post(server, path, {"attempt": config["attempt"]["id"], "event": "save", "values": {}})[0] == 400
    assert post(server, path, {"attempt": config["attempt"]["id"], "event": "commit", "values": {"a": 1}})[0] == 400
    status, answer = post(server, "/api/modules/quiz-course/practice/commit",
                          {"attempt": config["attempt"]["id"], "event": "commit", "values": {}})
    assert status == 409 and "not an attempt of quiz-course/practice" in answer["error"]
    assert get(server, "/api/modules/quiz-course/practice/attempt")[2] == '{"attempt": null}'


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
    before = {m.id: m.folder for m in server.builder.current.courses[0].modules}
    lesson = course / "02-financing" / "01-costs.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nLand is the largest cost.\n", encoding="utf-8")
    assert server.refresh() is not None
    after = {m.id: m.folder for m in server.builder.current.courses[0].modules}
    assert after["site-planning"] == before["site-planning"] and after["financing"] != before["financing"]
    assert server.builder.current.rebuilt == 1
    assert "Land is the largest cost." in get(server, "/packages/sample-parks/financing/index.html")[2]
    assert get(server, "/packages/sample-parks/site-planning/index.html")[0] == 200

    course_file = course / "course.yml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("Sample Park Course", "Renamed Course"), encoding="utf-8")
    assert server.refresh() is not None
    rebuilt = {m.id: m.folder for m in server.builder.current.courses[0].modules}
    assert rebuilt["site-planning"] != before["site-planning"] and rebuilt["financing"] != after["financing"]
    assert server.builder.current.rebuilt == 2
    assert "Renamed Course" in get(server, "/")[2]
    builds = sorted(p.name for p in (server.builder.cache_dir / "builds").iterdir())
    assert builds == sorted({folder.parent.parent.name for folder in [*after.values(), *rebuilt.values()]})


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


def test_without_scorm_again_the_player_says_so_and_plays_standalone(start_preview):
    server = start_preview(QUIZ, scorm_again=None)
    status, _, page = get(server, "/modules/quiz-course/check/")
    assert "No LMS on this page: scorm-again is not installed." in page and "npm install scorm-again" in page
    assert "/scorm-again/scorm12.js" not in page and 'src="/packages/quiz-course/check/index.html"' in page
    assert get(server, "/scorm-again/scorm12.js")[0] == 404


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
        assert "coursekit preview: built 3 of 3 module(s) in " in rest and rest.endswith("coursekit preview: stopped\n")
    finally:
        process.kill()
    assert (tmp_path / ".coursekit" / "preview.sqlite3").is_file()
