"""The preview in Chromium, under coursekit's LMS (Moodle's player): a quiz played, suspended, resumed, passed,
graded and found again after a restart; a lesson saved, and the open player reloading with the change (or with
the list of errors); the API refusing what Moodle refuses."""
from __future__ import annotations

import shutil
import sqlite3

from tests.browser import quiz_driver as learner
from tests.conftest import FIXTURES

QUIZ = FIXTURES / "courses" / "quiz"
SAMPLE = FIXTURES / "courses" / "sample"


def open_player(page, server, module: str):
    """The player page, once the module in its frame is running; returns the module's frame."""
    page.goto(f"{server.url}/modules/{module}/")
    page.wait_for_selector("#scorm_object")
    frame = page.frame_locator("#scorm_object")
    frame.locator("body.ck-js").wait_for()
    return page.query_selector("#scorm_object").content_frame()


def exit_module(page, server) -> None:
    """The Exit button: the module finishes, its data is stored, and the course list opens."""
    page.click("#pv-exit")
    page.wait_for_url(f"{server.url}/")


def stored(state_dir, module: str) -> dict[str, str]:
    """The tracks of the module's only attempt, read from the SQLite file."""
    with sqlite3.connect(state_dir / "preview.sqlite3") as db:
        [(attempt_id,)] = db.execute("SELECT id FROM attempts WHERE activity = ?", (module,)).fetchall()
        return dict(db.execute("SELECT element, value FROM tracks WHERE attempt_id = ?", (attempt_id,)).fetchall())


def test_a_quiz_is_recorded_resumed_and_still_there_after_a_restart(chromium, start_preview, state_dir):
    def scenario(page):
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        server = start_preview(QUIZ)

        # First session: answer every question, leave without submitting.
        sco = open_player(page, server, "quiz-course/check")
        sco.click("#ck-nav a[data-lesson=quiz]")
        learner.answer_all_right(sco)
        exit_module(page, server)
        tracks = stored(state_dir, "quiz-course/check")
        assert (tracks["cmi.core.exit"], tracks["cmi.core.lesson_status"], tracks["cmi.core.lesson_location"]) == \
            ("suspend", "incomplete", "quiz")

        # Second session: Moodle hands back the data with entry=resume; the answers are still there.
        sco = open_player(page, server, "quiz-course/check")
        assert page.evaluate("API.LMSGetValue('cmi.core.entry')") == "resume"
        sco.click("#ck-resume [data-action=resume]")
        assert learner.question(sco, 1).get_by_label("Lima", exact=True).is_checked()
        sco.click("#ck-quiz-submit")
        sco.wait_for_selector("#ck-quiz-result:not([hidden])")
        page.wait_for_selector("#pv-log .pv-saved:has-text('Commit')")
        assert page.inner_text("#pv-stored .pv-status") == "passed" and page.inner_text("#pv-stored .pv-score") == "100"
        assert page.inner_text("#pv-grade") == "100 / 100" and page.inner_text("#pv-completion") == "complete"
        assert page.query_selector_all("#pv-log .pv-error") == []       # Moodle's API accepted every call
        exit_module(page, server)
        assert page.inner_text("tr[data-module='quiz-course/check']").split("\t")[-5:] == ["1", "passed", "100", "100 / 100", "complete"]
        server.close()

        # A new server on the same state: the attempt is in SQLite, in the panel, and handed to the module.
        tracks = stored(state_dir, "quiz-course/check")
        assert (tracks["cmi.core.lesson_status"], tracks["cmi.core.score.raw"], tracks["cmi.core.exit"]) == ("passed", "100", "")
        assert tracks["cmi.core.total_time"] != "00:00:00.00"
        assert sorted(v for k, v in tracks.items() if k.startswith("cmi.interactions_") and k.endswith(".id"))[:2] == \
            ["q01-q1-capital", "q02-q2-zones"]
        restarted = start_preview(QUIZ)
        sco = open_player(page, restarted, "quiz-course/check")
        assert page.inner_text("#pv-stored .pv-status") == "passed" and page.inner_text("#pv-grade") == "100 / 100"
        assert page.evaluate("['cmi.core.entry', 'cmi.core.lesson_status', 'cmi.core.score.raw'].map(e => API.LMSGetValue(e))") == \
            ["", "passed", "100"]
        assert errors == []

    chromium.run(scenario)


def test_saving_a_lesson_reloads_the_player_with_the_change_or_the_errors(chromium, start_preview, tmp_path):
    def scenario(page):
        course = tmp_path / "sample"
        shutil.copytree(SAMPLE, course)
        lesson = course / "01-site-planning" / "01-choosing-a-site.md"
        original = lesson.read_text(encoding="utf-8")
        server = start_preview(course, poll_seconds=0.1)
        sco = open_player(page, server, "sample-parks/site-planning")
        assert "A good site has road access, power and water." in sco.inner_text("#lesson-choosing-a-site")

        with page.expect_navigation():                                   # the page reloads by itself
            lesson.write_text(original.replace("power and water.", "power, water and workers nearby."), encoding="utf-8")
        sco = page.frame_locator("#scorm_object")
        sco.locator("#lesson-choosing-a-site", has_text="A good site has road access, power, water and workers nearby.").wait_for()

        with page.expect_navigation():
            lesson.write_text(original.replace("images/sites.svg", "images/site-map.png"), encoding="utf-8")
        page.wait_for_selector("h1:has-text('1 error in the sources')")
        problem = page.inner_text(".pv-problem code")
        assert "01-site-planning/01-choosing-a-site.md:" in problem and ": error: " in problem and "images/site-map.png" in problem

        with page.expect_navigation():
            lesson.write_text(original, encoding="utf-8")
        page.frame_locator("#scorm_object").locator("body.ck-js").wait_for()
        assert page.inner_text("#pv-stored .pv-status") == "incomplete"   # each session finished before its reload

    chromium.run(scenario)


def test_the_panel_shows_api_errors_and_the_lms_refuses_what_moodle_refuses(chromium, start_preview, state_dir):
    def scenario(page):
        server = start_preview(QUIZ)
        open_player(page, server, "quiz-course/practice")
        assert page.evaluate("API.LMSSetValue('cmi.core.lesson_status', 'almost')") == "false"
        assert "cmi.core.lesson_status" in page.inner_text("#pv-log .pv-error") and "error 405" in page.inner_text("#pv-log .pv-error")

        assert page.evaluate("API.LMSFinish('')") == "true"
        page.wait_for_selector("#pv-log .pv-saved:has-text('Finish')")
        assert page.evaluate("[API.LMSCommit(''), API.LMSGetLastError()]") == ["false", "301"]
        assert "LMSCommit" in page.inner_text("#pv-log .pv-error >> nth=-1")
        assert stored(state_dir, "quiz-course/practice")["cmi.core.lesson_status"] == "incomplete"   # as the module left it

        with page.expect_navigation():
            page.click("#pv-reset")
        page.frame_locator("#scorm_object").locator("body.ck-js").wait_for()
        assert page.inner_text("#pv-stored h3") == "Attempt 2: what Moodle would store"
        assert page.evaluate("API.LMSGetValue('cmi.core.entry')") == "ab-initio"

    chromium.run(scenario)
