"""How deeply a Markdown text nests, measured in one pass before Python-Markdown sees it.

Python-Markdown recurses once per level of nested lists and quotes, and rescans the text after each
unclosed `[`, `(` or `<`: a list a few thousand levels deep takes minutes and gigabytes, then fails
with a RecursionError. No lesson needs more than a handful of levels; a text deeper than the limit
is refused before it is converted.
"""
from __future__ import annotations

import re

NESTING_LIMIT = 32          # levels of lists and quotes, or unclosed brackets in one paragraph; rule nesting-too-deep
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
BRACKETS = re.compile(r"[\[\]()<>]")
OPENERS, CLOSERS = {"[": "]", "(": ")", "<": ">"}, {"]": "[", ")": "(", ">": "<"}


def too_deep(text: str, limit: int = NESTING_LIMIT) -> tuple[int, int, str] | None:
    """(0-based line, column, what) of the first place nesting deeper than `limit`, or None."""
    fence = ""
    unclosed = dict.fromkeys(OPENERS, 0)
    for number, line in enumerate(text.split("\n")):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if not line.strip():
            unclosed = dict.fromkeys(OPENERS, 0)          # a blank line ends the paragraph
            continue
        expanded = line.expandtabs(4)
        rest = expanded.lstrip(" ")
        depth = (len(expanded) - len(rest)) // 4
        while rest.startswith(">"):
            depth += 1
            rest = rest[1:].lstrip(" ")
        if depth > limit:
            return number, 1, f"{depth} levels of lists or quotes"
        for match in BRACKETS.finditer(line):
            character, column = match.group(), match.start() + 1
            if character in OPENERS:
                unclosed[character] += 1
                if unclosed[character] > limit:
                    return number, column, f"more than {limit} unclosed '{character}'"
            elif character in CLOSERS and unclosed[CLOSERS[character]]:
                unclosed[CLOSERS[character]] -= 1
    return None
