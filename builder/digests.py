"""Fingerprints of files and of coursekit itself, for the caches (builder.cache, builder.lesson_memo)."""
from __future__ import annotations

import hashlib
import os
import stat
from functools import lru_cache
from pathlib import Path

from builder import __version__
from builder.paths import templates_dir

BIG_FILE = 1 << 20                 # files above 1 MB (media) are keyed by size and time, not read
CACHE_FORMAT = 2


def file_digest(path: Path) -> str:
    """Content digest of a regular file; anything else (pipe, device, loop) by its kind, never read."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return f"special:{stat.S_IFMT(status.st_mode)}"
        if status.st_size > BIG_FILE:
            return f"{status.st_size}:{status.st_mtime_ns}"
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as stream:
            return hashlib.sha256(stream.read(BIG_FILE + 1)).hexdigest()
    except OSError:
        return "missing"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """coursekit's own sources and templates: a new version of either renders anew."""
    digest = hashlib.sha256(f"{__version__}|{CACHE_FORMAT}".encode())
    for root in (Path(__file__).parent, templates_dir()):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
