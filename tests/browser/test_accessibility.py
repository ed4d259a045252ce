"""The learner's experience in Chromium: WCAG 2.1 A/AA (axe-core) over every lesson and quiz state,
the translated UI catalogues, phones (320 px), right-to-left Arabic, keyboard focus, tap targets
and print. Violations are also written to tests/artifacts/axe/ so a failing run can be read."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from builder.build import build
from builder.diagnostics import Diagnostics
from tests.browser.harness import REPO_ROOT, LmsSession
from tests.conftest import FIXTURES

I18N = REPO_ROOT / "templates" / "i18n"
TRANSLATIONS = ("fr", "ar", "zh", "ru")
LANGUAGES = FIXTURES / "courses" / "languages"
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
# axe-core is a devDependency (node_modules/axe-core); COURSEKIT_AXE points at another axe.min.js.
AXE = Path(os.environ.get("COURSEKIT_AXE") or REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js")
WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
CONTRAST_ONLY = {"runOnly": {"type": "rule", "values": ["color-contrast"]}, "resultTypes": ["violations"]}
# At 320 px (WCAG 1.4.10 reflow) what the layout changes: content that must scroll within the page.
REFLOW_ONLY = {"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}, "resultTypes": ["violations"]}
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
MIN_TARGET = 44       # px: WCAG 2.5.5 (AAA), what fingers on phones need


def _course_dirs() -> list[Path]:
    courses = sorted(p for p in (REPO_ROOT / "courses").iterdir() if (p / "course.yml").is_file())
    return courses + [FIXTURES / "courses" / "quiz"] + sorted(p for p in LANGUAGES.iterdir() if p.is_dir())


def _module_keys() -> list[str]:
    """'course-id/module-id' of every sample module, read from the sources at collection time."""
    keys = []
    for course_dir in _course_dirs():
        course_id = yaml.safe_load((course_dir / "course.yml").read_text(encoding="utf-8"))["id"]
        keys += [f"{course_id}/{m.name.split('-', 1)[1]}" for m in sorted(course_dir.glob("[0-9]*-*")) if m.is_dir()]
    return keys


MODULES = _module_keys()
LANGUAGE_MODULES = [key for key in MODULES if key.startswith("languages-")]


# --- The message catalogues -------------------------------------------------------------------

def _catalogue(language: str) -> dict[str, str]:
    text = (I18N / f"{language}.yml").read_text(encoding="utf-8")
    keys = [key.value for key, _ in yaml.compose(text).value]
    assert len(keys) == len(set(keys)), f"{language}.yml has duplicate keys"
    return {str(k): str(v) for k, v in yaml.safe_load(text).items()}


def _placeholders(message: str) -> list[str]:
    return sorted(re.findall(r"\{\w+\}|%d", message))


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_catalogue_has_the_keys_and_placeholders_of_english(language):
    english, translated = _catalogue("en"), _catalogue(language)
    assert {"missing": sorted(set(english) - set(translated)), "extra": sorted(set(translated) - set(english))} \
        == {"missing": [], "extra": []}
    assert {k: v for k, v in translated.items() if not v.strip()} == {}
    wrong = {k: (_placeholders(english[k]), _placeholders(translated[k]))
             for k in english if _placeholders(english[k]) != _placeholders(translated[k])}
    assert wrong == {}, "placeholders differ from en.yml (en, translation)"


# --- Building and playing ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def packages(server, tmp_path_factory) -> dict[str, str]:
    """Every sample module built once and served: 'course-id/module-id' -> its name under /pkg/."""
    out = tmp_path_factory.mktemp("a11y-dist")
    diagnostics = Diagnostics()
    result = build(_course_dirs(), out, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return {f"{p.course.id}/{p.module.id}": server.add_package(path) for p, path in zip(result.packages, result.written)}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core not found at {AXE}: add \"axe-core\" to devDependencies in package.json and run npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def open_direct(browser, server, packages):
    """Opens a module's page on its own (no LMS), as a learner opening index.html would see it;
    returns the page and the script errors it raises. Every page is closed after the test."""
    contexts = []

    def open_page(module: str, viewport: dict, **options):
        contexts.append(context := browser.new_context(viewport=viewport, **options))
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server.base}/pkg/{packages[module]}/index.html")
        page.wait_for_selector("body.ck-js")
        return page, errors

    yield open_page
    for context in contexts:
        context.close()


def lesson_ids(frame) -> list[str]:
    return frame.eval_on_selector_all("#ck-nav a[data-lesson]", "links => links.map(a => a.dataset.lesson)")


def quiz_lesson(frame) -> str | None:
    return frame.evaluate("(JSON.parse(document.getElementById('ck-config').textContent).quiz || {}).lesson || null")


def show_lesson(frame, lesson: str) -> None:
    frame.evaluate("id => document.querySelector(`#ck-nav a[data-lesson='${id}']`).click()", lesson)
    frame.wait_for_selector(f"#lesson-{lesson}:not([hidden])")


def answer_every_question(frame) -> None:
    """Some answer to every question shown, right or wrong: the page's states, not the score, matter here."""
    for question in frame.locator(".ck-question:visible").all():
        for group in ("input[type=radio]", "input[type=checkbox]"):
            if question.locator(group).count():
                question.locator(group).first.check()
        for select in question.locator("select").all():
            select.select_option(index=1)
        for field in question.locator("input[type=text], textarea").all():
            field.fill("42")


