"""Moodle's backup XML, written byte for byte the way Moodle's own xml_writer lays it out.

A backup file is a tree of elements with id attributes, each holding either text or children:
two-space indentation, one element per line, `$@NULL@$` for a database NULL, a container with no
children written open and closed on two lines, no newline after the root. `&`, `<`, `>` and `"`
are escaped, as Moodle does, so a file written here compares line by line with one Moodle wrote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Union

NULL = "$@NULL@$"            # how Moodle writes a NULL column
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

Value = Union[str, int, float, None]


@dataclass
class Element:
    """`tag` with attributes, and either text (`value`) or children (`children`, possibly none)."""

    tag: str
    attributes: dict[str, Value] = field(default_factory=dict)
    value: Value = None
    children: list["Element"] | None = None

    def add(self, *children: "Element") -> "Element":
        self.children = (self.children or []) + list(children)
        return self


def E(tag: str, value: Value = "", **attributes: Value) -> Element:
    """A text element: `E("name", "Quiz")`; None is written as Moodle's NULL marker."""
    return Element(tag, dict(attributes), value, None)


def C(tag: str, children: Iterable[Element] = (), **attributes: Value) -> Element:
    """A container element: `C("answers", [...])`, written open/close even when empty."""
    return Element(tag, dict(attributes), None, list(children))


def fields(values: dict[str, Value]) -> list[Element]:
    """Text elements in the order given: the columns of one database record."""
    return [E(tag, value) for tag, value in values.items()]


def document(root: Element) -> bytes:
    lines: list[str] = [DECLARATION]
    _write(root, 0, lines)
    return "".join(lines).rstrip("\n").encode("utf-8")      # Moodle ends a file at the root's closing tag


def _write(element: Element, depth: int, lines: list[str]) -> None:
    indent = "  " * depth
    attributes = "".join(f' {name}="{_escape(_text(value))}"' for name, value in element.attributes.items())
    if element.children is None:
        lines.append(f"{indent}<{element.tag}{attributes}>{_escape(_text(element.value))}</{element.tag}>\n")
        return
    lines.append(f"{indent}<{element.tag}{attributes}>\n")
    for child in element.children:
        _write(child, depth + 1, lines)
    lines.append(f"{indent}</{element.tag}>\n")


def _text(value: Value) -> str:
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "1" if value else "0"
    return NOT_XML.sub("", str(value))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def decimal(value: float, places: int) -> str:
    """Moodle's number columns: `100.00000` (grades, 5 places), `1.0000000` (marks, 7 places)."""
    return f"{value:.{places}f}"
