"""The learner's side, in headless Chromium under the test LMS (scorm-again, as Moodle plays a SCO):
first contentful paint, changing lesson, grading the quiz, and the LMS calls of a whole attempt.

Times are taken inside the SCO's frame with performance.now(), so Playwright's own round trips
are not counted.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmarks.timing import median, rounded
from tests.browser import quiz_driver
from tests.browser.harness import LmsSession, LocalServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}

# Resolves with the first-contentful-paint time of this document (ms after its navigation started).
FIRST_CONTENTFUL_PAINT = """() => new Promise((resolve, reject) => {
  const fcp = entries => entries.find(entry => entry.name === "first-contentful-paint");
  const seen = fcp(performance.getEntriesByType("paint"));
  if (seen) return resolve(seen.startTime);
  new PerformanceObserver((list, observer) => {
    const entry = fcp(list.getEntries());
    if (entry) { observer.disconnect(); resolve(entry.startTime); }
  }).observe({ type: "paint", buffered: true });
  setTimeout(() => reject(new Error("no first-contentful-paint within 5 s")), 5000);
})"""

# Clicks a button and resolves with the ms until `target` is shown and laid out (checked at once,
# which forces style and layout, then at each animation frame should the change come later).
CLICK_UNTIL_VISIBLE = """([button, target]) => new Promise((resolve, reject) => {
  const shown = () => {
    const element = document.querySelector(target);
    return element && !element.hidden && element.getClientRects().length > 0;
  };
  const started = performance.now();
  document.querySelector(button).click();
  const check = () => {
    const elapsed = performance.now() - started;
    if (shown()) resolve(elapsed);
    else if (elapsed > 5000) reject(new Error(target + " not visible 5 s after clicking " + button));
    else requestAnimationFrame(check);
  };
  check();
})"""

# Where the time before the first paint went: the page received, then parsed and its script run.
LOADING = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  return { html: navigation.responseEnd, domContentLoaded: navigation.domContentLoadedEventEnd };
}"""

NEXT_LESSON = """() => {
  const sections = [...document.querySelectorAll("section.ck-lesson")];
  const current = sections.findIndex(section => !section.hidden);
  const next = sections[current + 1];
  return next ? `section.ck-lesson[data-lesson="${next.dataset.lesson}"]` : null;
}"""


def learner_figures(runs: int, served: Path, module_zip: Path, quiz_zip: Path) -> tuple[dict, dict]:
    """(speed, LMS traffic): `module_zip` for paint and lesson changes, `quiz_zip` (the quiz fixture's
    "check" module, answered by tests/browser/quiz_driver) for grading and traffic."""
    from playwright.sync_api import sync_playwright

    server = LocalServer(served)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            module, quiz = server.add_package(module_zip), server.add_package(quiz_zip)
            paints, loads, switches = paint_and_switch(browser, server, module, runs)
            grades = [one_session(browser, server, quiz, grade_quiz) for _ in range(runs)]
            traffic = one_session(browser, server, quiz, full_attempt)
            speed = {
                "browser": f"Chromium {browser.version}", "runs": runs,
                "module": module_zip.name, "quiz_module": quiz_zip.name,
                "first_contentful_paint_ms": rounded(median(paints), 1),
                "html_received_ms": rounded(median([load["html"] for load in loads]), 1),
                "dom_content_loaded_ms": rounded(median([load["domContentLoaded"] for load in loads]), 1),
                "lesson_switch_ms": rounded(median(switches), 2), "lesson_switches": len(switches),
                "quiz_grade_ms": rounded(median(grades), 2),
            }
            browser.close()
    finally:
        server.close()
    return speed, traffic


def one_session(browser, server: LocalServer, package: str, action):
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        return action(LmsSession.launch(page, server, package))
    finally:
        context.close()


def paint_and_switch(browser, server: LocalServer, package: str, runs: int) -> tuple[list, list, list]:
    """Each run: a new browser context (empty HTTP cache) opens the module, then walks every lesson.
    A first, unmeasured opening starts the browser's renderer, as a learner's browser already is.
    Returns (first paints, loading times, lesson switches)."""
    paints, loads, switches = [], [], []

    def measure(session: LmsSession) -> None:
        paints.append(session.sco.evaluate(FIRST_CONTENTFUL_PAINT))
        loads.append(session.sco.evaluate(LOADING))
        switches.extend(walk_lessons(session))

    one_session(browser, server, package, lambda session: None)
    for _ in range(runs):
        one_session(browser, server, package, measure)
    return paints, loads, switches


def walk_lessons(session: LmsSession) -> list[float]:
    """Next, next, ... to the last lesson: the time of each change."""
    times = []
    while (target := session.sco.evaluate(NEXT_LESSON)) is not None:
        times.append(session.sco.evaluate(CLICK_UNTIL_VISIBLE, ["#ck-next", target]))
    return times


def grade_quiz(session: LmsSession) -> float:
    session.sco.click("#ck-nav a[data-lesson=quiz]")
    quiz_driver.answer_all_right(session.sco)
    return session.sco.evaluate(CLICK_UNTIL_VISIBLE, ["#ck-quiz-submit", "#ck-quiz-result"])


def full_attempt(session: LmsSession) -> dict:
    """Every lesson read, every question answered, submitted, then the SCO unloaded: count LMS calls."""
    walk_lessons(session)
    quiz_driver.answer_all_right(session.sco)
    session.sco.evaluate(CLICK_UNTIL_VISIBLE, ["#ck-quiz-submit", "#ck-quiz-result"])
    session.unload()
    calls = session.calls()
    count = Counter(call["method"] for call in calls)
    answered = len({call["element"] for call in calls if call["method"] == "LMSSetValue"
                    and call["element"].startswith("cmi.interactions.") and call["element"].endswith(".id")})
    commits = count["LMSCommit"]
    return {
        "package": session.package, "answered_questions": answered, "set_values": count["LMSSetValue"],
        "get_values": count["LMSGetValue"], "commits": commits, "finishes": count["LMSFinish"],
        "commits_per_answered_question": rounded(commits / answered, 3) if answered else None,
        "rejected_calls": sum(1 for call in calls if call["error"] != "0"),
    }
