"""Links, images, media and ids: the last pass over a lesson's tree, when every link and id exists.

- A relative link or image names a file in the course: it is checked (exists, stays inside the course
  folder) and recorded as an asset to package; the URL is rewritten to the file's place in the zip.
- A link to another lesson (`03-zoning.md#roads`) becomes an anchor in the module's single page.
- Ids are prefixed with the lesson id (all lessons share one page); anchors are checked later,
  when the whole module is rendered.
- An image whose file is audio or video becomes an <audio>/<video> player, with captions when a
  WebVTT file of the same name sits beside it, and a transcript from <name>.transcript.txt.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from builder.diagnostics import Location
from builder.files import FILE_LIMIT, IMAGE_LIMIT, Refusal, check_file, read_bytes, read_text
from builder.images import IMAGE_SUFFIXES, check_image
from builder.markdown_ext.context import AnchorCheck, LessonRun

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}
VIDEO = {".mp4": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
AUDIO = {".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".oga": "audio/ogg", ".m4a": "audio/mp4", ".wav": "audio/wav"}
# Files a browser runs as a page, with the learner's Moodle session: never packaged.
ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs", ".xml", ".xsl", ".xslt", ".svgz", ".swf"}
IMAGE_WARNING = 1024 * 1024             # above this, a lesson image is worth compressing
IMAGE_WIDEST = 2400                     # pixels: twice the widest a lesson shows, for sharp screens


class LinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, renderer) -> None:
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: etree.Element) -> None:
        context: LessonRun = self.renderer.run
        ids = context.found.ids
        for element in root.iter():
            if "id" in element.attrib:
                ids.add(element.get("id"))
                element.set("id", context.element_id(element.get("id")))
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag == "a" and element.get("href") is not None:
                    _rewrite_link(context, element)
                elif element.tag == "img":
                    media = _rewrite_image(context, element)
                    if media is not None:
                        parent[index] = media


def _rewrite_link(context: LessonRun, link: etree.Element) -> None:
    href = link.get("href", "")
    url = urlsplit(href)
    if url.scheme:
        if url.scheme.lower() not in EXTERNAL_SCHEMES:
            context.error(context.locate(href), f"links may use http, https, mailto or tel, not '{url.scheme}:'", rule="link-scheme")
        elif url.scheme.lower() in {"http", "https"}:
            link.set("target", "_blank")
            link.set("rel", "noopener noreferrer")
        return
    if not url.path:                                   # "#fragment": this lesson
        if url.fragment:
            _anchor(context, link, context.lesson.id, unquote(url.fragment), href)
        return
    target = _resolve(context, href, url.path, "link")
    if target is None:
        return
    lesson_id = context.module.lesson_ids.get(target)
    if lesson_id is not None:
        _anchor(context, link, lesson_id, unquote(url.fragment), href)
    elif target.suffix == ".md":
        context.error(context.locate(href), "this links to a lesson of another module; each module is a package "
                      "of its own, so link to the module by name instead", rule="link-other-module")
    elif target.suffix.lower() in ACTIVE_SUFFIXES:
        context.error(context.locate(href), f"'{href}' is a file a browser runs as a page ({target.suffix}), with the "
                      "learner's Moodle session: link to a PDF or a picture instead, or put the text in a lesson", rule="link-active")
    elif target.suffix.lower() in IMAGE_SUFFIXES:
        checked = image_asset(context, target, context.locate(href), href)
        if checked is not None:
            link.set("href", checked[0] + (f"#{url.fragment}" if url.fragment else ""))
    else:
        link.set("href", context.package_asset(target) + (f"#{url.fragment}" if url.fragment else ""))


def _anchor(context: LessonRun, link: etree.Element, lesson_id: str, fragment: str, href: str) -> None:
    if fragment:
        context.found.anchor_checks.append(AnchorCheck(lesson_id, fragment, context.locate(href)))
        link.set("href", f"#{lesson_id}--{fragment}")
    else:
        link.set("href", f"#lesson-{lesson_id}")
    link.set("data-lesson", lesson_id)   # the runtime turns the click into a lesson change


def _rewrite_image(context: LessonRun, image: etree.Element) -> etree.Element | None:
    src = image.get("src", "")
    if urlsplit(src).scheme or src.startswith("//"):
        context.error(context.locate(src), "images must be files in the course, not web addresses "
                      "(a package must work offline): save the file in the course and link to it", rule="image-remote")
        return None
    target = _resolve(context, src, urlsplit(src).path, "image")
    if target is None:
        return None
    suffix = target.suffix.lower()
    if suffix in VIDEO or suffix in AUDIO:
        return _player(context, image, target, context.package_asset(target), VIDEO.get(suffix) or AUDIO[suffix])
    if suffix not in IMAGE_SUFFIXES:
        context.error(context.locate(src), f"image '{src}': browsers show PNG, JPEG, GIF, WebP and SVG pictures, not "
                      f"'{target.suffix or 'no suffix'}' files: convert it", rule="image-format")
        return None
    checked = image_asset(context, target, context.locate(src), src)
    if checked is None:
        return None
    source, size = checked
    decorative = "decorative" in image.get("class", "").split()
    if not image.get("alt", "").strip() and not decorative:
        context.error(context.locate(src), "image without a text alternative: describe it inside ![...], "
                      "or mark a purely decorative image with {: .decorative }", rule="image-alt")
    if decorative:
        image.set("alt", "")
    image.set("src", source)
    image.set("loading", "lazy")
    image.set("decoding", "async")
    if size:
        image.set("width", str(size[0]))
        image.set("height", str(size[1]))
    _warn_if_oversized(context, src, target, size)
    return None


def image_asset(run: LessonRun, target: Path, where, shown: str) -> tuple[str, tuple[int, int] | None] | None:
    """Check an image of the course for what it claims to be and record it (an SVG cleaned) as an
    asset: (its URL in the package, its size), or None after an error."""
    data = read_bytes(target, run.module.course_dir, IMAGE_LIMIT, name=shown)
    if isinstance(data, Refusal):
        run.error(where, f"image {data.message}", rule=data.rule)
        return None
    checked = check_image(data, target.suffix)
    if checked.problem:
        run.error(where, f"image '{shown}' {checked.problem}", rule="image-invalid")
        return None
    for line, what in checked.removed:
        run.warning(Location(target, line), f"removed {what}: an SVG in a package may not run scripts or "
                                   "load anything from outside it", rule="svg-unsafe")
    return run.package_asset(target, checked.data), checked.size


def _warn_if_oversized(context: LessonRun, src: str, target: Path, size: tuple[int, int] | None) -> None:
    where, megabytes = context.locate(src), target.stat().st_size / 1048576
    if target.stat().st_size > IMAGE_WARNING:
        context.warning(where, f"image '{src}' is {megabytes:.1f} MB; compressed below 1 MB it loads far faster on slow "
                        "connections", rule="image-large")
    elif size and size[0] > IMAGE_WIDEST and target.suffix.lower() != ".svg":
        context.warning(where, f"image '{src}' is {size[0]}×{size[1]} pixels; {IMAGE_WIDEST} pixels wide is plenty for "
                        "a lesson", rule="image-large")


def _player(context: LessonRun, image: etree.Element, target: Path, source: str, mime: str) -> etree.Element:
    """![Title](talk.mp4) → <video controls> with captions from talk.vtt (or talk.<lang>.vtt) beside it."""
    kind = "video" if mime.startswith("video") else "audio"
    player = etree.Element(kind, {"controls": "controls", "preload": "metadata", "class": f"media-{kind}"})
    title = image.get("alt", "").strip()
    if title:
        player.set("aria-label", title)
    etree.SubElement(player, "source", {"src": source, "type": mime})
    for captions in _captions_for(target):
        checked = check_file(captions, context.module.course_dir, FILE_LIMIT)
        if isinstance(checked, Refusal):
            context.error(context.locate(image.get("src", "")), f"captions {checked.message}", rule=checked.rule)
            continue
        captions = checked
        language = captions.suffixes[-2].lstrip(".") if len(captions.suffixes) > 1 else ""
        track = {"kind": "captions", "src": context.package_asset(captions), "label": language or title or kind}
        if language:
            track["srclang"] = language
        etree.SubElement(player, "track", track)
    if kind == "video" and not _captions_for(target):
        context.error(context.locate(image.get("src", "")), f"video without captions: add {target.stem}.vtt "
                      "(WebVTT) beside it", rule="video-captions")
    fallback = etree.SubElement(player, "a", {"href": source})
    fallback.text = title or target.name
    transcript = target.with_name(f"{target.stem}.transcript.txt")
    if not os.path.lexists(transcript):
        return player
    context.found.referenced.add(Path(os.path.realpath(transcript)))
    text = read_text(transcript, context.module.course_dir, context)      # its problems go to the lesson's
    if text is None:
        return player
    figure = etree.Element("div", {"class": f"ck-media ck-media-{kind}"})
    figure.append(player)
    details = etree.SubElement(figure, "details", {"class": "ck-transcript"})
    etree.SubElement(details, "summary").text = context.module.messages["page.transcript"]
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            etree.SubElement(details, "p").text = paragraph.strip()
    return figure


def _captions_for(media: Path) -> list[Path]:
    return sorted(p for p in media.parent.glob(f"{media.stem}*.vtt") if p.stem.split(".")[0] == media.stem)


def _resolve(context: LessonRun, raw: str, path: str, what: str) -> Path | None:
    """The file a relative URL names (its real path), or None after reporting why it cannot be packaged."""
    where = context.locate(raw)
    if path.startswith("/"):
        context.error(where, f"{what} '{raw}' is an absolute path: use a path relative to the lesson", rule="link-absolute")
        return None
    course = context.module.course_root
    named = context.lesson.source.parent / unquote(path)
    target = Path(os.path.realpath(named))
    context.found.referenced.add(target)
    if not target.is_relative_to(course):
        points = f" (it is a symbolic link to '{os.readlink(named)}')" if os.path.islink(named) else ""
        context.error(where, f"{what} '{raw}' points outside the course folder{points}; copy the file into the course", rule="link-outside")
        return None
    if target.is_dir() or not os.path.lexists(named):
        context.error(where, f"broken {what}: '{raw}' does not exist" + (" (it is a folder)" if target.is_dir() else ""), rule="link-broken")
        return None
    limit = IMAGE_LIMIT if what == "image" and not _is_media(target) else FILE_LIMIT
    checked = check_file(named, course, limit, name=raw)
    if isinstance(checked, Refusal):
        context.error(where, f"{what} {checked.message}", rule=checked.rule)
        return None
    return checked


def _is_media(path: Path) -> bool:
    return path.suffix.lower() in VIDEO or path.suffix.lower() in AUDIO


class LinkExtension(Extension):
    def __init__(self, renderer) -> None:
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 1: after inline links (20), attr_list (8) and toc ids (5); before unescape (0).
        md.treeprocessors.register(LinkTreeprocessor(md, self.renderer), "coursekit_links", 1)
