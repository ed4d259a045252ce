"""Inline rendering: a text that is a single paragraph renders without its <p>, so it can sit in a
<label> or a <legend> (which take phrasing content only). Set `md.inline = True` before converting."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class UnwrapParagraph(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        if getattr(self.md, "inline", False) and len(root) == 1 and root[0].tag == "p" and not (root.text or "").strip():
            paragraph = root[0]
            root.remove(paragraph)
            root.text = paragraph.text
            root.extend(list(paragraph))


class InlineExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(UnwrapParagraph(md), "unwrap_paragraph", 0.5)   # after everything else
