"""Render stage, lessons: a lesson's Markdown → a RenderedLesson, a pure function of its inputs.

Everything a conversion finds besides its HTML (the files it uses, the element ids it defines, the
anchors to check once the module is rendered, its diagnostics, its ```gift blocks) comes back as
data in the RenderedLesson (builder.markdown_ext.context); nothing is written anywhere else. One
Markdown converter serves every lesson of a module; its extensions get the renderer in their
constructors and read the lesson being converted from `renderer.run`.
"""
from __future__ import annotations

import re
import threading
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import smarty
from markdown.extensions.toc import TocExtension

from builder.markdown_ext.callouts import CalloutExtension
from builder.markdown_ext.context import LessonRun, ModuleInputs, RenderedLesson
from builder.markdown_ext.gift_blocks import GiftBlockExtension
from builder.markdown_ext.inline import InlineExtension
from builder.markdown_ext.links import LinkExtension
from builder.markdown_ext.math import MathExtension
from builder.markdown_ext.nesting import NESTING_LIMIT, too_deep
from builder.markdown_ext.quick_inline import quicken
from builder.markdown_ext.raw_html import check_raw_html
from builder.model import Lesson

# Smart quotes by language: Python-Markdown's smarty writes English quotes unless told otherwise.
QUOTES = {
    "fr": {"left-double-quote": "«&nbsp;", "right-double-quote": "&nbsp;»"},
    "es": {"left-double-quote": "«", "right-double-quote": "»"},
    "ru": {"left-double-quote": "«", "right-double-quote": "»"},
}
# Text in which no Markdown syntax and no HTML escape can apply, and no smart quote but an
# apostrophe inside a word (always a right single quote): one line of letters, digits, spaces and
# plain punctuation, starting with a letter (or ¿ ¡), no "..", hyphens and slashes only inside words.
PLAIN_WORDS = re.compile(r"(?!.*\.\.)[¿¡]?[^\W\d_](?:[^\W_]| (?! *$)|[,.;:?!()%¿¡×°–—’]"
                         r"|(?<=[^\W_])[-/](?=[^\W_])|(?<=[^\W\d_])'(?=[^\W\d_]))*")


def smart_quotes(language: str) -> dict[str, str]:
    """smarty's substitutions that differ from its English ones in `language`."""
    return QUOTES.get(language.split("-")[0], {})


COMMON_EXTENSIONS = ("tables", "fenced_code", "footnotes", "attr_list", "def_list", "abbr", "md_in_html", "smarty")


class Renderer:
    """A Markdown converter with coursekit's extensions, reused from one text to the next; the
    extensions read the text being converted from `self.run`.

    What the converter is made of depends on the language only (smart quotes, the footnotes'
    back-link title), so `for_module` reuses one per language and thread: building one costs as
    much as converting a lesson."""

    _made = threading.local()

    @classmethod
    def for_module(cls, module: ModuleInputs):
        made = cls._made.__dict__.setdefault("renderers", {})
        renderer = made.get((cls, module.language))
        if renderer is None:
            renderer = made[(cls, module.language)] = cls(module)
        renderer.module = module
        return renderer

    def __init__(self, module: ModuleInputs, *extra) -> None:
        self.module = module
        self.run: LessonRun | None = None
        self.md = Markdown(
            extensions=[*COMMON_EXTENSIONS, CalloutExtension(self), MathExtension(self), LinkExtension(self), *extra],
            extension_configs={
                "smarty": {"substitutions": smart_quotes(module.language)},
                "footnotes": {"BACKLINK_TITLE": module.messages["page.footnote-back"]},
                "tables": {"use_align_attribute": True},        # style="" would be blocked by the page's CSP
            },
            output_format="html",
        )
        quicken(self.md)

    def convert(self, run: LessonRun, text: str) -> str:
        """The text's HTML; the authors' raw HTML in it checked (markdown_ext.raw_html)."""
        self.run = run
        try:
            self.md.reset()
            html = self.md.convert(text)
            check_raw_html(authors_html(self.md, run), run)
            return html
        finally:
            self.run = None

    def quote(self, name: str) -> str:
        """What smarty writes for one of its substitutions ("right-single-quote"...) in this language."""
        return {**smarty.substitutions, **smart_quotes(self.module.language)}[name]


class LessonRenderer(Renderer):
    def __init__(self, module: ModuleInputs) -> None:
        # The module title is <h1> and each lesson title <h2>, so a lesson's "##" becomes <h3>.
        super().__init__(module, TocExtension(baselevel=2, toc_depth="2-4"), GiftBlockExtension(self))

    def render(self, lesson: Lesson) -> RenderedLesson:
        run = LessonRun(self.module, lesson)
        if within_limits(run):
            run.found.html = self.convert(run, lesson.body)
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


def authors_html(md: Markdown, run: LessonRun) -> str:
    """The authors' raw HTML in the text just converted, as Python-Markdown set it aside: without
    coursekit's own (run.own_html) and without entities (smart quotes), in which no tag can hide."""
    blocks = (block if isinstance(block, str) else ElementTree.tostring(block, encoding="unicode")
              for index, block in enumerate(md.htmlStash.rawHtmlBlocks) if index not in run.own_html)
    return "\n".join(block for block in blocks if "<" in block)


class TextRenderer(Renderer):
    """Question, answer and feedback texts: the same Markdown, which can also render inline (a
    single paragraph without its <p>, to sit in a <label> or a <legend>)."""

    def __init__(self, module: ModuleInputs) -> None:
        self.inline = False
        super().__init__(module, InlineExtension(self))
        self.apostrophe = self.quote("right-single-quote")

    def render(self, run: LessonRun, text: str, inline: bool) -> str:
        if PLAIN_WORDS.fullmatch(text):        # most answers and feedback: what Markdown would write, directly
            text = text.replace("'", self.apostrophe)
            return text if inline else f"<p>{text}</p>"
        self.inline = inline
        return self.convert(run, text)