def check_each_question(frame) -> None:
    """Immediate feedback: the learner checks each answer before submitting."""
    for button in frame.locator(".ck-check:visible").all():
        button.click()


def submit_quiz(frame) -> None:
    frame.click("#ck-quiz-submit")
    if frame.is_hidden("#ck-quiz-result"):       # some unanswered: the second click confirms
        frame.click("#ck-quiz-submit")
    frame.wait_for_selector("#ck-quiz-result:not([hidden])")


def play_through(session: LmsSession):
    """Put the SCO in every state a learner sees, yielding a name for each."""
    frame = session.sco
    quiz = quiz_lesson(frame)
    for lesson in lesson_ids(frame):
        show_lesson(frame, lesson)
        yield f"lesson {lesson}"
        if lesson == quiz:
            answer_every_question(frame)
            yield "quiz answered"
            if frame.locator(".ck-check:visible").count():
                check_each_question(frame)
                yield "quiz checked"
            submit_quiz(frame)
            yield "quiz submitted"
    session.page.evaluate("document.getElementById('sco').style.width = '320px'")
    frame.click("#ck-menu")
    yield "320 px, lesson list open"


def play_through_narrow(session: LmsSession):
    """At 320 px (the SCO frame narrowed as on a phone), every lesson again, the quiz as submitted."""
    frame = session.sco
    for lesson in lesson_ids(frame):
        show_lesson(frame, lesson)
        yield f"320 px, lesson {lesson}"


# --- axe-core ---------------------------------------------------------------------------------

AXE_RUN = """async (options) => {
  const results = await axe.run(document, options);
  return results.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({ target: n.target.join(" "), html: n.html.slice(0, 160), why: n.failureSummary })),
  }));
}"""


def run_axe(frame, axe_source: str, options: dict) -> list[dict]:
    if not frame.evaluate("typeof window.axe === 'object'"):
        frame.evaluate(axe_source)
    return frame.evaluate(AXE_RUN, options)


def audit_states(session: LmsSession, axe_source: str) -> dict[str, list[dict]]:
    """axe's WCAG 2.1 A/AA rules in each state; colour contrast once more in dark mode; reflow at 320 px."""
    found = {}
    for state in play_through(session):
        found[state] = run_axe(session.sco, axe_source, WCAG21_AA)
        session.page.emulate_media(color_scheme="dark")
        found[f"{state} (dark)"] = run_axe(session.sco, axe_source, CONTRAST_ONLY)
        session.page.emulate_media(color_scheme="light")
    for state in play_through_narrow(session):
        found[state] = run_axe(session.sco, axe_source, REFLOW_ONLY)
    return {state: violations for state, violations in found.items() if violations}


def summary(violations: dict[str, list[dict]]) -> str:
    lines = []
    for state, found in violations.items():
        for v in found:
            lines.append(f"{state}: {v['rule']} ({v['impact']}) {v['help']}")
            lines += [f"    {n['target']}: {n['html']}" for n in v["nodes"][:3]]
    return "\n".join(lines)


@pytest.mark.parametrize("module", MODULES)
def test_axe_finds_no_wcag21_violations(module, page, server, packages, axe_source):
    page.emulate_media(color_scheme="light")
    session = LmsSession.launch(page, server, packages[module])
    violations = audit_states(session, axe_source)
    report = ARTIFACTS / "axe" / f"{module.replace('/', '_')}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(violations, indent=1, ensure_ascii=False), encoding="utf-8")
    assert violations == {}, f"axe-core (details in {report}):\n{summary(violations)}"
    assert session.failures == []


# --- Phones, right to left, keyboard, tap targets, print --------------------------------------

OVERFLOW = """() => {
  const root = document.documentElement;
  return root.scrollWidth > root.clientWidth ? `${root.scrollWidth} > ${root.clientWidth}` : null;
}"""


