r"""Formulas in LaTeX notation rendered to MathML at build time: no JavaScript math library ships.

    $$ NPV = \sum_{t=0}^{T} \frac{CF_t}{(1+r)^t} $$     (a display formula: lines of its own)
    the rate $r$ is ...                                  (inline)
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor

from builder.markdown_ext.context import stash_own

INLINE_MATH = r"(?<![\\$\w])\$(?![\s$])(.+?)(?<![\s\\])\$(?![\w$])"


def to_mathml(renderer, latex: str, display: bool) -> str | None:
    try:
        return _converted(latex.strip(), display)
    except Exception as error:  # latex2mathml raises many types for malformed input
        reason = str(error) or re.sub(r"(?<!^)(?=[A-Z])", " ", type(error).__name__).lower()
        context = renderer.run
        context.error(context.locate(latex.strip()), f"cannot read the formula '{latex.strip()}': check its braces and commands ({reason})", rule="formula")
        return None


@lru_cache(maxsize=4096)
def _converted(latex: str, display: bool) -> str:
    """A pure function of the formula, and formulas recur (a course's NPV, its rates): converted once."""
    from latex2mathml.converter import convert   # imported on first formula: keeps start-up light

    return convert(latex, display="block" if display else "inline")


class DisplayMathProcessor(BlockProcessor):
    def __init__(self, parser, renderer) -> None:
        super().__init__(parser)
        self.renderer = renderer

    def test(self, parent: etree.Element, block: str) -> bool:
        stripped = block.strip()
        return stripped.startswith("$$") and stripped.endswith("$$") and len(stripped) > 4

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        latex = blocks.pop(0).strip()[2:-2]
        mathml = to_mathml(self.renderer, latex, display=True)
        figure = etree.SubElement(parent, "div", {"class": "formula"})
        figure.text = stash_own(self.parser.md, self.renderer.run, mathml) if mathml else latex


class InlineMathProcessor(InlineProcessor):
    def __init__(self, pattern: str, md: Markdown, renderer) -> None:
        super().__init__(pattern, md)
        self.renderer = renderer

    def handleMatch(self, match: re.Match, data: str):  # type: ignore[override]
        mathml = to_mathml(self.renderer, match.group(1), display=False)
        return (stash_own(self.md, self.renderer.run, mathml) if mathml else match.group(0)), match.start(0), match.end(0)


class MathExtension(Extension):
    def __init__(self, renderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: Markdown) -> None:
        md.parser.blockprocessors.register(DisplayMathProcessor(md.parser, self.renderer), "display_math", 105)
        # Above backslash escapes (180), so LaTeX's backslashes reach the converter untouched.
        md.inlinePatterns.register(InlineMathProcessor(INLINE_MATH, md, self.renderer), "inline_math", 185)
