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
from functools import lru_cache
from pathlib import Path

from builder import __version__
from builder.diagnostics import Diagnostics
from builder.model import Course, Module
from builder.paths import templates_dir
from builder.render import render_module

PARALLEL_FROM = 4                  # modules; below this, starting worker processes costs more than it saves
BIG_FILE = 1 << 20                 # files above 1 MB (media) are keyed by size and time, not read
CACHE_FORMAT = 1


def render_modules(courses: list[Course], diagnostics: Diagnostics, *, sanitize: bool = False,
                   cache_dir: Path | None = None) -> None:
    """Render every module of `courses` in place, reporting to `diagnostics` in course and module order."""
    jobs = [(course, index) for course in courses for index in range(len(course.modules))]
    cached = [_read_cache(cache_dir, course, index, sanitize) if cache_dir else None for course, index in jobs]
    todo = [n for n, hit in enumerate(cached) if hit is None]
    fresh = dict(zip(todo, _render_all([(jobs[n][0], jobs[n][0].modules[jobs[n][1]], sanitize) for n in todo])))
    for n, (course, index) in enumerate(jobs):
        module, found = cached[n] or fresh[n]
        course.modules[index] = module
        diagnostics.extend(found)
    # Only a clean build is cached: a build with errors writes nothing at all.
    if cache_dir and not diagnostics.has_errors:
        for n in fresh:
            course, index = jobs[n]
            _write_cache(cache_dir, course, index, sanitize, *fresh[n])


def _render_all(tasks: list[tuple[Course, Module, bool]]) -> list[tuple[Module, Diagnostics]]:
    # Forking a process that runs other threads (the preview server) is not safe: render in turn there.
    if len(tasks) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        return [_render_one(task) for task in tasks]
    context = multiprocessing.get_context("fork")         # the workers inherit everything already imported
    with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 2, len(tasks)), mp_context=context) as pool:
        return list(pool.map(_render_one, tasks, chunksize=max(1, len(tasks) // (4 * (os.cpu_count() or 2)))))


def _render_one(task: tuple[Course, Module, bool]) -> tuple[Module, Diagnostics]:
    course, module, sanitize = task
    diagnostics = Diagnostics()
    render_module(course, module, diagnostics, sanitize)
    return module, diagnostics


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """coursekit's own sources and templates: a new version of either renders anew."""
    digest = hashlib.sha256(f"{__version__}|{CACHE_FORMAT}".encode())
    for root in (Path(__file__).parent, templates_dir()):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _file_digest(path: Path) -> str:
    try:
        stat = path.stat()
        if stat.st_size > BIG_FILE:
            return f"{stat.st_size}:{stat.st_mtime_ns}"
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _key(course: Course, module: Module, sanitize: bool) -> str:
    digest = hashlib.sha256(f"{code_fingerprint()}|{sanitize}|{module.directory}".encode())
    digest.update(_file_digest(course.directory / "course.yml").encode())
    for path in sorted(module.directory.rglob("*")):
        if path.is_file() or path.is_symlink():
            digest.update(f"{path.relative_to(module.directory)}={_file_digest(path)}\n".encode())
    return digest.hexdigest()


def _read_cache(cache_dir: Path, course: Course, index: int, sanitize: bool):
    entry = cache_dir / f"{_key(course, course.modules[index], sanitize)}.pickle"
    try:
        with open(entry, "rb") as stream:
            outside, module, found = pickle.load(stream)
    except (OSError, pickle.PickleError, EOFError, ValueError, AttributeError, ImportError):
        return None
    if any(_file_digest(Path(path)) != digest for path, digest in outside.items()):
        return None
    return module, found


def _write_cache(cache_dir: Path, course: Course, index: int, sanitize: bool, module: Module, found: Diagnostics) -> None:
    """Written atomically; a cache that cannot be written only means the next build renders again."""
    outside = {str(path): _file_digest(path) for path in module.references
               if not path.is_relative_to(module.directory.resolve())}
    entry = cache_dir / f"{_key(course, module, sanitize)}.pickle"
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".{os.getpid()}.part")
        with open(temporary, "wb") as stream:
            pickle.dump((outside, module, found), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except OSError:
        pass
