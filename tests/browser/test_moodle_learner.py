"""The learner's side in our LMS, which follows Moodle's player call for call: what a returning learner
keeps, and how a teacher reads a long essay, with SCORM standards mode on and off and in SCORM 2004."""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest

from builder.lms.datamodel import Learner
from builder.preview.server import PreviewConfig, PreviewServer
from tests.conftest import FIXTURES

ESSAY = ("The park was built before any tenant had signed. " * 20).strip()       # 999 characters


@contextmanager
def lms(tmp_path, course: str, **options):
    server = PreviewServer(PreviewConfig([FIXTURES / "courses" / course], tmp_path, port=0, poll_seconds=3600, **options),
                           log=lambda message: None)
    server.start()
    try:
        yield server
    finally:
        server.close()


def enter(page, server, activity: str, learner: str):
    """Moodle's player with the module in its frame, started."""
    page.goto(f"{server.url}/modules/{activity}/?learner={learner}")
    frame = page.frame_locator("#scorm_object")
    frame.locator("body.ck-js").wait_for()
    return frame


def leave(page) -> None:
    page.click("#pv-exit")
    page.wait_for_url(re.compile(r"/$"))


def tracks(server, activity: str, learner: str) -> dict[str, str]:
    report = server.lms.report(activity, Learner(learner, "Lab", "Student"))
    (scos,) = [report.attempts[max(report.attempts)]]
    (sco_tracks,) = scos.values()
    return sco_tracks


def essay_response(stored: dict[str, str]) -> str:
    (element,) = [name.rsplit(".", 1)[0] for name, value in stored.items() if name.endswith(".id") and "risk" in value]
    return next(value for name, value in stored.items() if name.startswith(element + ".") and name.endswith("_response"))


@pytest.mark.parametrize("scorm, standards, whole_in_report", [
    ("1.2", False, True), ("1.2", True, False), ("2004-4th", False, True), ("2004-4th", True, True)])
def test_a_teacher_reads_a_long_essay_whole(browser, tmp_path, scorm, standards, whole_in_report):
    with lms(tmp_path, "quiz", scorm=scorm, standards=standards) as server:
        page = browser.new_context().new_page()
        frame = enter(page, server, "quiz-course/check", "essayist")
        frame.locator("#ck-nav a[data-lesson=quiz]").click()
        frame.locator("textarea").first.fill(ESSAY)
        frame.locator("#ck-quiz-submit").click()
        frame.locator("#ck-quiz-submit").click()          # some questions unanswered: confirm
        frame.locator("#ck-quiz-result:not([hidden])").wait_for()
        leave(page)
        stored = tracks(server, "quiz-course/check", "essayist")
        page.context.close()
    if whole_in_report:                                     # Reports > Interactions shows the response
        assert essay_response(stored) == ESSAY
        assert "cmi.comments" not in stored
    else:                                                   # 255 characters there, the whole in Track details
        assert essay_response(stored) == ESSAY[:254] + "\u2026"
        assert stored["cmi.comments"] == f"[q08-q8-risk] {ESSAY}\n\n"


def test_a_returning_learner_keeps_the_bookmark_until_they_move(browser, tmp_path):
    activity, learner = "sample-parks/site-planning", "returning"
    with lms(tmp_path, "sample", standards=True) as server:
        page = browser.new_context().new_page()
        frame = enter(page, server, activity, learner)
        frame.locator("#ck-next").click()
        leave(page)
        assert tracks(server, activity, learner)["cmi.core.lesson_location"] == "zoning"
        for visit in range(2):                              # opened and closed without answering, twice
            frame = enter(page, server, activity, learner)
            assert "Zoning" in frame.locator("#ck-resume").inner_text(), visit
            leave(page)
            stored = tracks(server, activity, learner)
            assert (stored["cmi.core.lesson_location"], stored["cmi.core.exit"]) == ("zoning", "suspend"), visit
        frame = enter(page, server, activity, learner)
        frame.locator("#ck-resume [data-action=resume]").click()
        assert frame.locator("section.ck-lesson:not([hidden])").get_attribute("data-lesson") == "zoning"
        frame.locator("#ck-next").click()
        leave(page)
        assert tracks(server, activity, learner)["cmi.core.lesson_location"] == "review"
        page.context.close()
