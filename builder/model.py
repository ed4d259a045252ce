"""The typed model every stage shares: a Course holds Modules, a Module holds Lessons.

Loading fills it from the sources, rendering adds HTML, packaging reads it. Every object keeps the
location it came from, so any stage can point an author at the line to fix.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.diagnostics import Location

SCORM_12 = "1.2"


@dataclass
class Lesson:
    id: str                      # file name without number and extension: "02-site.md" -> "site"
    source: Path
    title: str
    body: str                    # Markdown, front matter removed
    body_line: int               # line of the source where `body` starts (1-based)
    location: Location
    objectives: list[str] = field(default_factory=list)
    duration: int | None = None  # minutes
    html: str = ""               # filled by render


@dataclass(frozen=True)
class Asset:
    """A file some lesson links to; it ships at `package_path` inside the zip."""

    source: Path
    package_path: str            # always "/"-separated, relative to the package root


@dataclass
class Module:
    id: str                      # folder name without number: "01-planning" -> "planning"
    directory: Path
    title: str
    location: Location
    lessons: list[Lesson]
    description: str = ""
    objectives: list[str] = field(default_factory=list)
    duration: int | None = None
    mastery_score: int | None = None   # the module's own; see Course.mastery_score_for
    keywords: list[str] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)   # filled by render

    @property
    def scored(self) -> bool:
        """A module is scored when it has questions (the quiz stage sets them)."""
        return False


@dataclass
class Course:
    id: str
    directory: Path
    title: str
    language: str
    version: str
    location: Location
    modules: list[Module]
    description: str = ""
    authors: list[str] = field(default_factory=list)
    license: str = ""
    mastery_score: int | None = None
    keywords: list[str] = field(default_factory=list)
    scorm: str = SCORM_12
    all_modules_built: bool = True     # False when the user named only some modules of the course

    def mastery_score_for(self, module: Module) -> int | None:
        """The pass mark written to the manifest: only scored modules have one."""
        if not module.scored:
            return None
        return module.mastery_score if module.mastery_score is not None else self.mastery_score

    def package_name(self, module: Module) -> str:
        """A stable, readable zip name: course, module, version, SCORM version."""
        scorm = "scorm12" if self.scorm == SCORM_12 else "scorm" + self.scorm.replace("-", "").replace(".", "")
        return f"{self.id}_{module.id}_v{self.version}_{scorm}.zip"
