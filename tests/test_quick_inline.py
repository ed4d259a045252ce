"""builder.markdown_ext.quick_inline: the inline step that skips searches which cannot match writes
exactly what Python-Markdown's own writes, on every lesson we have and on generated texts."""
from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from markdown.treeprocessors import InlineProcessor

from benchmarks.synthetic import generate_course
from builder.diagnostics import Diagnostics, Location
from builder.lessons import PLAIN_WORDS, LessonRenderer, TextRenderer, within_limits
from builder.load import load_courses
from builder.markdown_ext import quick_inline
from builder.markdown_ext.context import LessonRun
from builder.markdown_ext.quick_inline import QuickInlineProcessor
from builder.model import Lesson
from builder.render import module_inputs
from tests.conftest import FIXTURES, REPO_ROOT

# Markdown's own syntax, in pieces, and words around it: random texts made of these reach every
# inline pattern, and the places where one pattern's text is another's.
PIECES = ["*", "_", "**", "__", "`", "``", "\\", "\\*", "[", "]", "(", ")", "![", "](", "<", ">", "&", "&amp;",
          "&#38;", "&#x26;", "&nbsp;", "#", "'", '"', "'s", "'90s", '"\'', "'\"", "-", "--", "---", ".", "...", "....",
          "$", "$x$", "$ x$", "^", "[^1]", "  \n", "\n", " ", " ", " ", "word", "park", "zone", "x@y.org",
          "<x@y.org>", "<https://example.org>", "<b>", "</b>", "<!-- c -->", "|", ":", "~", "{", "}", "=", "«", "»",
          "–", "—", "\t", "SEZ", "1.", "- ", "> "]
FOOTERS = ["", "\n\n[^1]: A note.\n", "\n\n*[SEZ]: Special economic zone\n", "\n\n[ref]: https://example.org\n"]


def generated_texts(count: int, seed: int = 20261201) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) + rng.choice(FOOTERS) for _ in range(count)]


WORDS = ["park", "zone", "l", "s", "O", "Neil", "usine", "año", "Qué", "km", "h", "3", "40", "2", "8", "eco", "x"]
JOINS = [" ", " ", " ", "-", "/", "'", "--", "'s ", ". ", ", ", "; ", ": ", "? ", "! ", " (", ") ", "% ", " × ", " – ",
         "’", "..", " ¿", "¡", " '", "' ", "\"", "-'", "'-", "°"]


def sentences(count: int, seed: int = 1201) -> list[str]:
    """Texts that look like plain words: where TextRenderer's shortcut and Markdown could disagree."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = [rng.choice(WORDS)]
        for _ in range(rng.randint(0, 8)):
            parts += [rng.choice(JOINS), rng.choice(WORDS)]
        texts.append(rng.choice(["", "¿", "¡"]) + "".join(parts) + rng.choice(["", ".", "?", "!", " "]))
    return texts


def stock(renderer):
    """The same renderer with Python-Markdown's own inline step back in place."""
    for processor in renderer.md.treeprocessors:
        if type(processor) is QuickInlineProcessor:
            processor.__class__ = InlineProcessor
    return renderer


def lessons_we_have(tmp_path: Path):
    synthetic = [generate_course(tmp_path / kind, 12, short=kind == "short").directory for kind in ("short", "long")]
    folders = [*sorted((REPO_ROOT / "courses").iterdir()), *sorted((FIXTURES / "courses").iterdir()),
               *sorted((REPO_ROOT / "tests" / "bad").iterdir()), *synthetic]
    for course in load_courses([folder for folder in folders if (folder / "course.yml").is_file()], Diagnostics()):
        for module in course.modules:
            yield module_inputs(course, module), module.lessons


def converted(renderer, run: LessonRun, text: str) -> tuple[str, list[str]]:
    html = renderer.convert(run, text)
    return html, [str(d) for d in run.found.diagnostics]


def test_the_quick_inline_step_is_in_place():
    renderer = LessonRenderer(module_inputs_for_text())
    kinds = [type(p) for p in renderer.md.treeprocessors if isinstance(p, InlineProcessor)]
    assert kinds == [QuickInlineProcessor, QuickInlineProcessor]    # Markdown's inline step and smarty's


def module_inputs_for_text():
    course = load_courses([REPO_ROOT / "courses" / "industrial-parks"], Diagnostics())[0]
    return module_inputs(course, course.modules[0])


def test_every_lesson_converts_exactly_as_python_markdown_converts_it(tmp_path):
    compared = 0
    for inputs, lessons in lessons_we_have(tmp_path):
        quick, plain = LessonRenderer(inputs), stock(LessonRenderer(inputs))
        for lesson in (lesson for lesson in lessons if within_limits(LessonRun(inputs, lesson))):
            assert converted(quick, LessonRun(inputs, lesson), lesson.body) == \
                converted(plain, LessonRun(inputs, lesson), lesson.body), lesson.source
            compared += 1
    assert compared > 150


@pytest.mark.parametrize("renderer_class", [LessonRenderer, TextRenderer])
def test_generated_texts_convert_exactly_as_python_markdown_converts_them(renderer_class):
    inputs = module_inputs_for_text()
    quick, plain = renderer_class(inputs), stock(renderer_class(inputs))
    lesson = Lesson(id="generated", source=inputs.module_dir / "generated.md", title="Generated", body="", body_line=1,
                    location=Location(inputs.module_dir / "generated.md"))
    for text in generated_texts(800):
        lesson.body = text
        assert converted(quick, LessonRun(inputs, lesson), text) == converted(plain, LessonRun(inputs, lesson), text), repr(text)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_plain_sentences_render_as_python_markdown_renders_them(language, monkeypatch):
    """TextRenderer writes plain words itself (lessons.PLAIN_WORDS): the same HTML as Markdown's."""
    inputs = dataclasses.replace(module_inputs_for_text(), language=language)
    quick = TextRenderer(inputs)
    lesson = Lesson(id="generated", source=inputs.module_dir / "generated.md", title="Generated", body="", body_line=1,
                    location=Location(inputs.module_dir / "generated.md"))
    shortcut = 0
    for text in sentences(1500):
        for inline in (False, True):
            written = quick.render(LessonRun(inputs, lesson), text, inline)
            quick.inline = inline
            assert written == quick.convert(LessonRun(inputs, lesson), text), repr(text)
            shortcut += bool(PLAIN_WORDS.fullmatch(text))
    assert shortcut > 500


def test_the_comparison_finds_a_pattern_skipped_wrongly(monkeypatch):
    """If a pattern were skipped although it could match (here: code spans said to need "§"), the
    generated texts show it: the comparisons above can fail."""
    from markdown import inlinepatterns

    monkeypatch.setitem(quick_inline._NEEDS, inlinepatterns.BACKTICK_RE, ("§",))
    inputs = module_inputs_for_text()
    quick, plain = LessonRenderer(inputs), stock(LessonRenderer(inputs))
    lesson = Lesson(id="generated", source=inputs.module_dir / "generated.md", title="Generated", body="", body_line=1,
                    location=Location(inputs.module_dir / "generated.md"))
    differing = [text for text in generated_texts(300)
                 if converted(quick, LessonRun(inputs, lesson), text) != converted(plain, LessonRun(inputs, lesson), text)]
    assert differing
