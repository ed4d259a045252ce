"""Watching the sources without any dependency: a fingerprint of every file's path, size and
modification time, taken again every fraction of a second; a new fingerprint means a new build."""
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


def fingerprint(roots: list[Path], skipped: set[Path]) -> str:
    """Changes when any file under `roots` is added, removed or saved. Hidden files and folders
    (editor swap files, version control, the preview's own state) and `skipped` folders are ignored."""
    entries = []
    for root in roots:
        if not root.exists():
            entries.append(f"{root}\0missing")
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS
                                   and Path(folder, name) not in skipped)
            for name in sorted(files):
                if name.startswith("."):
                    continue
                try:
                    stat = os.stat(os.path.join(folder, name))
                except FileNotFoundError:            # deleted while we looked: the next look sees it gone
                    continue
                entries.append(f"{os.path.join(folder, name)}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()[:12]


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
