"""SVG images reduced to a safe subset, always: a package is served from Moodle's own origin, and an
SVG opened on its own (a link, "open image in new tab") runs its scripts with the learner's session.

The file is parsed by lxml without network access, DTD loading or entity expansion; what remains is
SVG drawing elements with presentation attributes, references inside the file (`#id`) and embedded
raster pictures (`data:image/...`). Removed: scripts, event handlers, foreignObject and any HTML,
animations that rewrite links or handlers, external references (href, url(), @import), processing
instructions and entities. Each removal is reported with its line. Editors' own metadata (Inkscape,
Sodipodi, RDF) and comments are dropped without a word: they are inert.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
EDITOR_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#", "http://purl.org/dc/elements/1.1/",
    "http://www.bohemiancoding.com/sketch/ns", "http://ns.adobe.com/AdobeIllustrator/10.0/", "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/", "http://ns.adobe.com/Extensibility/1.0/", "http://ns.adobe.com/Variables/1.0/",
}
DRAWING = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "a", "view",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "image", "marker", "pattern", "clipPath", "mask", "linearGradient", "radialGradient", "stop", "style",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
    "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    "animate", "animateMotion", "animateTransform", "mpath", "set",
}
ANIMATIONS = {"animate", "animateMotion", "animateTransform", "set"}
INTERNAL = re.compile(r"^\s*#")
EMBEDDED_PICTURE = re.compile(r"^\s*data:image/(png|jpeg|gif|webp);base64,", re.I)
URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
IMPORT = re.compile(r"@import[^;]*;?", re.I)
SVG_SIZE = re.compile(r"^\s*[-\d.eE+]+[\s,]+[-\d.eE+]+[\s,]+([\d.eE+]+)[\s,]+([\d.eE+]+)\s*$")
LENGTH = re.compile(r"^\s*([\d.]+)\s*(px)?\s*$")


@dataclass
class CleanSvg:
    data: bytes | None                     # the cleaned file; None when it is not an SVG at all
    size: tuple[int, int] | None = None    # from the viewBox, else width and height
    removed: list[tuple[int, str]] = field(default_factory=list)   # (line, what was removed)
    problem: str = ""                      # why it is not an SVG


def clean_svg(data: bytes) -> CleanSvg:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return CleanSvg(None, problem=f"it is not well-formed XML (line {error.lineno}: {error.msg})")
    if root.tag != f"{{{SVG_NS}}}svg":
        return CleanSvg(None, problem=f"its root element is <{etree.QName(root).localname}>, not <svg> in the SVG namespace")
    result = CleanSvg(None)
    _clean(root, result)
    for sibling in _siblings(root):
        result.removed.append((sibling.sourceline or 1, "a processing instruction"))
    result.data = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    result.size = _size(root)
    return result


def _siblings(root) -> list:
    """Processing instructions (e.g. an external xml-stylesheet) beside the root: dropped by tostring(root)."""
    found, node = [], root.getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction):
            found.append(node)
        node = node.getprevious()
    return found


def _clean(element, result: CleanSvg) -> None:
    for child in list(element):
        line = child.sourceline or element.sourceline or 1
        if isinstance(child, etree._Entity):
            result.removed.append((line, f"the entity reference &{child.name};"))
            _drop(child)
        elif isinstance(child, etree._ProcessingInstruction):
            result.removed.append((line, "a processing instruction"))
            _drop(child)
        elif isinstance(child, etree._Comment):
            _drop(child)                    # inert, but nothing a picture needs
        elif not _allowed(child, result, line):
            _drop(child)
        else:
            _clean_attributes(child, result, line)
            if etree.QName(child).localname == "style":
                _clean_style_element(child, result, line)
            _clean(child, result)
    if element.getparent() is None:
        _clean_attributes(element, result, element.sourceline or 1)


def _allowed(child, result: CleanSvg, line: int) -> bool:
    name = etree.QName(child)
    if name.namespace in EDITOR_NAMESPACES:
        return False
    if name.namespace != SVG_NS or name.localname not in DRAWING:
        result.removed.append((line, f"the element <{name.localname}>"))
        return False
    if name.localname in ANIMATIONS:
        target = (child.get("attributeName") or "").lower()
        if target in {"href", "xlink:href"} or target.startswith("on"):
            result.removed.append((line, f"the <{name.localname}> that changes '{target}'"))
            return False
    return True


def _clean_attributes(element, result: CleanSvg, line: int) -> None:
    for attribute in list(element.attrib):
        name = etree.QName(attribute)
        value = element.get(attribute)
        if name.localname.lower().startswith("on"):
            result.removed.append((line, f"the event handler {name.localname}"))
            del element.attrib[attribute]
        elif name.namespace in EDITOR_NAMESPACES:
            del element.attrib[attribute]
        elif name.localname == "href" and name.namespace in (None, XLINK_NS):
            picture = etree.QName(element).localname in {"image", "feImage"} and EMBEDDED_PICTURE.match(value)
            if not INTERNAL.match(value) and not picture:
                result.removed.append((line, f"the external reference {name.localname}=\"{_short(value)}\""))
                del element.attrib[attribute]
        elif name.localname == "style" or "url(" in value.lower():
            cleaned = _clean_css(value, result, line)
            if cleaned != value:
                element.set(attribute, cleaned)


def _clean_style_element(element, result: CleanSvg, line: int) -> None:
    for child in list(element):             # a <style> holds text only
        result.removed.append((line, "markup inside <style>"))
        _drop(child)
    if element.text:
        element.text = _clean_css(element.text, result, line)


def _clean_css(css: str, result: CleanSvg, line: int) -> str:
    def url(match: re.Match) -> str:
        target = match.group(2)
        if INTERNAL.match(target) or EMBEDDED_PICTURE.match(target):
            return match.group(0)
        result.removed.append((line, f"the external reference url({_short(target)})"))
        return "none"

    def import_rule(match: re.Match) -> str:
        result.removed.append((line, f"the style rule {_short(match.group(0))}"))
        return ""
    return URL.sub(url, IMPORT.sub(import_rule, css))


def _drop(node) -> None:
    """Remove a node, keeping the text that follows it (lxml keeps it on the node as its tail)."""
    parent, tail = node.getparent(), node.tail
    previous = node.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def _size(root) -> tuple[int, int] | None:
    box = SVG_SIZE.match(root.get("viewBox") or "")
    try:
        if box:
            return round(float(box[1])), round(float(box[2]))
        width, height = LENGTH.match(root.get("width") or ""), LENGTH.match(root.get("height") or "")
        if width and height:
            return round(float(width[1])), round(float(height[1]))
    except (ValueError, OverflowError):
        pass
    return None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
