"""What the Markdown extensions read about the text being converted, and what a conversion finds.

A LessonRun is one conversion: the inputs it reads (the module's, the lesson's) and a
RenderedLesson it fills. The extensions reach the current run through the renderer given to their
constructors (`renderer.run`); nothing is kept on the Markdown object.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from builder.diagnostics import Diagnostic, Diagnostics, Location, Severity
from builder.gift.model import Question
from builder.model import Asset, Lesson

MODULE_FILES = "media"       # files from the module folder go under media/
COURSE_FILES = "shared"      # files from elsewhere in the course go under shared/


@dataclass(frozen=True)
class ModuleInputs:
    """What every lesson of a module reads while it renders: the same for all of them."""

    course_dir: Path
    module_dir: Path
    language: str
    lesson_ids: dict[Path, str]                  # lesson source file -> lesson id
    messages: dict[str, str]                     # UI strings in the course language
    scorm: str = ""                              # the SCORM version's name: part of every cache key

    def __hash__(self) -> int:
        return hash((self.course_dir, self.module_dir, self.language))

    @cached_property
    def course_root(self) -> Path:
        """The course folder's real path: what every file of the course is checked against."""
        return self.course_dir.resolve()

    @cached_property
    def module_root(self) -> Path:
        return self.module_dir.resolve()


@dataclass(frozen=True)
class AnchorCheck:
    """A link to `#fragment` of a lesson, verified once every lesson of the module is rendered."""

    lesson_id: str
    fragment: str
    location: Location


@dataclass(frozen=True)
class GiftBlock:
    """A ```gift block: its questions are shown where `placeholder` stands in the lesson's HTML."""

    lesson_id: str
    location: Location                           # the opening fence
    questions: list[Question]
    placeholder: str


@dataclass
class RenderedLesson:
    html: str
    assets: dict[Path, Asset] = field(default_factory=dict)
    referenced: set[Path] = field(default_factory=set)        # every file it points to, packaged or not
    ids: set[str] = field(default_factory=set)                # element ids it defines (unprefixed)
    anchor_checks: list[AnchorCheck] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    gift_blocks: list[GiftBlock] = field(default_factory=list)


@dataclass
class LessonRun:
    """One conversion: the lesson and module it reads, and what it found so far."""

    module: ModuleInputs
    lesson: Lesson
    found: RenderedLesson = field(default_factory=lambda: RenderedLesson(""))
    own_html: set[int] = field(default_factory=set)       # Python-Markdown's stash entries coursekit wrote (MathML)

    def locate(self, needle: str) -> Location:
        """Where `needle` first appears in the lesson source; the lesson's first body line if nowhere."""
        index = self.lesson.body.find(needle) if needle else -1
        if index < 0:
            return self.line(0)
        line = self.lesson.body.count("\n", 0, index)
        col = index - (self.lesson.body.rfind("\n", 0, index) + 1) + 1
        return self.line(line, col)

    def line(self, body_line: int, col: int = 1) -> Location:
        """A 0-based line of the body as a location in the source file."""
        return Location(self.lesson.source, self.lesson.body_line + body_line, col)

    def error(self, location: Location, message: str, rule: str | None = None) -> None:
        self.found.diagnostics.append(Diagnostic(location, message, Severity.ERROR, rule))

    def warning(self, location: Location, message: str, rule: str | None = None) -> None:
        self.found.diagnostics.append(Diagnostic(location, message, Severity.WARNING, rule))

    def report(self, diagnostics: Diagnostics) -> None:
        self.found.diagnostics.extend(diagnostics)

    def element_id(self, fragment: str) -> str:
        """Ids are prefixed with the lesson id: all lessons share one page, and ids must stay unique."""
        return f"{self.lesson.id}--{fragment}"

    def package_asset(self, target: Path, data: bytes | None = None) -> str:
        """Record a file of the course as an asset of the module (`data`: what to ship instead of the
        file, e.g. a cleaned SVG); its URL inside the package."""
        asset = self.found.assets.get(target)
        if asset is None:
            asset = self.found.assets[target] = Asset(target, asset_path(self.module, target), data)
        return quote(asset.package_path)


def asset_path(module: ModuleInputs, target: Path) -> str:
    """Where a file of the course ships inside the package."""
    if target.is_relative_to(module.module_root):
        return posixpath.join(MODULE_FILES, target.relative_to(module.module_root).as_posix())
    return posixpath.join(COURSE_FILES, target.relative_to(module.course_root).as_posix())


def stash_own(md, run: LessonRun, html: str) -> str:
    """Set coursekit's own HTML aside as Python-Markdown does raw HTML, marked as not the author's:
    the raw-HTML checks (markdown_ext.raw_html) read only the authors'."""
    run.own_html.add(len(md.htmlStash.rawHtmlBlocks))
    return md.htmlStash.store(html)
