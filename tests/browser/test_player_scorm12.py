"""A module played in Chromium under scorm-again's SCORM 1.2 API, as Moodle plays it."""
from __future__ import annotations

import re

import pytest

from tests.browser.harness import LmsSession, relaunch_cmi

CMI_TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")   # SCORM 1.2 CMITimespan
LESSONS = ["choosing-a-site", "zoning", "review"]


@pytest.fixture
def site_planning(server, sample_packages):
    return server.add_package(sample_packages["site-planning"])


def visible_lesson(session: LmsSession) -> str:
    return session.sco.eval_on_selector("section.ck-lesson:not([hidden])", "s => s.dataset.lesson")


def test_walk_every_lesson_completes_the_module(page, server, site_planning):
    session = LmsSession.launch(page, server, site_planning)
    assert visible_lesson(session) == LESSONS[0]
    for expected in LESSONS[1:]:
        session.sco.click("#ck-next")
        assert visible_lesson(session) == expected
        # Focus moves to the new lesson's heading, for keyboard and screen reader users.
        assert session.sco.evaluate("document.activeElement.id") == f"lesson-{expected}-title"
    session.unload()

    cmi = session.cmi()
    assert cmi["core"]["lesson_status"] == "completed"
    assert cmi["core"]["lesson_location"] == "review"
    assert cmi["core"]["exit"] == ""
    assert CMI_TIMESPAN.match(cmi["core"]["session_time"]), cmi["core"]["session_time"]
    assert [c["method"] for c in session.calls() if c["method"] in ("LMSInitialize", "LMSFinish")] == ["LMSInitialize", "LMSFinish"]
    assert not [c for c in session.calls() if c["error"] != "0"], "the LMS rejected a call"
    statuses = [c["value"] for c in session.calls("LMSSetValue") if c["element"] == "cmi.core.lesson_status"]
    assert statuses == ["incomplete", "completed"]
    assert len(session.calls("LMSCommit")) == 1      # once, when the module was completed
    assert session.outside_requests() == []
    assert session.failures == [], session.failures


def test_leaving_halfway_suspends_and_relaunch_resumes_on_the_saved_lesson(page, browser, server, site_planning):
    session = LmsSession.launch(page, server, site_planning)
    session.sco.click("#ck-next")
    assert visible_lesson(session) == "zoning"
    session.unload()
    first = session.cmi()
    assert first["core"]["lesson_status"] == "incomplete"
    assert first["core"]["lesson_location"] == "zoning"
    assert first["core"]["exit"] == "suspend"
    assert CMI_TIMESPAN.match(first["core"]["session_time"])
    assert first["suspend_data"]

    second_page = browser.new_context().new_page()
    resumed = LmsSession.launch(second_page, server, site_planning, initial_cmi=relaunch_cmi(first))
    prompt = resumed.sco.locator("#ck-resume")
    assert prompt.is_visible()
    assert "Zoning" in prompt.inner_text()
    # The lesson list remembers what was viewed before.
    assert resumed.sco.locator("#ck-nav a.ck-visited").count() == 2
    resumed.sco.click("#ck-resume [data-action=resume]")
    assert visible_lesson(resumed) == "zoning"
    assert not prompt.is_visible()
    resumed.sco.click("#ck-next")                      # the last lesson: now every lesson is viewed
    resumed.unload()
    final = resumed.cmi()
    assert final["core"]["lesson_status"] == "completed"
    assert final["core"]["exit"] == ""
    assert resumed.failures == [] and resumed.outside_requests() == []
    second_page.context.close()


def test_start_from_the_beginning_on_return(page, browser, server, site_planning):
    session = LmsSession.launch(page, server, site_planning)
    session.sco.click("#ck-next")
    session.unload()
    second_page = browser.new_context().new_page()
    resumed = LmsSession.launch(second_page, server, site_planning, initial_cmi=relaunch_cmi(session.cmi()))
    resumed.sco.click("#ck-resume [data-action=restart]")
    assert visible_lesson(resumed) == LESSONS[0]
    second_page.context.close()


def test_opening_and_closing_without_answering_keeps_the_bookmark(page, browser, server, site_planning):
    session = LmsSession.launch(page, server, site_planning)
    session.sco.click("#ck-next")
    session.unload()
    cmi = session.cmi()
    for visit in range(2):                             # twice: the bookmark survives every such visit
        visit_page = browser.new_context().new_page()
        returning = LmsSession.launch(visit_page, server, site_planning, initial_cmi=relaunch_cmi(cmi))
        assert returning.sco.locator("#ck-resume").is_visible(), visit
        returning.unload()                            # closed without answering the question
        cmi = returning.cmi()
        assert cmi["core"]["lesson_location"] == "zoning", visit
        assert cmi["core"]["exit"] == "suspend"
        visit_page.context.close()
    # Once the learner moves, the location follows them and the question is gone.
    last_page = browser.new_context().new_page()
    returning = LmsSession.launch(last_page, server, site_planning, initial_cmi=relaunch_cmi(cmi))
    returning.sco.click("#ck-nav a[data-lesson=review]")
    assert not returning.sco.locator("#ck-resume").is_visible()
    returning.unload()
    assert returning.cmi()["core"]["lesson_location"] == "review"
    assert returning.failures == []
    last_page.context.close()


def test_lesson_list_and_cross_lesson_links(page, server, site_planning):
    session = LmsSession.launch(page, server, site_planning)
    session.sco.click("#ck-nav a[data-lesson=review]")
    assert visible_lesson(session) == "review"
    assert session.sco.get_attribute("#ck-nav a[data-lesson=review]", "aria-current") == "step"
    session.sco.click("#ck-nav a[data-lesson=choosing-a-site]")
    session.sco.click("text=the zoning lesson")       # a link to a heading of another lesson
    assert visible_lesson(session) == "zoning"
    assert session.sco.evaluate("document.activeElement.id") == "zoning--land-use-zones"
    assert session.failures == []


def test_assets_load_from_inside_the_package(page, server, site_planning):
    session = LmsSession.launch(page, server, site_planning)
    natural_width = session.sco.eval_on_selector("img[alt^='A map']", "img => img.decode().then(() => img.naturalWidth)")
    assert natural_width > 0
    href = session.sco.get_attribute("a:text('checklist')", "href")
    assert href == "media/files/checklist.pdf"
    assert session.outside_requests() == [] and session.failures == []


def test_without_an_lms_it_works_and_keeps_progress_in_local_storage(page, server, site_planning):
    failures = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.goto(f"{server.base}/pkg/{site_planning}/index.html")
    page.wait_for_selector("body.ck-js")
    assert "this browser only" in page.inner_text("#ck-status")
    page.click("#ck-next")
    page.evaluate("document.visibilityState")   # nothing to do: saved on leaving
    page.reload()                                # pagehide saves, the reload reads it back
    page.wait_for_selector("body.ck-js")
    assert page.locator("#ck-resume").is_visible()
    page.click("#ck-resume [data-action=resume]")
    assert page.eval_on_selector("section.ck-lesson:not([hidden])", "s => s.dataset.lesson") == "zoning"
    assert failures == []
