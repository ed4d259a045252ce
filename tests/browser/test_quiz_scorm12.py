"""The quiz played in Chromium under scorm-again's SCORM 1.2 API: what Moodle would record."""
from __future__ import annotations

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from tests.browser import quiz_driver as learner
from tests.browser.harness import LmsSession, relaunch_cmi
from tests.conftest import FIXTURES, one_module_course


@pytest.fixture(scope="module")
def quiz_packages(tmp_path_factory):
    out = tmp_path_factory.mktemp("quiz-dist")
    diagnostics = Diagnostics()
    result = build([FIXTURES / "courses" / "quiz"], out, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return {package.module.id: path for package, path in zip(result.packages, result.written)}


@pytest.fixture
def check(server, quiz_packages):
    return server.add_package(quiz_packages["check"])


def open_quiz(page, server, package, initial_cmi=None) -> LmsSession:
    session = LmsSession.launch(page, server, package, initial_cmi)
    session.sco.click("#ck-nav a[data-lesson=quiz]")
    return session


def submit(session: LmsSession) -> None:
    """Submit; when questions are unanswered the first click asks to confirm, and the second submits."""
    session.sco.click("#ck-quiz-submit")
    if session.sco.is_hidden("#ck-quiz-result"):
        assert "not answered yet" in session.sco.inner_text("#ck-quiz-info")
        session.sco.click("#ck-quiz-submit")
    session.sco.wait_for_selector("#ck-quiz-result:not([hidden])")


def test_everything_right_passes_with_100(page, server, check):
    session = open_quiz(page, server, check)
    learner.answer_all_right(session.sco)
    submit(session)
    cmi = session.cmi()
    assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert cmi["core"]["lesson_status"] == "passed"
    assert "Your score: 100%" in session.sco.inner_text("#ck-quiz-result")
    assert [c for c in session.calls() if c["error"] != "0"] == []            # scorm-again accepted every call
    assert len(session.calls("LMSCommit")) == 1                               # one commit for the submission
    session.unload()
    assert session.cmi()["core"]["exit"] == ""                                # finished: passed
    assert session.failures == [] and session.outside_requests() == []


def test_interactions_are_recorded_in_scorm12_formats(page, server, check):
    session = open_quiz(page, server, check)
    learner.answer_all_right(session.sco)
    submit(session)
    sets = {c["element"]: c["value"] for c in session.calls("LMSSetValue") if c["element"].startswith("cmi.interactions.")}
    records = {}
    for element, value in sets.items():
        _, _, n, field = element.split(".", 3)
        records.setdefault(int(n), {})[field] = value
    by_id = {r["id"]: r for r in records.values()}
    assert sorted(by_id) == ["q01-q1-capital", "q02-q2-zones", "q03-q3-utilities", "q04-q4-acronym", "q05-q5-hectares",
                             "q06-q6-roles", "q07-q7-layout", "q08-q8-risk", "q10-q10-npv"]
    expect = {
        "q01-q1-capital": ("choice", "a", "a", "correct", "1"),
        "q02-q2-zones": ("true-false", "f", "f", "correct", "1"),
        "q03-q3-utilities": ("choice", "a,b", "a,b", "correct", "1"),
        "q04-q4-acronym": ("fill-in", "Special Economic Zone", "special economic zone", "correct", "1"),
        "q05-q5-hectares": ("numeric", "140.2", "140", "correct", "2"),
        "q06-q6-roles": ("matching", "0.c,1.a,2.b", "0.c,1.a,2.b", "correct", "1"),   # options sorted: Builds, Runs, Sets
        "q07-q7-layout": ("choice", "a", "a", "correct", "1"),
        "q10-q10-npv": ("true-false", "t", "t", "correct", "1"),
    }
    for question_id, (kind, response, pattern, result, weighting) in expect.items():
        record = by_id[question_id]
        assert (record["type"], record["student_response"], record["correct_responses.0.pattern"], record["result"],
                record["weighting"]) == (kind, response, pattern, result, weighting), question_id
        assert record["latency"].count(":") == 2 and len(record["time"]) == 8
    essay = by_id["q08-q8-risk"]
    assert (essay["type"], essay["result"], essay["student_response"]) == ("fill-in", "neutral", "Empty plots: the park may wait years for tenants.")
    objectives = {c["element"]: c["value"] for c in session.calls("LMSSetValue") if c["element"].startswith("cmi.objectives.")}
    assert objectives["cmi.objectives.0.id"] == "check-objective-1" and objectives["cmi.objectives.0.status"] == "passed"
    assert objectives["cmi.objectives.1.id"] == "check-objective-2" and objectives["cmi.objectives.1.score.raw"] == "100"


def test_everything_wrong_fails_with_0(page, server, check):
    session = open_quiz(page, server, check)
    learner.answer_all_wrong(session.sco)
    submit(session)                       # the essay is unanswered: the first click asks to confirm
    cmi = session.cmi()
    assert cmi["core"]["score"]["raw"] == "0" and cmi["core"]["lesson_status"] == "failed"
    assert [c for c in session.calls() if c["error"] != "0"] == []
    # Correct answers are shown after the attempt (show_correct: after_attempt), as text.
    assert "Correct answer: Lima" in learner.question(session.sco, 1).inner_text()
    assert "Correct answer: 140" in learner.question(session.sco, 5).inner_text()


def test_a_known_mix_gives_the_exact_score(page, server, check):
    session = open_quiz(page, server, check)
    learner.answer_known_mix(session.sco)
    submit(session)
    cmi = session.cmi()
    assert cmi["core"]["score"]["raw"] == "62.96"            # 5.6667 of 9 points
    assert cmi["core"]["lesson_status"] == "passed"          # pass mark 60
    assert learner.question(session.sco, 3).get_attribute("data-verdict") == "partly-correct"


def test_the_lms_mastery_score_wins_over_the_package(page, server, check):
    session = open_quiz(page, server, check, initial_cmi={"student_data": {"mastery_score": "90"}})
    learner.answer_known_mix(session.sco)
    submit(session)
    assert session.cmi()["core"]["lesson_status"] == "failed"


def test_reload_mid_quiz_restores_the_answers(page, browser, server, check):
    session = open_quiz(page, server, check)
    learner.choose(session.sco, 1, "Lima")
    learner.fill(session.sco, 5, "140")
    learner.match(session.sco, 6, {"Developer": "Builds the park"})
    learner.fill(session.sco, 8, "Ünïcödé | and ~ and 5:3 survive")
    session.unload()
    first = session.cmi()
    assert first["core"]["exit"] == "suspend" and first["core"]["lesson_location"] == "quiz"
    second = browser.new_context().new_page()
    resumed = LmsSession.launch(second, server, check, relaunch_cmi(first))
    resumed.sco.click("#ck-resume [data-action=resume]")
    assert learner.question(resumed.sco, 1).get_by_label("Lima", exact=True).is_checked()
    assert learner.question(resumed.sco, 5).locator(".ck-input").input_value() == "140"
    assert learner.question(resumed.sco, 6).get_by_label("Developer", exact=True).input_value() != ""
    assert learner.question(resumed.sco, 8).locator("textarea").input_value() == "Ünïcödé | and ~ and 5:3 survive"
    assert resumed.failures == []
    second.context.close()


def test_attempts_are_limited_and_a_submitted_attempt_survives_relaunch(page, browser, server, check):
    session = open_quiz(page, server, check)
    learner.answer_all_wrong(session.sco)
    submit(session)
    session.sco.click("#ck-quiz-retry")
    assert learner.question(session.sco, 1).get_by_label("Cusco", exact=True).is_checked() is False
    learner.answer_all_wrong(session.sco)
    submit(session)
    assert session.sco.is_hidden("#ck-quiz-retry")               # 2 attempts allowed, both used
    assert "You have used all your attempts." in session.sco.inner_text("#ck-quiz-result")
    session.unload()
    cmi = session.cmi()
    assert cmi["core"]["lesson_status"] == "failed" and cmi["core"]["exit"] == ""
    second = browser.new_context().new_page()
    again = LmsSession.launch(second, server, check, relaunch_cmi(cmi))
    again.sco.click("#ck-nav a[data-lesson=quiz]")
    assert again.sco.is_visible("#ck-quiz-result") and again.sco.is_hidden("#ck-quiz-retry")
    assert again.sco.is_hidden("#ck-quiz-submit")
    second.context.close()


def test_worst_case_state_fits_suspend_data(page, server, check, quiz_packages):
    """Every box filled to its limit, with characters that would need escaping elsewhere."""
    from builder.load import load_courses
    from builder.quiz.budget import worst_case_state
    from builder.render import render_course

    diagnostics = Diagnostics()
    [course] = load_courses([FIXTURES / "courses" / "quiz"], diagnostics)
    render_course(course, diagnostics)
    estimate = worst_case_state(course.modules[0])

    session = open_quiz(page, server, check)
    frame = session.sco
    for box in frame.locator(".ck-question:not([hidden]) .ck-input:not(select)").all():
        box.fill(("|~:9é" * 1000)[: int(box.get_attribute("maxlength"))])
    for box in frame.locator(".ck-question:not([hidden]) input[type=checkbox]").all():
        box.check()
    for select in frame.locator(".ck-question:not([hidden]) select").all():
        select.select_option(index=1)
    learner.choose(frame, 1, "Arequipa")
    session.unload()
    saved = session.cmi()["suspend_data"]
    assert 0 < len(saved) <= estimate <= 4096
    assert [c for c in session.calls() if c["error"] != "0"] == []


def test_keyboard_only(page, server, check):
    session = open_quiz(page, server, check)
    frame = session.sco
    first = learner.question(frame, 1).get_by_label("Lima", exact=True)
    shown = [label.inner_text().strip() for label in learner.question(frame, 1).locator(".ck-choice").all()]
    first.focus()
    page.keyboard.press("Space")                         # select the focused radio
    assert first.is_checked()
    page.keyboard.press("ArrowDown")                     # arrows move within the radio group, in the shown order
    following = shown[(shown.index("Lima") + 1) % len(shown)]
    assert learner.question(frame, 1).get_by_label(following, exact=True).is_checked()
    page.keyboard.press("ArrowUp")
    assert first.is_checked()
    page.keyboard.press("Tab")                           # on to the true/false question
    page.keyboard.press("ArrowDown")
    assert learner.question(frame, 2).get_by_label("False", exact=True).is_checked()
    learner.question(frame, 4).locator(".ck-input").focus()
    page.keyboard.type("special economic zone")
    for choice in ("Water supply", "Electric power"):   # choices are shuffled: reach each by its label
        learner.question(frame, 3).get_by_label(choice, exact=True).focus()
        page.keyboard.press("Space")
    frame.focus("#ck-quiz-submit")
    page.keyboard.press("Enter")                         # some questions unanswered: asks to confirm
    page.keyboard.press("Enter")
    frame.wait_for_selector("#ck-quiz-result:not([hidden])")
    assert frame.evaluate("document.activeElement.id") == "ck-quiz-result"    # focus moves to the result
    assert session.cmi()["core"]["score"]["raw"] == "44.44"                  # Q1, Q2, Q3, Q4: 4 of 9 points


WRITTEN_ORDER = {1: ["Lima", "Cusco", "Arequipa"], 3: ["Water supply", "Electric power", "Marketing"]}


def shown_order(session: LmsSession) -> dict[int, list[str]]:
    return {n: [label.inner_text().strip() for label in learner.question(session.sco, n).locator(".ck-choice").all()]
            for n in WRITTEN_ORDER}


def test_choices_are_shuffled_by_default_and_kept_across_a_resume(browser, server, check):
    """The 'check' module sets no shuffle_answers: like Moodle's quizzes, it shuffles."""
    for _ in range(4):       # the written order in all 4 attempts: 1 chance in 36**4 when shuffled
        context = browser.new_context()
        session = open_quiz(context.new_page(), server, check)
        shown = shown_order(session)
        if shown != WRITTEN_ORDER:
            break
        context.close()
    assert shown != WRITTEN_ORDER
    assert {n: sorted(order) for n, order in shown.items()} == {n: sorted(order) for n, order in WRITTEN_ORDER.items()}
    session.unload()
    again = browser.new_context()
    resumed = open_quiz(again.new_page(), server, check, relaunch_cmi(session.cmi()))
    assert shown_order(resumed) == shown                 # the attempt's order, kept when the learner comes back
    assert session.failures == [] and resumed.failures == []
    again.close()
    context.close()


def test_a_long_essay_reaches_the_lms_whole(page, server, check):
    essay = ("The park was built before any tenant had signed. " * 20).strip()      # 999 characters
    session = open_quiz(page, server, check)
    learner.answer_all_right(session.sco)
    learner.fill(session.sco, 8, essay)
    submit(session)
    sets = {c["element"]: c for c in session.calls("LMSSetValue")}
    response = next(c for element, c in sets.items() if element.endswith(".student_response") and c["value"].startswith("The park"))
    if response["error"] == "0":                  # this LMS takes long responses: the essay is whole there
        assert response["value"] == essay
    else:                                          # it keeps 255 characters: their beginning, and the whole in comments
        kept = next(c for c in reversed(session.calls("LMSSetValue")) if c["element"] == response["element"])
        assert kept["value"] == essay[:254] + "\u2026" and kept["error"] == "0"
        assert session.cmi()["comments"] == f"[q08-q8-risk] {essay}\n\n"
    assert session.failures == []


def test_immediate_feedback_and_shuffled_answers(page, server, quiz_packages):
    package = server.add_package(quiz_packages["practice"])
    session = LmsSession.launch(page, server, package)
    frame = session.sco
    colour = learner.question(frame, 1)
    order = [label.inner_text().strip() for label in colour.locator(".ck-choice").all()]
    assert sorted(order) == ["green", "orange", "purple"]
    colour.get_by_label("purple", exact=True).check()
    colour.locator(".ck-check").click()
    feedback = colour.locator(".ck-q-feedback")
    assert feedback.is_visible() and "Incorrect" in feedback.inner_text() and "that is red and blue" in feedback.inner_text()
    assert "Correct answer" not in feedback.inner_text()                 # show_correct: never
    assert colour.get_by_label("green", exact=True).is_disabled()         # checked answers are final
    learner.fill(frame, 2, "4")
    learner.question(frame, 2).locator(".ck-check").click()
    assert "Correct" in learner.question(frame, 2).locator(".ck-q-feedback").inner_text()
    frame.click("#ck-quiz-submit")
    frame.wait_for_selector("#ck-quiz-result:not([hidden])")
    assert session.cmi()["core"]["score"]["raw"] == "50"
    assert session.failures == []


def test_each_attempt_draws_from_the_categories_and_keeps_its_draw_on_relaunch(page, browser, server, quiz_packages):
    package = server.add_package(quiz_packages["draw"])
    session = open_quiz(page, server, package)
    frame = session.sco
    visible = frame.eval_on_selector_all(".ck-question:not([hidden])", "qs => qs.map(q => q.dataset.question)")
    assert len(visible) == 3
    assert sum(v.startswith(("q01", "q02", "q03")) for v in visible) == 2      # two from Zones, one from Finance
    assert frame.inner_text(f"[data-question='{visible[0]}'] .ck-q-number") == "Question 1 of 3"
    first = frame.locator(f"[data-question='{visible[0]}']")
    first.get_by_label("False", exact=True).check()                          # wrong
    session.unload()
    again_page = browser.new_context().new_page()
    again = LmsSession.launch(again_page, server, package, relaunch_cmi(session.cmi()))
    again.sco.click("#ck-resume [data-action=resume]")
    assert again.sco.eval_on_selector_all(".ck-question:not([hidden])", "qs => qs.map(q => q.dataset.question)") == visible
    again.sco.click("#ck-quiz-submit")
    again.sco.click("#ck-quiz-submit")                                        # confirm: two unanswered
    again.sco.wait_for_selector("#ck-quiz-result:not([hidden])")
    assert again.cmi()["core"]["lesson_status"] == "failed"
    # show_correct defaults to after_passing: a failed attempt does not give the answers away.
    assert "Correct answer" not in again.sco.inner_text(".ck-question:not([hidden])")
    again_page.context.close()


def test_an_essays_general_feedback_is_shown_after_submitting(page, server, tmp_path):
    """docs/authoring.md: `####general feedback` is shown after the answer, for essays too."""
    course = one_module_course(tmp_path / "essay", "Read this.\n",
                               course="id: essay\ntitle: Essay\nlanguage: en\nversion: 1.0.0\nmastery_score: 50\n",
                               files={"quiz.gift": "::Pick::Pick one. {=right ~wrong}\n\n::Reflect::Describe one risk. "
                                                   "{####A good answer names **demand risk**.}\n"})
    diagnostics = Diagnostics()
    [zip_path] = build([course], tmp_path / "out", diagnostics).written
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    session = open_quiz(page, server, server.add_package(zip_path))
    learner.choose(session.sco, 1, "right")
    learner.fill(session.sco, 2, "Tenants may never come.")
    submit(session)
    feedback = learner.question(session.sco, 2).locator(".ck-feedback-text")
    assert feedback.inner_html() == "<p>A good answer names <strong>demand risk</strong>.</p>"