@pytest.mark.parametrize("module", MODULES)
def test_no_lesson_scrolls_sideways_at_320px(module, open_direct):
    page, errors = open_direct(module, PHONE)
    overflowing = {}
    quiz = quiz_lesson(page)
    for lesson in lesson_ids(page):
        show_lesson(page, lesson)
        if lesson == quiz:
            answer_every_question(page)
            submit_quiz(page)
        overflowing[lesson] = page.evaluate(OVERFLOW)
    assert {k: v for k, v in overflowing.items() if v} == {}
    assert errors == []


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_arabic_renders_right_to_left(open_direct):
    page, errors = open_direct("languages-ar/takhtit", DESKTOP)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    nav, main = _box(page, "#ck-nav"), _box(page, "#ck-main")
    assert nav["x"] >= main["x"] + main["width"] - 1, "the lesson list is not on the right"
    callout = page.locator(".callout").first.evaluate("e => [getComputedStyle(e).borderRightWidth, "
                                                      "getComputedStyle(e).borderLeftWidth]")
    assert callout == ["5px", "0px"], "callouts keep their rule on the left"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "rtl-ar-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.click("#ck-menu")
    page.screenshot(path=str(ARTIFACTS / "rtl-ar-phone.png"), full_page=True)
    assert errors == []


def test_left_to_right_languages_keep_the_lesson_list_on_the_left(open_direct):
    for module in (key for key in LANGUAGE_MODULES if not key.startswith("languages-ar/")):
        page, errors = open_direct(module, DESKTOP)
        assert page.evaluate("document.documentElement.dir") == "ltr", module
        nav, main = _box(page, "#ck-nav"), _box(page, "#ck-main")
        assert nav["x"] + nav["width"] <= main["x"] + 1, module
        assert errors == []


FOCUS_STYLE = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const where = Array.prototype.indexOf.call(document.querySelectorAll("*"), e);
  const text = (e.closest("label") || e).textContent.trim().slice(0, 30);
  const label = `${where}: ${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""} ${text}`;
  const visible = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  return { label, visible, body: e === document.body };
}"""


@pytest.mark.parametrize("module", ["quiz-course/check", "languages-ar/takhtit"])
def test_keyboard_focus_is_always_visible(module, open_direct):
    page, errors = open_direct(module, DESKTOP)
    show_lesson(page, quiz_lesson(page))
    invisible, seen = [], set()
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused["body"] or focused["label"] in seen:
            break
        seen.add(focused["label"])
        if not focused["visible"]:
            invisible.append(focused["label"])
    assert len(seen) > 10, "Tab did not move through the page"
    assert invisible == []
    assert errors == []


SMALL_TARGETS = """(minimum) => {
  const selector = "button, select, input[type=text], textarea, .ck-choice, .ck-nav a, .ck-review a, .ck-skip";
  return Array.from(document.querySelectorAll(selector))
    .map(e => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width > 0 && (r.width < minimum || r.height < minimum))
    .map(([e, r]) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 20)}" `
                     + `${Math.round(r.width)}x${Math.round(r.height)}`);
}"""


@pytest.mark.parametrize("module", ["quiz-course/check", "quiz-course/practice", *LANGUAGE_MODULES])
def test_controls_are_at_least_44px_on_a_phone(module, open_direct):
    page, errors = open_direct(module, PHONE)
    page.click("#ck-menu")
    small = {"lesson list": page.evaluate(SMALL_TARGETS, MIN_TARGET)}
    show_lesson(page, quiz_lesson(page))
    small["quiz"] = page.evaluate(SMALL_TARGETS, MIN_TARGET)
    answer_every_question(page)
    check_each_question(page)
    submit_quiz(page)
    small["results"] = page.evaluate(SMALL_TARGETS, MIN_TARGET)
    assert {state: found for state, found in small.items() if found} == {}
    assert errors == []


PRINTED = """() => {
  const shown = e => getComputedStyle(e).display !== "none" && e.getBoundingClientRect().height > 0;
  return {
    ink: [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,
          getComputedStyle(document.querySelector(".ck-course")).color],
    lessons: Array.from(document.querySelectorAll(".ck-lesson")).map(shown),
    chrome: Array.from(document.querySelectorAll(".ck-nav, .ck-pager, .ck-menu, .ck-progress, .ck-skip, .ck-button"))
      .filter(shown).map(e => e.className || e.id),
  };
}"""


@pytest.mark.parametrize("module", LANGUAGE_MODULES)
def test_print_shows_the_whole_module_without_controls(module, open_direct):
    page, errors = open_direct(module, DESKTOP)
    page.emulate_media(media="print", color_scheme="dark")      # a dark screen still prints dark on white
    printed = page.evaluate(PRINTED)
    assert printed["ink"] == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(51, 51, 51)"]
    assert printed["lessons"] and all(printed["lessons"]), "some lessons do not print"
    assert printed["chrome"] == [], "navigation and buttons are printed"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / f"print-{module.split('/')[0]}.pdf"), format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages >= len(printed["lessons"]), "each lesson starts a new page"
    assert errors == []
