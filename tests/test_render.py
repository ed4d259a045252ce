"""Render stage: golden Markdown → HTML pairs, and what rendering records (assets, anchors)."""
from __future__ import annotations

from pathlib import Path

import pytest

from builder.diagnostics import Diagnostics
from builder.load import load_courses
from builder.render import render_course
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden"
LANGUAGE = {"smart-quotes-es": "es"}


def render_lesson(tmp_path: Path, markdown: str, language: str = "en", extra: dict[str, str] | None = None):
    course = tmp_path / "course"
    module = course / "01-module"
    module.mkdir(parents=True, exist_ok=True)
    (course / "course.yml").write_text(f"id: golden\ntitle: Golden\nlanguage: {language}\nversion: 1.0.0\n")
    (module / "module.yml").write_text("title: Module\n")
    (module / "01-lesson.md").write_text(f"---\ntitle: Lesson\n---\n{markdown}", encoding="utf-8")
    for name, content in (extra or {}).items():
        (module / name).parent.mkdir(parents=True, exist_ok=True)
        (module / name).write_text(content)
    diagnostics = Diagnostics()
    [loaded] = load_courses([course], diagnostics)
    render_course(loaded, diagnostics)
    return loaded.modules[0], diagnostics


LINK_TARGETS = {
    "other.md": "---\ntitle: Other\n---\n## Zones\n",
    "files/checklist.pdf": "%PDF-1.4\n",
    "images/map.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "images/line.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.md")))
def test_golden_markdown_renders_to_the_expected_html(name, tmp_path):
    module, diagnostics = render_lesson(tmp_path, (GOLDEN / f"{name}.md").read_text(encoding="utf-8"),
                                        LANGUAGE.get(name, "en"), LINK_TARGETS if name == "links" else None)
    assert [str(d) for d in diagnostics] == []
    expected = (GOLDEN / f"{name}.html").read_text(encoding="utf-8")
    assert module.lessons[0].html + "\n" == expected


def test_only_referenced_files_become_assets(tmp_path):
    module, diagnostics = render_lesson(tmp_path, (GOLDEN / "links.md").read_text(), extra={**LINK_TARGETS, "images/unused.png": "x"})
    assert not diagnostics.has_errors
    assert [a.package_path for a in module.assets] == ["media/files/checklist.pdf", "media/images/line.svg", "media/images/map.svg"]


def test_files_outside_the_module_ship_under_shared(tmp_path):
    (tmp_path / "course" / "common").mkdir(parents=True)
    (tmp_path / "course" / "common" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    module, diagnostics = render_lesson(tmp_path, "![Programme logo](../common/logo.svg)\n")
    assert not diagnostics.has_errors
    assert [a.package_path for a in module.assets] == ["shared/common/logo.svg"]
    assert 'src="shared/common/logo.svg"' in module.lessons[0].html


def test_video_gets_its_captions(tmp_path):
    module, diagnostics = render_lesson(tmp_path, "![Site visit](visit.mp4)\n",
                                        extra={"visit.mp4": "x", "visit.en.vtt": "WEBVTT\n", "visit.es.vtt": "WEBVTT\n"})
    assert not diagnostics.has_errors
    html = module.lessons[0].html
    assert '<video aria-label="Site visit" class="media-video" controls preload="metadata">' in html
    assert '<track kind="captions" label="en" src="media/visit.en.vtt" srclang="en">' in html
    assert '<track kind="captions" label="es" src="media/visit.es.vtt" srclang="es">' in html
    assert {a.package_path for a in module.assets} == {"media/visit.mp4", "media/visit.en.vtt", "media/visit.es.vtt"}


def test_symlink_leaving_the_course_is_refused(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"x")
    module_dir = tmp_path / "course" / "01-module"
    module_dir.mkdir(parents=True)
    (module_dir / "link.png").symlink_to(outside)
    _, diagnostics = render_lesson(tmp_path, "![A picture](link.png)\n")
    assert [d.message for d in diagnostics] == [f"image 'link.png' points outside the course folder (it is a symbolic link "
                                                f"to '{outside}'); copy the file into the course"]


def test_rendering_a_lesson_is_pure_and_gives_its_gift_blocks_as_data(tmp_path):
    """Nothing is written outside the RenderedLesson: the same lesson renders to equal results, and
    its ```gift blocks come out parsed, with the line of their fence, for the quiz stage."""
    from builder.lessons import LessonRenderer
    from builder.render import module_inputs

    body = "## Zones\n\nSee [roads](#roads) and ![A map](map.svg).\n\n```gift\n::Q1::Pick. {=a ~b}\n```\n\n## Roads\n"
    module, _ = render_lesson(tmp_path, body, extra={"map.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    diagnostics = Diagnostics()
    [course] = load_courses([tmp_path / "course"], diagnostics)
    renderer = LessonRenderer(module_inputs(course, course.modules[0]))
    lesson = course.modules[0].lessons[0]
    first, second = renderer.render(lesson), renderer.render(lesson)
    assert first == second and lesson.html == ""                      # the lesson itself is left alone
    [block] = first.gift_blocks
    assert (block.lesson_id, block.location.line, [q.title for q in block.questions]) == ("lesson", 8, ["Q1"])
    assert block.placeholder in first.html and "ck-question" not in first.html
    assert first.ids == {"zones", "roads"} and [a.package_path for a in first.assets.values()] == ["media/map.svg"]
    assert [c.fragment for c in first.anchor_checks] == ["roads"] and first.diagnostics == []
    assert 'data-question="q01-q1"' in module.lessons[0].html                  # the module stage put the question in


def test_raw_html_in_questions_is_checked_in_a_lesson_and_on_the_quiz_page(tmp_path):
    """Authors' HTML in question texts is checked as a lesson's is, wherever the questions stand;
    coursekit's own HTML (formulas, the questions' markup) is not mistaken for the author's."""
    question = "::Q1 Frame::[html]Which? <iframe src='https://example.org/x'></iframe> {=Yes ~No}"
    lesson = f"Rate $r$ and\n\n$$ NPV = \\sum_t CF_t $$\n\n```gift\n{question}\n```\n"
    module, diagnostics = render_lesson(tmp_path, lesson)
    rules = [(d.location.path.name, d.location.line, d.rule) for d in diagnostics if d.rule != "quiz-pass-mark"]
    assert rules == [("01-lesson.md", 9, "html-frame")]
    assert "<math" in module.lessons[0].html

    page, diagnostics = render_lesson(tmp_path / "page", "A lesson.\n", extra={"quiz.gift": question + "\n"})
    assert [(d.location.path.name, d.rule) for d in diagnostics if d.rule != "quiz-pass-mark"] == [("quiz.gift", "html-frame")]
    markdown_question = "::Q2 Remote::Which? ![chart](https://example.org/c.png) {=Yes ~No}\n"
    _, diagnostics = render_lesson(tmp_path / "md", "A lesson.\n", extra={"quiz.gift": markdown_question})
    assert [d.rule for d in diagnostics if d.rule != "quiz-pass-mark"] == ["image-remote"]
