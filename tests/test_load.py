"""Load stage: files on disk → the typed model."""
from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.load import load_courses
from tests.conftest import FIXTURES


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


COURSE = "id: c\ntitle: C\nlanguage: en\nversion: 1.0.0\n"
LESSON = "---\ntitle: {}\n---\nText.\n"


def test_the_sample_course_loads_into_the_model():
    diagnostics = Diagnostics()
    [course] = load_courses([FIXTURES / "courses" / "sample"], diagnostics)
    assert list(diagnostics) == []
    assert (course.id, course.title, course.language, course.version, course.mastery_score) == ("sample-parks", "Sample Park Course", "en", "2.1.0", 80)
    assert [m.id for m in course.modules] == ["site-planning", "financing"]
    module = course.modules[0]
    assert (module.title, module.duration, module.objectives) == ("Site planning", 30, ["Compare candidate sites.", "Read a zoning plan."])
    assert [(l.id, l.title, l.duration) for l in module.lessons] == [("choosing-a-site", "Choosing a site", 10), ("zoning", "Zoning", 10), ("review", "Review", None)]
    assert module.lessons[0].body_line == 7 and module.lessons[0].body.startswith("## Criteria")


def test_numeric_prefixes_order_modules_and_lessons_numerically(tmp_path):
    write(tmp_path, {"course.yml": COURSE, "10-late/module.yml": "title: Late\n", "2-early/module.yml": "title: Early\n",
                     "2-early/10-last.md": LESSON.format("Last"), "2-early/9-first.md": LESSON.format("First"),
                     "10-late/01-a.md": LESSON.format("A")})
    [course] = load_courses([tmp_path], Diagnostics())
    assert [m.id for m in course.modules] == ["early", "late"]
    assert [l.id for l in course.modules[0].lessons] == ["first", "last"]


def test_explicit_module_order_wins(tmp_path):
    write(tmp_path, {"course.yml": COURSE + "modules: [02-b, 01-a]\n", "01-a/module.yml": "title: A\n", "01-a/01-x.md": LESSON.format("X"),
                     "02-b/module.yml": "title: B\n", "02-b/01-y.md": LESSON.format("Y")})
    [course] = load_courses([tmp_path], Diagnostics())
    assert [m.id for m in course.modules] == ["b", "a"]


def test_byte_order_mark_and_windows_line_endings_are_fine(tmp_path):
    write(tmp_path, {"course.yml": b"\xef\xbb\xbf" + COURSE.replace("\n", "\r\n").encode(),
                     "01-a/module.yml": b"\xef\xbb\xbftitle: A\r\n",
                     "01-a/01-x.md": b"\xef\xbb\xbf---\r\ntitle: X\r\n---\r\n## Heading\r\n\r\nText.\r\n"})
    diagnostics = Diagnostics()
    [course] = load_courses([tmp_path], diagnostics)
    assert list(diagnostics) == []
    assert course.modules[0].lessons[0].title == "X"
    assert "\r" not in course.modules[0].lessons[0].body


def test_naming_a_module_folder_builds_only_that_module(tmp_path):
    write(tmp_path, {"course.yml": COURSE, "01-a/module.yml": "title: A\n", "01-a/01-x.md": LESSON.format("X"),
                     "02-b/module.yml": "title: B\n", "02-b/01-y.md": LESSON.format("Y")})
    [course] = load_courses([tmp_path / "02-b"], Diagnostics())
    assert [m.id for m in course.modules] == ["b"] and not course.all_modules_built


def test_a_folder_of_courses_loads_each_and_duplicate_course_ids_are_errors(tmp_path):
    write(tmp_path, {"one/course.yml": COURSE, "one/01-a/module.yml": "title: A\n", "one/01-a/01-x.md": LESSON.format("X"),
                     "two/course.yml": COURSE, "two/01-a/module.yml": "title: A\n", "two/01-a/01-x.md": LESSON.format("X")})
    diagnostics = Diagnostics()
    courses = load_courses([tmp_path], diagnostics)
    assert len(courses) == 2
    assert [d.message for d in diagnostics] == [f"two courses have the id 'c' ({tmp_path / 'one'} and {tmp_path / 'two'})"]


def test_single_text_entry_is_accepted_for_a_list(tmp_path):
    write(tmp_path, {"course.yml": COURSE + "authors: One Author\n", "01-a/module.yml": "title: A\n", "01-a/01-x.md": LESSON.format("X")})
    [course] = load_courses([tmp_path], Diagnostics())
    assert course.authors == ["One Author"]
