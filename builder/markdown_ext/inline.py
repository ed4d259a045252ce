"""Inline rendering: a text that is a single paragraph renders without its <p>, so it can sit in a
<label> or a <legend> (which take phrasing content only), when the renderer's `inline` is set."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class UnwrapParagraph(Treeprocessor):
    def __init__(self, md: Markdown, renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        if self.renderer.inline and len(root) == 1 and root[0].tag == "p" and not (root.text or "").strip():
            paragraph = root[0]
            root.remove(paragraph)
            root.text = paragraph.text
            root.extend(list(paragraph))


class InlineExtension(Extension):
    def __init__(self, renderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(UnwrapParagraph(md, self.renderer), "unwrap_paragraph", 0.5)   # after everything else
