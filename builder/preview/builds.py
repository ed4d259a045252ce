"""The preview's builds: the sources built by builder.build, each package written unpacked into
the folder the server serves it from (<cache>/packages/<course>/<module>, builder.output swaps each
in whole and leaves an unchanged one in place), and built again whenever the sources change.

A build is named by a fingerprint of the sources it was made from; pages carry that name, so a
browser can tell that what it shows is out of date.
"""
from __future__ import annotations

import dataclasses
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from builder.build import BuildResult, build
from builder.diagnostics import Diagnostic, Diagnostics, Location, Severity
from builder.lesson_memo import LessonMemo
from builder.moodle_settings import MoodleSettings, package_settings
from builder.output import COURSE_PACKAGE, Output
from builder.preview.watch import Snapshot, changed_files, snapshot, snapshot_id, watched_roots

MODULE_TEXT = {".md", ".gift", ".yml"}     # a module's own text: when only that changed, only that module is rebuilt


@dataclass(frozen=True)
class PreviewModule:
    course_id: str
    id: str
    title: str
    pages: int                     # lessons, and the quiz page if the quiz has one of its own
    duration: int | None
    has_quiz: bool
    mastery_score: int | None      # as in the manifest: what Moodle hands the SCO
    directory: Path                # the module's source folder (the course's, for a course package)
    folder: Path                   # the package, unpacked: what the server serves
    revision: str                  # the id of the build that wrote it: the LMS imports it again when it changes
    settings: MoodleSettings       # what the package needs in Moodle, and what the preview grades with

    @property
    def key(self) -> str:
        return f"{self.course_id}/{self.id}"


@dataclass(frozen=True)
class PreviewCourse:
    id: str
    title: str
    language: str
    version: str
    directory: Path
    modules: tuple[PreviewModule, ...]


@dataclass(frozen=True)
class BuildState:
    id: str                                  # the fingerprint of the sources built; "" before the first build
    courses: tuple[PreviewCourse, ...] = ()  # none when the sources have errors
    problems: tuple[Diagnostic, ...] = ()    # errors and warnings, in file order
    seconds: float = 0.0
    rebuilt: int = 0                         # modules this build made: all, or those whose text changed

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.severity is Severity.WARNING]

    def module(self, course_id: str, module_id: str) -> PreviewModule | None:
        for course in self.courses:
            for module in course.modules:
                if (course.id, module.id) == (course_id, module_id):
                    return module
        return None


