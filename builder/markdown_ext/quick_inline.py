"""Python-Markdown's inline step, without the pattern searches that cannot match.

Python-Markdown tries every inline pattern (links, emphasis, code, entities, smart quotes...) on
every piece of text, each with a regular-expression search: most of a lesson's build time. Almost
every pattern needs a certain character to match at all (a link needs "[", an entity "&", a smart
quote a quote): where the text has none of them, the search can only fail, so it is skipped. What a
skipped search would have done is nothing (no match, no element, no state change), so the HTML is
byte for byte Python-Markdown's: tests/test_quick_inline.py compares both on every lesson and on
generated texts.

A pattern is skipped only when its regular expression is one of those listed below, as this
version of Python-Markdown defines it (read from its modules, not copied): a pattern added by
another extension, or changed in another version, is always searched.
"""
from __future__ import annotations

import inspect

from markdown import Markdown, inlinepatterns
from markdown.extensions import smarty
from markdown.treeprocessors import InlineProcessor

from builder.markdown_ext.math import INLINE_MATH

# What each regular expression must contain to match: any one of these substrings.
_NEEDS: dict[str, tuple[str, ...]] = {}


def _needs(source: str | None, *substrings: str) -> None:
    if source is not None:
        _NEEDS[source] = substrings


for _name, _substrings in {
    "BACKTICK_RE": ("`",), "ESCAPE_RE": ("\\",), "LINK_RE": ("[",), "IMAGE_LINK_RE": ("![",),
    "AUTOLINK_RE": ("<",), "AUTOMAIL_RE": ("<",),
    "HTML_RE": ("<",), "ENTITY_RE": ("&",), "LINE_BREAK_RE": ("  \n",), "NOT_STRONG_RE": ("*", "_"),
}.items():        # references (REFERENCE_RE, IMAGE_REFERENCE_RE) use the links' expressions
    _needs(getattr(inlinepatterns, _name, None), *_substrings)
_needs(r"\[\^([^\]]*)\]", "[^")                      # footnotes' reference, defined inside its extension
_needs(INLINE_MATH, "$")
for _name, _substrings in {
    "singleQuoteStartRe": ("'",), "doubleQuoteStartRe": ('"',), "doubleQuoteSetsRe": ("\"'",),
    "singleQuoteSetsRe": ("'\"",), "doubleQuoteSetsRe2": ("'\"",), "singleQuoteSetsRe2": ("\"'",),
    "decadeAbbrRe": ("'",), "openingSingleQuotesRegex": ("'",), "closingSingleQuotesRegex": ("'",),
    "closingSingleQuotesRegex2": ("'",), "remainingSingleQuotesRegex": ("'",), "openingDoubleQuotesRegex": ('"',),
    "closingDoubleQuotesRegex": ('"',), "closingDoubleQuotesRegex2": ('"',), "remainingDoubleQuotesRegex": ('"',),
}.items():
    _needs(getattr(smarty, _name, None), *_substrings)
_needs(r"(?<!-)---(?!-)", "---")                     # smarty's dashes and ellipsis, defined inside its methods
_needs(r"(?<!-)--(?!-)", "--")
_needs(r"(?<!\.)\.{3}(?!\.)", "...")

_DELIMITERS = getattr(inlinepatterns, "DelimiterProcessor", None)   # "*" and "_" emphasis, Python-Markdown 3.11+
_APPLY = "_InlineProcessor__applyPattern"
_ORIGINAL = getattr(InlineProcessor, _APPLY, None)
_AVAILABLE = _ORIGINAL is not None and list(inspect.signature(_ORIGINAL).parameters) == [
    "self", "pattern", "data", "patternIndex", "startIndex"]


def needed(pattern) -> tuple[str, ...] | None:
    """The substrings one of which `pattern` needs to match; None: always search."""
    if _DELIMITERS is not None and type(pattern) is _DELIMITERS:
        return tuple(pattern.tokens)
    return _NEEDS.get(getattr(pattern, "pattern", None))


class QuickInlineProcessor(InlineProcessor):
    def _InlineProcessor__applyPattern(self, pattern, data, patternIndex, startIndex=0):
        substrings = needed(pattern)
        if substrings is not None and not any(substring in data for substring in substrings):
            return data, False, 0           # what the search returns when nothing matches
        return _ORIGINAL(self, pattern, data, patternIndex, startIndex)


def quicken(md: Markdown) -> None:
    """Make `md`'s inline steps (its own and smarty's) skip the searches that cannot match. Where this
    Python-Markdown's inline step is not the one this was written for, nothing changes."""
    if not _AVAILABLE:
        return
    for processor in md.treeprocessors:
        if type(processor) is InlineProcessor:
            processor.__class__ = QuickInlineProcessor      # same state, one method more
