"""What the Markdown extensions need to know about the lesson being rendered, and what they report."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.diagnostics import Diagnostics, Location
from builder.model import Asset, Lesson


@dataclass(frozen=True)
class AnchorCheck:
    """A link to `#fragment` of a lesson, verified once every lesson of the module is rendered."""

    lesson_id: str
    fragment: str
    location: Location


@dataclass
class ModuleContext:
    """Shared by all lessons of one module while it renders."""

    course_dir: Path
    module_dir: Path
    lesson_ids: dict[Path, str]                  # lesson source file -> lesson id
    messages: dict[str, str]                     # UI strings in the course language
    diagnostics: Diagnostics
    assets: dict[Path, Asset] = field(default_factory=dict)
    referenced: set[Path] = field(default_factory=set)           # every file a lesson points to, packaged or not
    ids: dict[str, set[str]] = field(default_factory=dict)        # lesson id -> element ids in it
    anchor_checks: list[AnchorCheck] = field(default_factory=list)
    quiz: Any = None                              # the module's QuizBuilder, fed by ```gift blocks
    sanitize: bool = False                        # strip active content from the authors' raw HTML
    scorm: str = ""                               # the SCORM version's name, for the lesson memo's key


@dataclass
class LessonContext:
    module: ModuleContext
    lesson: Lesson

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
        self.module.diagnostics.error(location, message, rule)

    def warning(self, location: Location, message: str, rule: str | None = None) -> None:
        self.module.diagnostics.warning(location, message, rule)

    def element_id(self, fragment: str) -> str:
        """Ids are prefixed with the lesson id: all lessons share one page, and ids must stay unique."""
        return f"{self.lesson.id}--{fragment}"
