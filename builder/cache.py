"""Rendering modules, fast: from a cache of rendered modules when nothing changed, in parallel
when there are many, and lesson by lesson from a memo in a long-running process.

A module's rendering is cached under a key made of everything it reads: coursekit's own code and
templates, the course's course.yml, every file of the module folder (by content), the options and
the SCORM version, and, checked again on every use, each file outside the folder that a lesson
referenced. Any change to any of them makes a new key, so the cache never serves stale output.
The build hands a RenderCache to render_modules() and commits it once the whole build succeeded.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from builder.diagnostics import Diagnostics
from builder.digests import code_fingerprint, file_digest
from builder.lesson_memo import LessonMemo
from builder.model import Course, Module
from builder.output import write_atomically
from builder.render import render_module

# Forking workers and pickling each rendered module back costs CPU time (about 1 ms a lesson, and
# 0.1 s to start): only a build this large renders in parallel, where the wall time saved pays for it.
PARALLEL_FROM = 100                # lessons, in at least two modules


@dataclass
class RenderCache:
    folder: Path
    sanitize: bool
    pending: list[tuple[str, Module, Diagnostics]] = field(default_factory=list)

    def reuse(self, course: Course, module: Module) -> tuple[Module, Diagnostics] | None:
        """The module rendered before from the same sources, and what its rendering reported."""
        try:
            with open(self.folder / f"{self.key(course, module.directory)}.pickle", "rb") as stream:
                outside, rendered, found = pickle.load(stream)
        except (OSError, pickle.PickleError, EOFError, ValueError, AttributeError, ImportError, TypeError):
            return None
        if any(file_digest(Path(path)) != digest for path, digest in outside.items()):
            return None
        return rendered, found

    def keep(self, course: Course, module: Module, found: Diagnostics) -> None:
        self.pending.append((self.key(course, module.directory), module, found))

    def commit(self) -> None:
        """Write what was kept; a cache that cannot be written only means the next build renders again."""
        for key, module, found in self.pending:
            outside = {str(path): file_digest(path) for path in module.references
                       if not path.is_relative_to(module.directory.resolve())}
            try:
                write_atomically(self.folder / f"{key}.pickle",
                                 lambda stream: pickle.dump((outside, module, found), stream, protocol=pickle.HIGHEST_PROTOCOL))
            except OSError:
                pass
        self.pending.clear()

    def key(self, course: Course, module_dir: Path) -> str:
        digest = hashlib.sha256(f"{code_fingerprint()}|{self.sanitize}|{course.scorm}|{module_dir}".encode())
        digest.update(file_digest(course.directory / "course.yml").encode())
        for path in sorted(module_dir.rglob("*")):
            if path.is_file() or path.is_symlink():
                digest.update(f"{path.relative_to(module_dir)}={file_digest(path)}\n".encode())
        return digest.hexdigest()


def render_modules(courses: list[Course], diagnostics: Diagnostics, *, sanitize: bool = False,
                   cache: RenderCache | None = None, memo: LessonMemo | None = None,
                   progress: Callable[[int, int], None] | None = None) -> None:
    """Render, in place, every module of `courses`: from `cache` when it has them, else anew (and
    then kept in `cache`, for its commit)."""
    jobs = []
    for course in courses:
        for index, module in enumerate(course.modules):
            hit = cache.reuse(course, module) if cache else None
            if hit is None:
                jobs.append((course, index))
            else:
                course.modules[index] = hit[0]
                diagnostics.extend(hit[1])
    fresh = _render_all([(course, course.modules[index], sanitize) for course, index in jobs], memo, progress)
    for (course, index), (module, found) in zip(jobs, fresh):
        course.modules[index] = module
        diagnostics.extend(found)
        if cache:
            cache.keep(course, module, found)


_TASKS: list[tuple[Course, Module, bool]] = []       # what forked workers render, read by index


def _render_all(tasks: list[tuple[Course, Module, bool]], memo: LessonMemo | None,
                progress: Callable[[int, int], None] | None = None) -> list[tuple[Module, Diagnostics]]:
    def counted(results):
        for number, result in enumerate(results, start=1):
            if progress:
                progress(number, len(tasks))
            yield result
    # With a memo (a long-running process, which may run threads: forking is not safe) or few modules: in turn.
    lessons = sum(len(module.lessons) for _, module, _ in tasks)
    if memo is not None or len(tasks) < 2 or lessons < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return list(counted(_render_one(task, memo) for task in tasks))
    # The workers are forked: they inherit the tasks, so only an index goes to each and only the
    # rendered module comes back (pickling whole courses to every worker cost more than rendering).
    _TASKS[:] = tasks
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 2, len(tasks)), mp_context=context) as pool:
            return list(counted(pool.map(_render_task, range(len(tasks)), chunksize=max(1, len(tasks) // (4 * (os.cpu_count() or 2))))))
    finally:
        _TASKS.clear()


def _render_task(index: int) -> tuple[Module, Diagnostics]:
    return _render_one(_TASKS[index])


def _render_one(task: tuple[Course, Module, bool], memo: LessonMemo | None = None) -> tuple[Module, Diagnostics]:
    course, module, sanitize = task
    diagnostics = Diagnostics()
    render_module(course, module, diagnostics, sanitize, memo)
    return module, diagnostics
