"""```gift fenced blocks in a lesson: questions written where they are shown.

A preprocessor, before Python-Markdown's own fences: it parses each block with the GIFT parser
(locations point at the lesson's lines) and reports it as a GiftBlock of the lesson, leaving a
placeholder where the quiz stage (builder.quiz) puts the questions' HTML.
"""
from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from builder.diagnostics import Diagnostics
from builder.gift import parse_gift
from builder.markdown_ext.context import GiftBlock, stash_own

OPENING = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*gift[ \t]*$")


def placeholder(lesson_id: str, number: int) -> str:
    """Block-level HTML, so Python-Markdown puts it in place of its paragraph, as it would the questions."""
    return f'<div data-ck-gift="{lesson_id}/{number}"></div>'


class GiftBlockPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, lines: list[str]) -> list[str]:
        context = self.renderer.run
        output: list[str] = []
        index = 0
        while index < len(lines):
            opening = OPENING.match(lines[index])
            if not opening:
                output.append(lines[index])
                index += 1
                continue
            fence = opening.group("fence")
            end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == fence), None)
            if end is None:
                context.error(context.line(index), f"this ```gift block is never closed: add a line {fence} after its questions", rule="gift-block")
                return output + lines[index:]
            where, found = context.line(index + 1), Diagnostics()
            questions = parse_gift("\n".join(lines[index + 1:end]), context.lesson.source, found, first_line=where.line)
            context.report(found)
            blocks = context.found.gift_blocks
            block = GiftBlock(context.lesson.id, context.line(index), questions,
                              placeholder(context.lesson.id, len(blocks)) if questions else "")
            blocks.append(block)
            output.extend(["", stash_own(self.md, context, block.placeholder), ""])
            index = end + 1
        return output


class GiftBlockExtension(Extension):
    def __init__(self, renderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before fenced code (25) takes the block as code.
        md.preprocessors.register(GiftBlockPreprocessor(md, self.renderer), "gift_blocks", 27)
