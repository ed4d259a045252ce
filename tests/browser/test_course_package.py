"""A whole-course package (one SCO per module) launched SCO by SCO, each with its own tracking data,
as Moodle runs a multi-SCO package: every module's status is recorded on its own."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from builder.build import build
from builder.diagnostics import Diagnostics
from tests.browser import quiz_driver as learner
from tests.browser.harness import LmsSession
from tests.conftest import FIXTURES


def scos(zip_path) -> list[tuple[str, str]]:
    """(item title, launch href) of every SCO, in the organization's order."""
    with zipfile.ZipFile(zip_path) as archive:
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    ns = {"cp": manifest.nsmap[None]}
    resources = {r.get("identifier"): r.get("href") for r in manifest.iterfind(".//cp:resource", ns)}
    return [(item.findtext("cp:title", namespaces=ns), resources[item.get("identifierref")])
            for item in manifest.iterfind(".//cp:organization/cp:item", ns)]


@pytest.mark.parametrize("scorm", ["1.2", "2004-4th"])
def test_each_module_of_a_course_package_records_its_own_status(scorm, browser, server, tmp_path):
    diagnostics = Diagnostics()
    result = build([FIXTURES / "courses" / "quiz"], tmp_path, diagnostics, scorm=scorm, whole_course=True)
    assert not diagnostics.has_errors
    [zip_path] = result.written
    package = server.add_package(zip_path)
    items = scos(zip_path)
    assert [href for _, href in items] == ["check/index.html", "practice/index.html", "draw/index.html"]
    statuses = {}
    for title, href in items:
        context = browser.new_context()
        session = LmsSession.launch(context.new_page(), server, package, scorm2004=scorm != "1.2", launch=href)
        frame = session.sco
        for _ in range(frame.locator("#ck-nav a").count() - 1):
            frame.click("#ck-next")
        if href.startswith("check/"):
            learner.answer_all_right(frame)
            frame.click("#ck-quiz-submit")
            frame.wait_for_selector("#ck-quiz-result:not([hidden])")
        session.unload()
        cmi = session.cmi()
        statuses[href.split("/")[0]] = cmi["core"]["lesson_status"] if scorm == "1.2" else (cmi["completion_status"], cmi["success_status"])
        assert session.failures == [] and session.outside_requests() == []      # ../coursekit.js is inside the package
        context.close()
    if scorm == "1.2":
        assert statuses == {"check": "passed", "practice": "incomplete", "draw": "incomplete"}
    else:
        assert statuses == {"check": ("completed", "passed"), "practice": ("completed", "unknown"), "draw": ("completed", "unknown")}


def test_a_2004_module_asks_the_lms_for_the_next_module_when_it_may(browser, server, tmp_path):
    result = build([FIXTURES / "courses" / "sample"], tmp_path, Diagnostics(), scorm="2004-4th", whole_course=True)
    package = server.add_package(result.written[0])
    session = LmsSession.launch(browser.new_page(), server, package, scorm2004=True, launch="site-planning/index.html")
    # As an LMS's sequencer would once there is a next module (scorm-again keeps it in a private field).
    session.page.evaluate("window.API_1484_11.adl.nav.request_valid._continue = 'true'")
    frame = session.sco
    for _ in range(frame.locator("#ck-nav a").count() - 1):
        frame.click("#ck-next")
    frame.click("#ck-continue")
    session.page.wait_for_function("window.lmsCalls.some(c => c.method === 'Terminate')")
    requests = [c["value"] for c in session.calls("SetValue") if c["element"] == "adl.nav.request"]
    assert requests == ["continue"]
    assert session.cmi()["exit"] == "normal"
    session.page.context.close()


def test_the_last_2004_module_can_close_the_course(browser, server, tmp_path):
    result = build([FIXTURES / "courses" / "sample"], tmp_path, Diagnostics(), scorm="2004-4th", whole_course=True)
    package = server.add_package(result.written[0])
    session = LmsSession.launch(browser.new_page(), server, package, scorm2004=True, launch="financing/index.html")
    # No next module; the LMS's sequencer says the learner may leave the whole course.
    session.page.evaluate("window.API_1484_11.adl.nav.request_valid._exitAll = 'true'")
    frame = session.sco
    frame.click("#ck-next")
    assert frame.inner_text("#ck-continue") == "Close the course"
    frame.click("#ck-continue")
    session.page.wait_for_function("window.lmsCalls.some(c => c.method === 'Terminate')")
    assert [c["value"] for c in session.calls("SetValue") if c["element"] == "adl.nav.request"] == ["exitAll"]
    session.page.context.close()