class PreviewBuilder:
    """Builds the sources when they change: the whole of them, or when only the lessons, quiz or
    module.yml of some modules changed since a good build, those modules alone (much faster)."""

    def __init__(self, paths: list[Path], cache_dir: Path, skipped: set[Path] = frozenset(), scorm: str | None = None,
                 whole_course: bool = False) -> None:
        self.paths = paths
        self.scorm = scorm                   # None: each course's own `scorm:` setting
        self.whole_course = whole_course     # one package per course (one SCO per module), as `build --package course`
        self.cache_dir = cache_dir
        self.output = Output(cache_dir / "packages", ledger=cache_dir / "ledger", unpacked=True)
        self.lessons = LessonMemo()          # a save usually changes one lesson: the module's others are reused
        self.roots = watched_roots(paths)
        self.skipped = {cache_dir.resolve(), *(path.resolve() for path in skipped)}
        self.closed = False
        self._state = BuildState("")
        self._files: Snapshot = {}
        self._building = threading.Lock()
        self._changed = threading.Condition()

    @property
    def current(self) -> BuildState:
        return self._state

    def refresh(self) -> BuildState | None:
        """Build again if the sources changed since the last build: the new state, else None."""
        with self._building:
            files = snapshot(self.roots, self.skipped)
            source_id = snapshot_id(files)
            if source_id == self._state.id:
                return None
            state = self._build(source_id, self._modules_to_rebuild(changed_files(self._files, files)))
            self._files = files
            with self._changed:
                self._state = state
                self._changed.notify_all()
            return state

    def wait_for_change(self, seen_id: str, timeout: float) -> BuildState:
        """The current state as soon as it is not `seen_id` (or after `timeout`, or on close)."""
        with self._changed:
            self._changed.wait_for(lambda: self._state.id != seen_id or self.closed, timeout)
            return self._state

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def _modules_to_rebuild(self, changed: set[Path]) -> list[Path] | None:
        """The module folders whose own text is all that changed; None when a full build is needed
        (course.yml, a picture, a new folder, a module removed: anything another module may depend on;
        or a failed build)."""
        state = self._state
        if not state.courses or state.errors or self.whole_course:
            return None
        folders = {module.directory for course in state.courses for module in course.modules}
        if any(path.suffix not in MODULE_TEXT or path.parent not in folders for path in changed):
            return None
        modules = sorted({path.parent for path in changed})
        return modules if all(module.is_dir() for module in modules) else None

    def _build(self, source_id: str, modules: list[Path] | None) -> BuildState:
        started = time.perf_counter()
        diagnostics = Diagnostics()
        try:
            result = build(modules or self.paths, self.output, diagnostics, scorm=self.scorm, whole_course=self.whole_course,
                           memo=self.lessons)
        except Exception as error:    # a fault of coursekit, not of the sources: show it, keep watching
            traceback.print_exc(file=sys.stderr)
            diagnostics.error(Location(self.roots[0]), f"coursekit failed while building ({error!r}); "
                              "the traceback is in the terminal: please report it")
            return BuildState(source_id, problems=tuple(diagnostics.sorted()))
        seconds = time.perf_counter() - started
        if diagnostics.has_errors:
            return BuildState(source_id, problems=tuple(diagnostics.sorted()), seconds=seconds)
        built = preview_courses(result, source_id)
        if modules is None:
            return BuildState(source_id, built, tuple(diagnostics.sorted()), seconds, len(result.packages))
        # Warnings of the modules not rebuilt still stand; course-level ones are found again: keep one of each.
        kept = [d for d in self._state.problems if not any(Path(d.location.path).is_relative_to(m) for m in modules)]
        problems = sorted(set(kept) | set(diagnostics), key=lambda d: (str(d.location.path), d.location.line, d.location.col))
        return BuildState(source_id, replace_modules(self._state.courses, built), tuple(problems), seconds, len(result.packages))


def preview_courses(result: BuildResult, revision: str) -> tuple[PreviewCourse, ...]:
    """The courses of a build, each package where it was written."""
    courses: dict[int, PreviewCourse] = {}
    for package, folder in zip(result.packages, result.written):
        course, module = package.course, package.module
        if module is None:
            entry = PreviewModule(course.id, COURSE_PACKAGE, course.title, sum(len(m.lessons) for m in course.modules),
                                  sum(m.duration or 0 for m in course.modules) or None, any(m.quiz for m in course.modules),
                                  None, course.directory, folder, revision, package_settings(package))
        else:
            entry = PreviewModule(course.id, module.id, module.title, len(module.lessons), module.duration,
                                  module.quiz is not None, course.pass_mark(module) if module.scored else None, module.directory, folder,
                                  revision, package_settings(package))
        known = courses.get(id(course))
        courses[id(course)] = PreviewCourse(course.id, course.title, course.language, course.version, course.directory,
                                            (known.modules if known else ()) + (entry,))
    return tuple(courses.values())


def replace_modules(courses: tuple[PreviewCourse, ...], rebuilt: tuple[PreviewCourse, ...]) -> tuple[PreviewCourse, ...]:
    """`courses` with the modules just rebuilt in place of their older builds."""
    fresh = {module.key: module for course in rebuilt for module in course.modules}
    return tuple(dataclasses.replace(course, modules=tuple(fresh.get(module.key, module) for module in course.modules))
                 for course in courses)
