"""Random draws (`draw:`) in a Moodle quiz: random slots whose filters name the right question
categories, in the places and numbers coursekit's own quiz draws, with consistent ids and marks."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder.mbz.archive import read_mbz
from tests.conftest import FIXTURES
from tests.mbz.conftest import build_backups
from tests.mbz.helpers import activities, record, xml

GIFT = """::Intro::Each attempt draws its questions from the categories below.

$CATEGORY: Zones

::Z1::An export processing zone is mainly for manufacturing for export. {T}

::Z2::A technology park is usually linked to universities. {T}

::Z3::An agro-food park processes farm products. {T}

$CATEGORY: Finance

::F1::A positive NPV adds value at the discount rate. {T}

::F2::A tax holiday always pays for itself. {F}

::F3 Essay::Explain when a tax holiday pays for itself. {}

$CATEGORY: Policy

::P1::A park needs a legal framework. {T}

::P2::One agency should never coordinate a park. {F}
"""
MODULE = """title: A different quiz each attempt
quiz:
  attempts: 2
  draw:
    - category: Zones
      count: 2
    - category: Finance
      count: 1
    - count: 1
{points}"""


def draw_course(tmp_path: Path, module: str = MODULE.format(points="")) -> Path:
    course = tmp_path / "quiz"
    (course / "01-draw").mkdir(parents=True)
    shutil.copy(FIXTURES / "courses" / "quiz" / "03-draw" / "01-intro.md", course / "01-draw")
    (course / "01-draw" / "quiz.gift").write_text(GIFT)
    (course / "01-draw" / "module.yml").write_text(module)
    (course / "course.yml").write_text((FIXTURES / "courses" / "quiz" / "course.yml").read_text() + "quiz: moodle\n")
    return course


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    tmp = tmp_path_factory.mktemp("draws")
    build_backups(tmp / "out", str(draw_course(tmp)))
    path = next((tmp / "out").glob("*.mbz"))
    return path, read_mbz(path.read_bytes())


def slots(files: dict[str, bytes]):
    quiz = xml(files, f"{activities(files, 'quiz')[0]}/quiz.xml")
    return quiz, list(quiz.iter("question_instance"))


def test_each_rule_draws_its_count_from_its_category_in_the_sources_order(drawn):
    files = drawn[1]
    quiz, instances = slots(files)
    categories = {c.get("id"): record(c) for c in xml(files, "questions.xml").iter("question_category")}
    names = {entry.get("id"): entry.findtext("question_version/question_versions/questions/question/name")
             for entry in xml(files, "questions.xml").iter("question_bank_entry")}
    layout = []
    for instance in instances:
        fixed, drawn_from = instance.find("question_reference"), instance.find("question_set_reference")
        assert (fixed is None) != (drawn_from is None)
        if fixed is not None:
            layout.append(names[fixed.findtext("questionbankentryid")])
            continue
        condition = json.loads(drawn_from.findtext("filtercondition"))
        [category] = condition["filter"]["category"]["values"]
        found = categories[str(category)]
        assert drawn_from.findtext("questionscontextid") == found["contextid"] and condition["cat"] == f"{category},{found['contextid']}"
        assert drawn_from.findtext("usingcontextid") == quiz.get("contextid")
        subcategories = condition["filter"]["category"]["filteroptions"]["includesubcategories"]
        layout.append(f"random from {found['name']}" + (" and below" if subcategories else ""))
    assert layout == ["Intro", "random from Zones", "random from Zones", "random from Finance",
                      "random from A different quiz each attempt and below", "F3 Essay"]
    assert "P1" in names.values() and "P2" in names.values()     # only the whole-quiz draw picks them, as in coursekit's quiz


def test_slots_pages_and_marks_are_consistent(drawn):
    files = drawn[1]
    quiz, instances = slots(files)
    assert [(i.findtext("slot"), i.findtext("page")) for i in instances] == [(str(n), str(n)) for n in range(1, 7)]
    assert len({i.get("id") for i in instances}) == 6
    assert quiz.findtext("quiz/sections/section/firstslot") == "1"
    marks = [float(i.findtext("maxmark")) for i in instances]
    assert marks == [0, 1, 1, 1, 1, 1] and quiz.findtext("quiz/sumgrades") == f"{sum(marks):.5f}"
    references = [r.get("id") for r in quiz.iter("question_set_reference")]
    assert references == ["1", "2", "3", "4"]
    folder = activities(files, "quiz")[0]
    listed = {e.text for e in xml(files, f"{folder}/inforef.xml").iterfind("question_categoryref/question_category/id")}
    listed |= {e.text for e in xml(files, f"{activities(files, 'qbank')[0]}/inforef.xml").iterfind("question_categoryref/question_category/id")}
    for reference in quiz.iter("question_set_reference"):
        assert str(json.loads(reference.findtext("filtercondition"))["filter"]["category"]["values"][0]) in listed


def test_the_same_sources_give_the_same_bytes(drawn, tmp_path):
    build_backups(tmp_path / "again", str(draw_course(tmp_path)))
    assert next((tmp_path / "again").glob("*.mbz")).read_bytes() == drawn[0].read_bytes()


def test_draws_moodle_cannot_hold_are_refused_with_their_line(tmp_path):
    points = draw_course(tmp_path / "points", MODULE.format(points="  points:\n    Z1: 2\n"))
    done = build_backups(tmp_path / "points-out", str(points), check=False)
    assert done.returncode == 1 and not list((tmp_path / "points-out").glob("*.mbz"))
    assert "01-draw/module.yml:5:7: error: a Moodle quiz gives every question one draw picks the same marks, but the " \
           "questions of the category 'Zones' have 1 and 2 points" in done.stderr
    assert "01-draw/module.yml:9:7: error: a Moodle quiz gives every question" in done.stderr
    greedy = MODULE.format(points="").replace("    - count: 1\n", "").replace("  draw:\n", "  draw:\n    - count: 6\n")
    starved = build_backups(tmp_path / "starved-out", str(draw_course(tmp_path / "starved", greedy)), check=False)
    assert starved.returncode == 1
    assert "01-draw/module.yml:6:7: error: in Moodle this draw could find too few questions: the draws before it may " \
           "take 3 of the 3 in the category 'Zones'" in starved.stderr
    assert "01-draw/module.yml:8:7: error: in Moodle this draw" in starved.stderr


def test_two_modules_of_one_title_are_refused_since_they_would_share_a_question_category(tmp_path):
    course = draw_course(tmp_path)
    shutil.copytree(course / "01-draw", course / "02-draw-again")
    done = build_backups(tmp_path / "out", str(course), check=False)
    assert done.returncode == 1 and not (tmp_path / "out").exists()
    assert "02-draw-again/module.yml:1:1: error: this module has the title 'A different quiz each attempt' of " \
           "another module with a quiz" in done.stderr and "[moodle-quiz]" in done.stderr
