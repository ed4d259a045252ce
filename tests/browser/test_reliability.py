"""Faults: the LMS fails, the state it returns is broken or hostile, the learner types anything,
opens two tabs, or closes the window at the wrong moment. Nothing is lost and nothing breaks."""
from __future__ import annotations

import json

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from tests.browser import quiz_driver as learner
from tests.browser.harness import LmsSession, relaunch_cmi
from tests.conftest import FIXTURES

PAYLOAD = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.fixture(scope="module")
def check(server, tmp_path_factory):
    diagnostics = Diagnostics()
    result = build([FIXTURES / "courses" / "quiz" / "01-check"], tmp_path_factory.mktemp("dist"), diagnostics)
    assert not diagnostics.has_errors
    return server.add_package(result.written[0])


def lessons_hash(server, package: str) -> str:
    """The hash the package's saved state must carry (from its page config)."""
    page = (server.packages_dir / package / "index.html").read_text(encoding="utf-8")
    config = json.loads(page.split('<script type="application/json" id="ck-config">')[1].split("</script>")[0])
    return config["lessonsHash"]


def pass_the_quiz(session: LmsSession) -> None:
    session.sco.click("#ck-nav a[data-lesson=quiz]")
    learner.answer_all_right(session.sco)
    session.sco.click("#ck-quiz-submit")
    session.sco.wait_for_selector("#ck-quiz-result:not([hidden])")


def test_initialize_refused_falls_back_to_this_browser(page, server, check):
    session = LmsSession.launch(page, server, check, faults=[{"method": "LMSInitialize", "error": 101}])
    assert "this browser only" in session.sco.inner_text("#ck-status")
    pass_the_quiz(session)                                   # the module still works in full
    assert "Your score: 100%" in session.sco.inner_text("#ck-quiz-result")
    assert [c["method"] for c in session.calls()] == ["LMSInitialize"]      # nothing more is sent to a refusing LMS
    assert session.failures == []


def test_rejected_values_do_not_stop_the_result(page, server, check):
    faults = [{"method": "LMSSetValue", "element": "cmi.interactions.", "error": 405},
              {"method": "LMSSetValue", "element": "cmi.objectives.", "error": 405, "throws": True}]
    session = LmsSession.launch(page, server, check, faults=faults)
    pass_the_quiz(session)
    session.unload()
    cmi = session.cmi()
    assert (cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"]) == ("passed", "100")
    assert session.failures == []
    assert [c["method"] for c in session.calls() if c["method"] == "LMSFinish"] == ["LMSFinish"]


def test_intermittent_commit_failures_are_retried_until_saved(page, server, check):
    page.clock.install()
    session = LmsSession.launch(page, server, check, faults=[{"method": "LMSCommit", "times": 2, "error": 101}])
    pass_the_quiz(session)
    page.clock.run_for(4000)                            # the retries after 1 s and 2 s
    commits = session.calls("LMSCommit")
    assert [c["result"] for c in commits] == ["false", "false", "true"]
    assert "did not save" not in session.sco.inner_text("#ck-status")
    assert session.failures == []


def test_a_commit_that_keeps_failing_is_told_and_nothing_is_lost(page, browser, server, check):
    page.clock.install()
    always = [{"method": "LMSCommit", "error": 101}, {"method": "LMSFinish", "error": 101}]
    session = LmsSession.launch(page, server, check, faults=always)
    pass_the_quiz(session)
    page.clock.run_for(16000)                           # 1 + 2 + 4 + 8 seconds of retries
    assert len(session.calls("LMSCommit")) == 5
    assert "did not save your progress" in session.sco.inner_text("#ck-status")
    session.unload()                                         # the window closes; the LMS kept nothing
    # The learner comes back; the LMS hands back what it had before: nothing. This browser has it all.
    relaunched = LmsSession.launch(page.context.new_page(), server, check)
    relaunched.sco.click("#ck-nav a[data-lesson=quiz]")
    assert relaunched.sco.is_visible("#ck-quiz-result")
    cmi = relaunched.cmi()
    assert (cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"]) == ("passed", "100")    # reported again
    assert relaunched.failures == []


def test_two_tabs_never_undo_each_others_results(browser, server, check):
    context = browser.new_context()                         # one browser: the tabs share its storage
    stale = LmsSession.launch(context.new_page(), server, check)
    fresh = LmsSession.launch(context.new_page(), server, check)
    pass_the_quiz(fresh)
    fresh.unload()
    stale.page.wait_for_timeout(200)                         # the storage event reaches the other tab
    stale.unload()
    state = stale.cmi()["suspend_data"]
    again = LmsSession.launch(context.new_page(), server, check, relaunch_cmi({"core": {"exit": "suspend"}, "suspend_data": state}))
    again.sco.click("#ck-nav a[data-lesson=quiz]")
    assert "Your score: 100%" in again.sco.inner_text("#ck-quiz-result")
    assert stale.failures == [] and fresh.failures == [] and again.failures == []
    context.close()


@pytest.mark.parametrize("saved", [
    "ck1h8:",                                                   # truncated
    "ck1h8:00000000v1:3x99999:abc",                             # lengths that lie
    "ck1h8:deadbeefv1:3",                                       # another build of the module
    "garbage ~|:: \u0000 \ud83d\ude00 " * 50,                   # noise
    '<script>window.__pwned=1</script>',                        # hostile
    "ck1h8:{hash}v1:3a1:1b3:100r3:100s1:1d1:1k1:0x" + "9:" + PAYLOAD[:9] * 3,   # well formed, answers hostile
])
def test_untrusted_saved_state_never_breaks_or_runs(saved, page, server, check):
    saved = saved.replace("{hash}", lessons_hash(server, check))
    session = LmsSession.launch(page, server, check, {"core": {"lesson_location": PAYLOAD, "entry": "resume"}, "suspend_data": saved})
    assert session.sco.is_visible("section.ck-lesson:not([hidden])")
    assert session.sco.evaluate("window.__pwned") is None and session.sco.locator("img[src=x]").count() == 0
    assert session.sco.is_hidden("#ck-resume")                 # a location that is no lesson is not offered
    pass_the_quiz(session)
    assert session.failures == []


def test_learner_input_is_never_html(page, browser, server, check):
    session = LmsSession.launch(page, server, check)
    frame = session.sco
    frame.click("#ck-nav a[data-lesson=quiz]")
    for box in frame.locator(".ck-question .ck-input:not(select)").all():
        box.fill(PAYLOAD[: int(box.get_attribute("maxlength"))])
    frame.click("#ck-quiz-submit")
    frame.click("#ck-quiz-submit")
    frame.wait_for_selector("#ck-quiz-result:not([hidden])")
    assert frame.evaluate("window.__pwned") is None and frame.locator("img[src=x]").count() == 0
    session.unload()
    # And from the resumed state, where the payload comes back from the LMS.
    resumed = LmsSession.launch(browser.new_page(), server, check, relaunch_cmi(session.cmi()))
    resumed.sco.click("#ck-nav a[data-lesson=quiz]")
    assert resumed.sco.evaluate("window.__pwned") is None and resumed.sco.locator("img[src=x]").count() == 0
    assert PAYLOAD[:80] in resumed.sco.locator("textarea").input_value()
    assert resumed.failures == [] and session.failures == []
