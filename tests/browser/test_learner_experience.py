"""What the learner sees: the summary after the last lesson, keyboard navigation, the course's theme,
media with transcripts, numbers in the learner's language, and a light runtime."""
from __future__ import annotations

import gzip

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from builder.runtime import runtime_script, stylesheet
from builder.scorm import scorm_version
from tests.browser import quiz_driver as learner
from tests.browser.harness import LmsSession
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def packages(server, tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    diagnostics = Diagnostics()
    sources = [FIXTURES / "courses" / name for name in ("sample", "quiz", "themed")] + [FIXTURES / "courses" / "languages" / "fr"]
    result = build(sources, out, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return {package.module.id: server.add_package(path) for package, path in zip(result.packages, result.written)}


def test_finishing_shows_the_module_complete(page, server, packages):
    session = LmsSession.launch(page, server, packages["site-planning"])
    frame = session.sco
    frame.click("#ck-next")
    frame.click("#ck-next")
    assert frame.inner_text("#ck-next") == "Finish"
    frame.click("#ck-next")
    assert frame.is_visible("#ck-complete") and frame.is_hidden("section.ck-lesson:not(#ck-complete)")
    assert frame.inner_text("#ck-complete-title") == "Module complete"
    # True in a browser and in the Moodle app, where there is no window to close, only a back arrow.
    text = frame.inner_text("#ck-complete-text")
    assert "close this window" not in text and "back arrow in the Moodle app" in text and "exit link" in text
    assert frame.evaluate("document.activeElement.id") == "ck-complete-title"
    frame.click("#ck-nav a[data-lesson=zoning]")                   # back to any lesson from the list
    assert frame.is_hidden("#ck-complete") and frame.is_visible("#lesson-zoning")


def test_the_summary_says_what_is_left(page, server, packages):
    session = LmsSession.launch(page, server, packages["check"])
    session.sco.click("#ck-nav a[data-lesson=quiz]")
    learner.answer_all_wrong(session.sco)
    session.sco.click("#ck-quiz-submit")
    session.sco.click("#ck-quiz-submit")
    session.sco.click("#ck-next")                                   # the quiz is the last page: Finish
    assert session.sco.inner_text("#ck-complete-title") == "Your progress"
    assert session.sco.inner_text("#ck-complete-text") == (
        "Your best quiz score is 0%. To complete this module, pass its quiz (pass mark 60%).")


def test_keyboard_alone_moves_through_the_module(page, server, packages):
    session = LmsSession.launch(page, server, packages["site-planning"])
    frame = session.sco
    frame.focus("#ck-nav a[data-lesson=choosing-a-site]")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")                                    # the second lesson in the list
    assert frame.is_visible("#lesson-zoning")
    assert frame.evaluate("document.activeElement.id") == "lesson-zoning-title"
    frame.focus("#ck-next")
    page.keyboard.press("Enter")
    assert frame.is_visible("#lesson-review")
    frame.focus("#ck-prev")
    page.keyboard.press("Space")
    assert frame.is_visible("#lesson-zoning")


def test_the_course_theme_colours_the_page_and_shows_the_logo(page, server, packages):
    session = LmsSession.launch(page, server, packages["m"])
    frame = session.sco
    colour = frame.eval_on_selector("#ck-next", "b => getComputedStyle(b).backgroundColor")
    assert colour == "rgb(122, 31, 92)"                             # #7a1f5c
    assert frame.eval_on_selector("img.ck-logo", "img => img.decode().then(() => img.naturalWidth)") == 120
    assert frame.inner_text(".ck-module-duration") == "About 25 min"
    assert session.outside_requests() == [] and session.failures == []


def test_audio_plays_from_the_package_with_a_transcript(page, server, packages):
    session = LmsSession.launch(page, server, packages["m"])
    frame = session.sco
    assert frame.get_attribute("audio source", "src") == "media/tour.mp3"
    frame.click(".ck-transcript summary")
    assert "Here the heavy industry zone begins." in frame.inner_text(".ck-transcript")


def test_numbers_are_written_as_the_learners_language_writes_them(page, server, packages):
    """A score of 1 question in 6 is 16.67%: French writes 16,67 %."""
    session = LmsSession.launch(page, server, packages["planification"])
    frame = session.sco
    frame.click("#ck-nav a[data-lesson=quiz]")
    learner.question(frame, 1).locator("input[value='0']").check()
    frame.click("#ck-quiz-submit")
    frame.click("#ck-quiz-submit")
    assert "16,67\u202f%" in frame.inner_text("#ck-quiz-result")


@pytest.mark.parametrize("scorm", ["1.2", "2004-4th"])
def test_the_runtime_weighs_at_most_30_kb_gzipped(scorm):
    weight = len(gzip.compress(runtime_script(scorm_version(scorm), True), 9)) + len(gzip.compress(stylesheet(), 9))
    assert weight <= 30 * 1024, weight
