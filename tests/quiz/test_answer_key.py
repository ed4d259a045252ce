"""No answer key in clear: every built package is scanned for every answer and every feedback."""
from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.build import build
from builder.diagnostics import Diagnostics
from builder.gift.model import NumericAnswer, ShortAnswer
from builder.quiz.answer_key import seal, unseal
from tests.conftest import FIXTURES, REPO_ROOT

SOURCES = [FIXTURES / "courses" / "quiz", REPO_ROOT / "courses"]
# Attributes that hold positions and sizes the templates set, the same for every question.
STRUCTURAL = {"rows", "maxlength", "value", "data-prompt", "tabindex", "width", "height", "alt"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    diagnostics = Diagnostics()
    result = build(SOURCES, tmp_path_factory.mktemp("dist"), diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return list(zip(result.packages, result.written))


def secrets(package) -> list[str]:
    """What must never be readable: accepted typed answers, numeric answers, feedback texts."""
    found = []
    for item in package.module.quiz.questions:
        question = item.question
        for answer in question.answers:
            if isinstance(answer, ShortAnswer):
                found.append(answer.text)
            if isinstance(answer, NumericAnswer) and answer.value is not None:
                found.append(f"{answer.value:g}")
            feedback = getattr(answer, "feedback", None)
            if feedback is not None and len(feedback.text) >= 12:
                found.append(feedback.text)
        if question.general_feedback is not None and len(question.general_feedback.text) >= 12:
            found.append(question.general_feedback.text)
    return found


def readable_places(zip_path: Path) -> list[str]:
    """Where a key could leak: the config's texts (sealed keys removed), the attributes of the quiz,
    and every hidden element's text (visible question and lesson texts are meant to be seen)."""
    with zipfile.ZipFile(zip_path) as archive:
        page = archive.read("index.html").decode("utf-8")
    tree = etree.HTML(page)
    config = json.loads(tree.find(".//script[@id='ck-config']").text)
    for question in config.get("quiz", {}).get("questions", []):
        question.pop("key")
    places = list(strings_in(config.get("quiz", {})))      # lesson titles and UI strings are meant to be seen
    quiz_section = tree.find(f".//section[@id='lesson-{config['quiz']['lesson']}']") if "quiz" in config else None
    scope = quiz_section.iter() if quiz_section is not None else iter(())
    places.extend(value for element in scope for name, value in element.attrib.items() if name not in STRUCTURAL)
    # Lessons wait hidden until the learner opens them: they are seen. Other hidden things are not.
    places.extend("".join(e.itertext()) for e in tree.iter() if e.get("hidden") is not None
                  and e.get("id") != "ck-resume" and "ck-lesson" not in e.get("class", "").split())
    return places


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def contains(places: list[str], secret: str) -> bool:
    needle = " ".join(html.unescape(secret).split()).casefold()
    if re.fullmatch(r"[-+]?[\d.]+", needle):                 # a number: only as a whole token
        pattern = re.compile(rf"(?<![\w.]){re.escape(needle)}(?![\w.])")
        return any(pattern.search(place) for place in places)
    return any(needle in " ".join(place.split()).casefold() for place in places)


def test_no_answer_or_feedback_is_readable_in_any_package(packages):
    scanned = 0
    for package, zip_path in packages:
        if package.module.quiz is None:
            continue
        places = readable_places(zip_path)
        leaks = [secret for secret in secrets(package) if contains(places, secret)]
        assert leaks == [], f"{zip_path.name} shows answers in clear: {leaks}"
        scanned += len(secrets(package))
    assert scanned > 100


def test_the_runtime_script_carries_no_module_data(packages):
    """The script is the same in every package with a quiz, so it cannot hold any module's answers."""
    scripts = set()
    for package, zip_path in packages:
        if package.module.quiz is not None:
            with zipfile.ZipFile(zip_path) as archive:
                scripts.add(archive.read("coursekit.js"))
    assert len(scripts) == 1


def test_the_scan_finds_an_answer_that_is_left_in_clear(packages):
    """The negative control: the same scan on a page that leaks must fail."""
    package, zip_path = next((p, z) for p, z in packages if p.module.id == "check")
    places = readable_places(zip_path) + ['<div data-correct="special economic zone">']
    assert contains(places, "special economic zone")
    assert contains(readable_places(zip_path) + ["answer: 140 ha"], "140")


def test_the_sealed_key_holds_what_grading_needs(packages):
    package, _ = next((p, z) for p, z in packages if p.module.id == "check")
    from builder.quiz.answer_key import module_salt

    salt = module_salt(package.course, package.module)
    keys = {q.id: unseal(salt, q.id, q.answer_key) for q in package.module.quiz.questions}
    assert keys["q04-q4-acronym"]["texts"] == [
        {"text": "special economic zone", "credit": 100.0, "feedback": "<p>Right.</p>"},
        {"text": "economic zone", "credit": 50.0, "feedback": "<p>Partly right: the word special matters.</p>"}]
    assert keys["q05-q5-hectares"]["ranges"] == [{"min": 139.5, "max": 140.5, "credit": 100.0, "feedback": "<p>Right: 200 × 0.7 = 140.</p>"}]
    assert keys["q01-q1-capital"]["choices"][0] == {"credit": 100.0, "feedback": "<p>Right: Lima is the capital.</p>"}
    assert keys["q06-q6-roles"] == {"matches": [2, 0, 1]}
    assert keys["q08-q8-risk"] == {}                         # an essay without general feedback


def test_sealing_is_deterministic_and_reversible():
    sealed = seal("salt", "q01", {"s": [["ñandú", 100]]})
    assert sealed == seal("salt", "q01", {"s": [["ñandú", 100]]})
    assert sealed != seal("salt", "q02", {"s": [["ñandú", 100]]})
    assert unseal("salt", "q01", sealed) == {"s": [["ñandú", 100]]}
    assert "ñandú" not in sealed
