"""The authors' raw HTML, checked against what the page's Content-Security-Policy does.

The policy blocks remote resources, frames, plugins, inline scripts and handlers: they would be
silently broken in Moodle, so each is a warning naming what is blocked. It cannot stop
`<meta http-equiv="refresh">` (which navigates the learner away) or `<base>` (which redirects every
relative URL of the page): those are errors.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from builder.markdown_ext.context import LessonRun

RESOURCE_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "action", "formaction", "xlink:href"}
FRAMES = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*((?:https?:)?//[^'\")\s]+)", re.I)


def check_raw_html(html: str, context: LessonRun) -> None:
    scanner = _Scanner(context)
    try:
        scanner.feed(html)
        scanner.close()
    except (AssertionError, ValueError):       # html.parser gives up on some broken markup: nothing more to check
        pass


def _remote(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme.lower() in {"http", "https", "ftp"}


class _Scanner(HTMLParser):
    def __init__(self, context: LessonRun) -> None:
        super().__init__(convert_charrefs=True)
        self.context = context
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        raw = self.get_starttag_text() or f"<{tag}"
        where = self.context.locate(raw)
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
            self.context.error(where, "<meta http-equiv=\"refresh\"> takes the learner away from the lesson (no "
                               "browser policy can stop it): remove it, and link to the page instead", rule="html-meta-refresh")
        elif tag == "base":
            self.context.error(where, "<base> changes where every link and picture of the module points: remove it",
                               rule="html-base")
        elif tag in FRAMES:
            self.context.warning(where, f"<{tag}> is blocked by the page's Content-Security-Policy (no frames or plugins "
                                 "in a package): link to the page instead", rule="html-frame")
            return
        elif tag == "script":
            self.context.warning(where, "<script> does not run: the page's Content-Security-Policy blocks scripts in "
                                 "lessons", rule="html-script")
        for name, value in values.items():
            self._attribute(tag, name, value, where)
        self.in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            for url in CSS_URL.findall(data):
                self._blocked(url, self.context.locate(url))

    def _attribute(self, tag: str, name: str, value: str, where) -> None:
        if name.startswith("on"):
            self.context.warning(where, f"the event handler {name}= on <{tag}> does not run: the page's "
                                 "Content-Security-Policy blocks inline scripts", rule="html-script")
        elif name == "style":
            for url in CSS_URL.findall(value):
                self._blocked(url, where)
        elif (name in RESOURCE_ATTRIBUTES or (name == "href" and tag == "link")) and tag != "a":
            for url in value.split(",") if name == "srcset" else [value]:
                url = url.strip().split(" ")[0]
                if _remote(url):
                    self._blocked(url, self.context.locate(url))

    def _blocked(self, url: str, where) -> None:
        self.context.warning(where, f"'{url}' is outside the package: the page's Content-Security-Policy blocks it "
                             "(a package works offline): save the file in the course and link to it", rule="html-remote")
