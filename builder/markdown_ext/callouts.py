"""Callouts: "Key point", "Case study", "Note", "Warning" boxes, written with admonition syntax.

    !!! case-study "Suzhou Industrial Park"
        Indented content.

Python-Markdown's admonition extension parses the blocks; this extension checks the kind against
the four we support (with the line of the mistake) and turns each box into a labelled <aside>.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.admonition import AdmonitionExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

CALLOUT_KINDS = ("key-point", "case-study", "note", "warning")
CALLOUT_LINE = re.compile(r"^ {0,3}[!?]{3}\+? *([^\s\"]*)(.*)$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class CalloutKindCheck(Preprocessor):
    """Reports unknown callout kinds at their line; changes nothing (runs before fences are stashed)."""

    def __init__(self, md: Markdown, renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, lines: list[str]) -> list[str]:
        context, fence = self.renderer.run, None
        for number, line in enumerate(lines):
            opening = FENCE.match(line)
            if opening and (fence is None or opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence)):
                fence = None if fence else opening.group(1)
                continue
            match = None if fence else CALLOUT_LINE.match(line)
            if match and match.group(1).lower() not in CALLOUT_KINDS:
                kind = match.group(1) or "(none)"
                context.error(context.line(number, line.index("!") + 1),
                              f"unknown callout kind '{kind}': use one of {', '.join(CALLOUT_KINDS)}", rule="callout-kind")
        return lines


class CalloutTreeprocessor(Treeprocessor):
    """<div class="admonition case-study"> → <aside class="callout callout-case-study" aria-label=…>."""

    def __init__(self, md: Markdown, renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        messages = self.renderer.run.module.messages
        for box in root.iter("div"):
            classes = box.get("class", "").split()
            if classes[:1] == ["admonition"]:
                kind = next((c for c in classes[1:] if c in CALLOUT_KINDS), "note")
                _restyle(box, kind, messages[f"callout.{kind}"], messages["callout.label"])


def _restyle(box: etree.Element, kind: str, label: str, label_with_title: str) -> None:
    title = box.find("p[@class='admonition-title']")
    written = "".join(title.itertext()).strip() if title is not None else ""
    # Admonition invents "Case-study" when no title is written; only an author's own title is kept.
    heading = written if written and written.lower() != kind.lower() else ""
    if title is None:
        title = etree.Element("p")
        box.insert(0, title)
    title.clear()
    title.set("class", "callout-title")
    badge = etree.SubElement(title, "span", {"class": "callout-kind"})
    badge.text = label
    if heading:
        badge.tail = " "
        etree.SubElement(title, "span", {"class": "callout-heading"}).text = heading
    box.tag = "aside"
    box.attrib.pop("class")
    box.set("class", f"callout callout-{kind}")
    box.set("aria-label", label_with_title.replace("{kind}", label).replace("{title}", heading) if heading else label)


class CalloutExtension(Extension):
    def __init__(self, renderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: Markdown) -> None:
        AdmonitionExtension().extendMarkdown(md)
        md.preprocessors.register(CalloutKindCheck(md, self.renderer), "callout_kind_check", 28)   # after whitespace (30), before fences (25)
        md.treeprocessors.register(CalloutTreeprocessor(md, self.renderer), "callouts", 2)
