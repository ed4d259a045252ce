"""--sanitize: strip scripts, event handlers and other active content from the authors' raw HTML.

Raw HTML in lessons and [html] question texts is allowed by default (authors are trusted, as in
Moodle). With --sanitize, every lesson and quiz text passes through nh3 (the ammonia sanitizer),
keeping only what coursekit itself produces: text markup, tables, media with captions, MathML,
callouts and the quiz's form controls.
"""
from __future__ import annotations

MATHML = {"math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup", "mfrac", "msqrt",
          "mroot", "munder", "mover", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom",
          "menclose", "semantics", "annotation"}
STRUCTURE = {"aside", "section", "figure", "figcaption", "details", "summary", "video", "audio", "source", "track",
             "label", "input", "select", "option", "textarea", "button", "span", "div", "mark", "small", "time"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"},
    "a": {"href", "target", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "video": {"controls", "preload", "width", "height", "poster"}, "audio": {"controls", "preload"},
    "source": {"src", "type"}, "track": {"src", "kind", "srclang", "label", "default"},
    "th": {"colspan", "rowspan", "scope", "align", "style"}, "td": {"colspan", "rowspan", "align", "style"},
    "ol": {"start", "type"}, "abbr": {"title"},
    "input": {"type", "name", "value", "maxlength", "inputmode", "autocomplete", "spellcheck", "disabled", "checked"},
    "select": {"name", "disabled"}, "option": {"value", "selected"}, "textarea": {"name", "rows", "maxlength", "disabled"},
    "label": {"for"}, "button": {"type", "disabled"},
    "math": {"xmlns", "display"}, "annotation": {"encoding"},
}
# MathML's presentation attributes, which latex2mathml writes on any of its elements.
MATH_PRESENTATION = {"mathvariant", "mathsize", "displaystyle", "scriptlevel", "stretchy", "fence", "separator",
                     "lspace", "rspace", "accent", "accentunder", "linethickness", "columnalign", "rowalign",
                     "columnspacing", "rowspacing", "width", "height", "depth", "notation", "minsize", "maxsize",
                     "symmetric", "largeop", "movablelimits", "form"}
for _tag in MATHML:
    ATTRIBUTES[_tag] = ATTRIBUTES.get(_tag, set()) | MATH_PRESENTATION


def sanitize_html(html: str) -> str:
    import nh3   # only when asked for

    tags = set(nh3.ALLOWED_TAGS) | MATHML | STRUCTURE
    return nh3.clean(html, tags=tags, attributes=ATTRIBUTES, generic_attribute_prefixes={"data-", "aria-"},
                     link_rel=None, url_schemes={"http", "https", "mailto", "tel"}, strip_comments=True)
