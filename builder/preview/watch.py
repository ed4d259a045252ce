"""Watching the sources without any dependency: a snapshot of every file's path, size and
modification time, taken again every fraction of a second; a different snapshot means a new build."""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Callable

from builder.load import COURSE_FILE, MODULE_FILE

SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


def watched_roots(paths: list[Path]) -> list[Path]:
    """The folders to watch: each path given, or for a module folder its whole course (course.yml, shared files)."""
    roots = []
    for path in paths:
        path = path.resolve()
        is_module = (path / MODULE_FILE).is_file() and (path.parent / COURSE_FILE).is_file()
        roots.append(path.parent if is_module else path)
    return sorted(set(roots))


Snapshot = dict[Path, tuple[int, int]]          # file -> (size, modification time in ns)


def snapshot(roots: list[Path], skipped: set[Path]) -> Snapshot:
    """Every file under `roots` with its size and modification time. Hidden files and folders
    (editor swap files, version control, the preview's own state) and `skipped` folders are left out."""
    files: Snapshot = {}
    for root in roots:
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS
                                   and Path(folder, name) not in skipped)
            for name in sorted(names):
                if name.startswith("."):
                    continue
                path = Path(folder, name)
                try:
                    stat = path.stat()
                except OSError:                      # deleted while we looked, or a link loop (the build reports it)
                    continue
                files[path] = (stat.st_size, stat.st_mtime_ns)
    return files


def snapshot_id(files: Snapshot) -> str:
    """A short name that changes whenever any file is added, removed or saved."""
    lines = (f"{path}\0{size}\0{mtime}" for path, (size, mtime) in sorted(files.items()))
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()[:12]


def changed_files(before: Snapshot, after: Snapshot) -> set[Path]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


class Watcher(threading.Thread):
    """Calls `look()` every `interval` seconds until stopped."""

    def __init__(self, look: Callable[[], object], interval: float) -> None:
        super().__init__(name="coursekit-preview-watcher", daemon=True)
        self.look = look
        self.interval = interval
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self.interval):
            self.look()

    def stop(self) -> None:
        self._stopped.set()
        if self.is_alive():
            self.join()
