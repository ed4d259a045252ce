"""Render stage, lessons: a lesson's Markdown → a RenderedLesson, a pure function of its inputs.

Everything a conversion finds besides its HTML (the files it uses, the element ids it defines, the
anchors to check once the module is rendered, its diagnostics, its ```gift blocks) comes back as
data in the RenderedLesson (builder.markdown_ext.context); nothing is written anywhere else. One
Markdown converter serves every lesson of a module; its extensions get the renderer in their
constructors and read the lesson being converted from `renderer.run`.
"""
from __future__ import annotations

import re
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions.toc import TocExtension

from builder.markdown_ext.callouts import CalloutExtension
from builder.markdown_ext.context import LessonRun, ModuleInputs, RenderedLesson
from builder.markdown_ext.gift_blocks import GiftBlockExtension
from builder.markdown_ext.inline import InlineExtension
from builder.markdown_ext.links import LinkExtension
from builder.markdown_ext.math import MathExtension
from builder.markdown_ext.nesting import NESTING_LIMIT, too_deep
from builder.markdown_ext.raw_html import check_raw_html
from builder.model import Lesson

# Smart quotes by language: Python-Markdown's smarty writes English quotes unless told otherwise.
QUOTES = {
    "fr": {"left-double-quote": "«&nbsp;", "right-double-quote": "&nbsp;»"},
    "es": {"left-double-quote": "«", "right-double-quote": "»"},
    "ru": {"left-double-quote": "«", "right-double-quote": "»"},
}
# Text in which no Markdown syntax, no smart-quote substitution and no HTML escape can apply:
# one line of letters, digits, spaces and plain punctuation, starting with a letter, no "..".
PLAIN_WORDS = re.compile(r"(?!.*\.\.)[^\W\d_](?:[^\W_]| (?! *$)|[,.;:?!()%])*")
COMMON_EXTENSIONS = ("tables", "fenced_code", "footnotes", "attr_list", "def_list", "abbr", "md_in_html", "smarty")


class Renderer:
    """A Markdown converter with coursekit's extensions, reused from one text to the next; the
    extensions read the text being converted from `self.run`."""

    def __init__(self, module: ModuleInputs, *extra) -> None:
        self.module = module
        self.run: LessonRun | None = None
        self.md = Markdown(
            extensions=[*COMMON_EXTENSIONS, CalloutExtension(self), MathExtension(self), LinkExtension(self), *extra],
            extension_configs={
                "smarty": {"substitutions": QUOTES.get(module.language.split("-")[0], {})},
                "footnotes": {"BACKLINK_TITLE": module.messages["page.footnote-back"]},
                "tables": {"use_align_attribute": True},        # style="" would be blocked by the page's CSP
            },
            output_format="html",
        )

    def convert(self, run: LessonRun, text: str) -> str:
        self.run = run
        try:
            self.md.reset()
            return self.md.convert(text)
        finally:
            self.run = None


class LessonRenderer(Renderer):
    def __init__(self, module: ModuleInputs) -> None:
        # The module title is <h1> and each lesson title <h2>, so a lesson's "##" becomes <h3>.
        super().__init__(module, TocExtension(baselevel=2, toc_depth="2-4"), GiftBlockExtension(self))

    def render(self, lesson: Lesson) -> RenderedLesson:
        run = LessonRun(self.module, lesson)
        if within_limits(run):
            run.found.html = self.convert(run, lesson.body)
            check_raw_html(raw_html(self.md), run)
        return run.found


def within_limits(run: LessonRun) -> bool:
    """Text nesting too deeply is refused before Python-Markdown sees it (see markdown_ext.nesting)."""
    deep = too_deep(run.lesson.body)
    if deep is not None:
        line, col, what = deep
        run.error(run.line(line, col), f"this lesson nests too deeply ({what}; at most {NESTING_LIMIT}): "
                  "flatten the lists or quotes, or close the brackets", rule="nesting-too-deep")
        return False
    return True


def raw_html(md: Markdown) -> str:
    """The authors' raw HTML in the lesson just converted, as Python-Markdown set it aside."""
    blocks = md.htmlStash.rawHtmlBlocks
    return "\n".join(block if isinstance(block, str) else ElementTree.tostring(block, encoding="unicode") for block in blocks)


class TextRenderer(Renderer):
    """Question, answer and feedback texts: the same Markdown, which can also render inline (a
    single paragraph without its <p>, to sit in a <label> or a <legend>)."""

    def __init__(self, module: ModuleInputs) -> None:
        self.inline = False
        super().__init__(module, InlineExtension(self))

    def render(self, run: LessonRun, text: str, inline: bool) -> str:
        if PLAIN_WORDS.fullmatch(text):        # most answers and feedback: what Markdown would write, directly
            return text if inline else f"<p>{text}</p>"
        self.inline = inline
        return self.convert(run, text)
