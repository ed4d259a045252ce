"""```gift fenced blocks in a lesson: questions written where they are shown.

A preprocessor, before Python-Markdown's own fences: it parses each block with the GIFT parser
(locations point at the lesson's lines), hands the questions to the module's quiz, and puts their
HTML in place of the block.
"""
from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from builder.gift import parse_gift

OPENING = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*gift[ \t]*$")


class GiftBlockPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        context = self.md.lesson
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
            where = context.line(index + 1)
            questions = parse_gift("\n".join(lines[index + 1:end]), context.lesson.source,
                                   context.module.diagnostics, first_line=where.line)
            html = context.module.quiz.add(questions, context.lesson, context.line(index), context)
            output.extend(["", self.md.htmlStash.store(html), ""])
            index = end + 1
        return output


class GiftBlockExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before fenced code (25) takes the block as code.
        md.preprocessors.register(GiftBlockPreprocessor(md), "gift_blocks", 27)
