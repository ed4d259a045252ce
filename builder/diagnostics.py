"""Diagnostics: every stage reports problems here; the orchestrator prints them all, then exits once.

A message reads `path:line:col: level: message [rule]`, the form compilers and editors understand.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file. Lines and columns count from 1."""

    path: Path
    line: int = 1
    col: int = 1

    def shifted(self, lines: int = 0, col: int | None = None) -> "Location":
        """The same file, `lines` further down (for text embedded at an offset, e.g. a fenced block)."""
        return Location(self.path, self.line + lines, self.col if col is None else col)

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.col}"


def display_path(path: Path) -> str:
    """Relative to the working directory when below it, as compilers print paths; else as given."""
    path = Path(path)
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            pass
    return str(path)


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    severity: Severity = Severity.ERROR
    rule: str | None = None

    def __str__(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{self.location}: {self.severity.value}: {self.message}{rule}"


class Diagnostics:
    """Collects diagnostics across a whole run, so a user sees every problem at once."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def error(self, location: Location, message: str, rule: str | None = None) -> None:
        self._items.append(Diagnostic(location, message, Severity.ERROR, rule))

    def warning(self, location: Location, message: str, rule: str | None = None) -> None:
        self._items.append(Diagnostic(location, message, Severity.WARNING, rule))

    def extend(self, other: "Diagnostics") -> None:
        self._items.extend(other._items)

    def add(self, diagnostic: Diagnostic) -> None:
        self._items.append(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self._items if d.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self._items)

    def sorted(self) -> list[Diagnostic]:
        """In file order, so the output reads top to bottom; stable for equal places."""
        return sorted(self._items, key=lambda d: (str(d.location.path), d.location.line, d.location.col))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)
