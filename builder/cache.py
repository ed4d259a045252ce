"""Rendering modules, fast: in parallel when there are many, and from a cache when nothing changed.

A module's rendering is cached under a key made of everything it reads: coursekit's own code and
templates, the course's course.yml, every file of the module folder (by content), the options,
and, checked again on every use, each file outside the folder that a lesson referenced. Any change
to any of them makes a new key, so the cache never serves stale output.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.digests import code_fingerprint, file_digest
from builder.lesson_memo import LessonMemo
from builder.model import Course, Module
from builder.render import render_module

PARALLEL_FROM = 4                  # modules; below this, starting worker processes costs more than it saves
LESSONS = LessonMemo()             # this process's rendered lessons, used whenever the cache is on


def render_modules(courses: list[Course], diagnostics: Diagnostics, *, sanitize: bool = False,
                   cache_dir: Path | None = None) -> list[tuple[Course, Module, Diagnostics]]:
    """Render, in place, every module of `courses` not already rendered (taken from the cache by
    reuse_rendered() while loading); returns what was rendered, for store_rendered()."""
    jobs = [(course, index) for course in courses for index, module in enumerate(course.modules) if not module.rendered]
    memo = LESSONS if cache_dir else None
    fresh = _render_all([(course, course.modules[index], sanitize) for course, index in jobs], memo)
    for (course, index), (module, found) in zip(jobs, fresh):
        course.modules[index] = module
        diagnostics.extend(found)
    return [(course, module, found) for (course, _), (module, found) in zip(jobs, fresh)]


def store_rendered(cache_dir: Path, rendered: list[tuple[Course, Module, Diagnostics]], sanitize: bool) -> None:
    """Only a clean build is cached: the caller calls this once the whole build succeeded."""
    for course, module, found in rendered:
        _write_cache(cache_dir, course, module, sanitize, found)


def reuse_rendered(cache_dir: Path, sanitize: bool, diagnostics: Diagnostics):
    """For the loader: a module folder's rendered module from the cache, when nothing it reads changed."""
    def reuse(course: Course, module_dir: Path) -> Module | None:
        hit = _read_cache(cache_dir, course, module_dir, sanitize)
        if hit is None:
            return None
        module, found = hit
        diagnostics.extend(found)
        return module
    return reuse


def _render_all(tasks: list[tuple[Course, Module, bool]], memo: LessonMemo | None) -> list[tuple[Module, Diagnostics]]:
    # Forking a process that runs other threads (the preview server) is not safe: render in turn there.
    if len(tasks) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        return [_render_one(task, memo)[:2] for task in tasks]
    context = multiprocessing.get_context("fork")         # the workers inherit everything already imported
    with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 2, len(tasks)), mp_context=context) as pool:
        results = list(pool.map(_render_in_worker, tasks, [memo is not None] * len(tasks),
                                chunksize=max(1, len(tasks) // (4 * (os.cpu_count() or 2)))))
    if memo is not None:
        for _, _, learned in results:
            memo.update(learned)                          # the lessons the workers rendered, for the next build
    return [(module, found) for module, found, _ in results]


def _render_in_worker(task: tuple[Course, Module, bool], keep_lessons: bool):
    return _render_one(task, LessonMemo() if keep_lessons else None)


def _render_one(task: tuple[Course, Module, bool], memo: LessonMemo | None = None):
    course, module, sanitize = task
    diagnostics = Diagnostics()
    render_module(course, module, diagnostics, sanitize, memo)
    return module, diagnostics, memo


def _key(course: Course, module_dir: Path, sanitize: bool) -> str:
    digest = hashlib.sha256(f"{code_fingerprint()}|{sanitize}|{course.scorm}|{module_dir}".encode())
    digest.update(file_digest(course.directory / "course.yml").encode())
    for path in sorted(module_dir.rglob("*")):
        if path.is_file() or path.is_symlink():
            digest.update(f"{path.relative_to(module_dir)}={file_digest(path)}\n".encode())
    return digest.hexdigest()


def _read_cache(cache_dir: Path, course: Course, module_dir: Path, sanitize: bool):
    entry = cache_dir / f"{_key(course, module_dir, sanitize)}.pickle"
    try:
        with open(entry, "rb") as stream:
            outside, module, found = pickle.load(stream)
    except (OSError, pickle.PickleError, EOFError, ValueError, AttributeError, ImportError):
        return None
    if any(file_digest(Path(path)) != digest for path, digest in outside.items()):
        return None
    return module, found


def _write_cache(cache_dir: Path, course: Course, module: Module, sanitize: bool, found: Diagnostics) -> None:
    """Written atomically; a cache that cannot be written only means the next build renders again."""
    outside = {str(path): file_digest(path) for path in module.references
               if not path.is_relative_to(module.directory.resolve())}
    entry = cache_dir / f"{_key(course, module.directory, sanitize)}.pickle"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".{os.getpid()}.part")
        with open(temporary, "wb") as stream:
            pickle.dump((outside, module, found), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except OSError:
        pass
