"""`coursekit new course|module|lesson`: what it writes builds and checks clean, and it never overwrites."""
from __future__ import annotations

import argparse
import re
import zipfile
from pathlib import Path

import pytest

from builder import scaffold
from builder.cli import main
from builder.gift import parse_gift
from builder.gift.model import QuestionKind
from builder.diagnostics import Diagnostics


def new(*argv: str) -> int:
    """`coursekit new ...` through the command's own argument parser, as the CLI will call it."""
    parser = argparse.ArgumentParser(prog="coursekit")
    scaffold.add_commands(parser.add_subparsers(dest="command", required=True))
    return scaffold.run(parser.parse_args(["new", *argv]))


def check_is_clean(course: Path, capsys, modules: int) -> None:
    capsys.readouterr()
    assert main(["check", str(course)]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out == f"{modules} module{'s' if modules > 1 else ''} checked: no errors, 0 warnings\n"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_new_course_builds_and_checks_with_no_error_and_no_warning(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert new("course", "water-parks") == 0
    course = tmp_path / "courses" / "water-parks"
    assert sorted(tree(course)) == ["01-introduction/01-getting-started.md", "01-introduction/images/park-layout.svg",
                                    "01-introduction/module.yml", "01-introduction/quiz.gift", "course.yml"]
    out = capsys.readouterr().out
    assert "created courses/water-parks/course.yml" in out and "next: coursekit check courses/water-parks" in out
    check_is_clean(course, capsys, modules=1)
    assert main(["build", str(course), "--out", str(tmp_path / "dist")]) == 0
    [package] = (tmp_path / "dist").glob("*.zip")
    assert package.name == "water-parks_introduction_v0.1.0_scorm12.zip"
    with zipfile.ZipFile(package) as archive:
        page = archive.read("index.html").decode("utf-8")
        assert "media/images/park-layout.svg" in archive.namelist()
    # The first lesson shows every Markdown feature at work...
    for kind in ("key-point", "case-study", "note", "warning"):
        assert f'class="callout callout-{kind}"' in page
    for html in ("<table>", '<div class="footnote">', "<dl>", '<abbr title="Special Economic Zone">SEZ</abbr>',
                 '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">', '<img alt="A rectangular site',
                 'href="#getting-started--glossary"', "<blockquote>", "<pre><code"):
        assert html in page, html
    # ...each with a comment saying how to write it, which the learner does not see.
    lesson = (course / "01-introduction" / "01-getting-started.md").read_text(encoding="utf-8")
    assert lesson.count("<!--") >= 10


def test_the_quiz_has_every_question_type(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    new("course", "water-parks")
    path = tmp_path / "courses" / "water-parks" / "01-introduction" / "quiz.gift"
    diagnostics = Diagnostics()
    questions = parse_gift(path.read_text(encoding="utf-8"), path, diagnostics)
    assert not diagnostics.has_errors
    assert {question.kind for question in questions} == set(QuestionKind)
    assert [q.title for q in questions if q.is_missing_word] == ["Q07 Layout"]        # missing word: a choice in the text
    assert len(questions) == len(QuestionKind) + 1


def test_the_commented_quiz_settings_are_valid_once_uncommented(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    new("course", "water-parks")
    course = tmp_path / "courses" / "water-parks"
    module_file = course / "01-introduction" / "module.yml"
    text = module_file.read_text(encoding="utf-8")
    settings = text[text.index("# quiz:"):]
    uncommented = "\n".join(line[2:] if line.startswith("# ") else line for line in settings.split("\n"))
    module_file.write_text(text.replace(settings, uncommented).replace("# mastery_score:", "mastery_score:"), encoding="utf-8")
    assert "\nquiz:\n  attempts: 3" in module_file.read_text(encoding="utf-8")
    check_is_clean(course, capsys, modules=1)


def test_modules_and_lessons_take_the_next_number(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    new("course", "water-parks")
    course = tmp_path / "courses" / "water-parks"
    (course / "01-introduction").rename(course / "07-introduction")
    assert new("module", "financing", "--course", str(course)) == 0
    module = course / "08-financing"
    assert (module / "01-getting-started.md").is_file() and "# mastery_score: 80" in (module / "module.yml").read_text()
    monkeypatch.chdir(module)
    assert new("lesson", "site-visit") == 0                   # --module defaults to the current folder
    assert new("lesson", "costs") == 0
    assert sorted(p.name for p in module.glob("*.md")) == ["01-getting-started.md", "02-site-visit.md", "03-costs.md"]
    assert "title: Site visit" in (module / "02-site-visit.md").read_text(encoding="utf-8")
    check_is_clean(course, capsys, modules=2)


def test_a_module_is_added_to_the_modules_list_of_course_yml(tmp_path, capsys):
    assert new("course", "water-parks", "--in", str(tmp_path)) == 0
    course = tmp_path / "water-parks"
    course_file = course / "course.yml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace(
        "# modules:                   # optional", "modules:                     # optional").replace(
        "#   - 01-introduction        #", "  - 01-introduction          #"), encoding="utf-8")
    assert new("module", "financing", "--course", str(course)) == 0
    assert "listed the new module under 'modules'" in capsys.readouterr().out
    assert re.search(r"\n  - 01-introduction +#.*\n  - 02-financing\n", course_file.read_text(encoding="utf-8"))
    course_file.write_text(re.sub(r"modules:(.|\n)*", "modules: [01-introduction, 02-financing]\n",
                                  course_file.read_text(encoding="utf-8")), encoding="utf-8")
    assert new("module", "policy", "--course", str(course)) == 0
    assert "modules: [01-introduction, 02-financing, 03-policy]" in course_file.read_text(encoding="utf-8")
    check_is_clean(course, capsys, modules=3)


def test_a_course_without_a_pass_mark_gets_one_in_the_new_module(tmp_path, capsys):
    course = tmp_path / "plain"
    course.mkdir()
    (course / "course.yml").write_text("id: plain\ntitle: Plain\nlanguage: en\nversion: 1.0.0\n", encoding="utf-8")
    assert new("module", "first-steps", "--course", str(course)) == 0
    assert "\nmastery_score: 70 " in (course / "01-first-steps" / "module.yml").read_text(encoding="utf-8")
    check_is_clean(course, capsys, modules=1)


@pytest.mark.parametrize("kind, name", [("course", "Water Parks"), ("module", "03-financing"), ("lesson", "site_visit"),
                                        ("lesson", "visit-"), ("module", "site--visit"), ("course", "2030-agenda")])
def test_a_bad_name_is_refused_and_nothing_is_written(tmp_path, monkeypatch, capsys, kind, name):
    monkeypatch.chdir(tmp_path)
    assert new(kind, name) == 1
    err = capsys.readouterr().err
    assert f"coursekit new: error: '{name}' is not a valid {kind} name: use lower-case letters, digits" in err
    if kind == "module":
        assert "the number is added for you" in err or name == "site--visit"
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_ever_overwritten(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    new("course", "water-parks")
    course = tmp_path / "courses" / "water-parks"
    (course / "course.yml").write_text("id: water-parks  # edited\ntitle: Mine\nlanguage: en\nversion: 1.0.0\n", encoding="utf-8")
    before = tree(course)
    capsys.readouterr()
    assert new("course", "water-parks") == 1
    assert "courses/water-parks:1:1: error: 'courses/water-parks' already exists" in capsys.readouterr().err
    assert new("module", "introduction", "--course", str(course)) == 1
    assert "a module named 'introduction' already exists here" in capsys.readouterr().err
    assert new("lesson", "getting-started", "--module", str(course / "01-introduction")) == 1
    assert "a lesson named 'getting-started' already exists here" in capsys.readouterr().err
    assert tree(course) == before


def test_a_folder_that_is_not_a_course_or_module_is_an_error(tmp_path, capsys):
    assert new("module", "financing", "--course", str(tmp_path)) == 1
    assert "course.yml:1:1: error: no course.yml here: give the course folder with --course DIR" in capsys.readouterr().err
    assert new("lesson", "costs", "--module", str(tmp_path)) == 1
    assert "module.yml:1:1: error: no module.yml here: give the module folder with --module DIR" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
