"""Moodle course backups of the default courses, built once per test session through the command line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder.mbz.archive import read_mbz
from tests.conftest import REPO_ROOT

REFERENCE = REPO_ROOT.parent / "shared" / "moodle-reference" / "backup"


def build_backups(out: Path, *arguments: str, tz: str = "UTC", check: bool = True) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "TZ": tz}
    done = subprocess.run([sys.executable, "-m", "builder", "build", *arguments, "--package", "moodle", "--out", str(out),
                           "--no-cache"], cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="session")
def default_backups(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """Backup file name -> its files, for the default courses (quizzes inside the SCORM packages)."""
    out = tmp_path_factory.mktemp("mbz")
    build_backups(out, "courses")
    return {path.name: read_mbz(path.read_bytes()) for path in sorted(out.glob("*.mbz"))}


@pytest.fixture(scope="session")
def native_quiz_backup(tmp_path_factory) -> tuple[Path, dict[str, bytes], str]:
    """The industrial-parks course with every module's quiz as a Moodle quiz; and what the build printed."""
    out = tmp_path_factory.mktemp("mbz-quiz")
    done = build_backups(out, "courses/industrial-parks", "--quiz", "moodle")
    path = next(out.glob("*.mbz"))
    return path, read_mbz(path.read_bytes()), done.stderr


@pytest.fixture(scope="session")
def reference() -> dict[str, bytes]:
    """Moodle 5.0.6's own backup of the reference course (files/ blobs included)."""
    archives = sorted(REFERENCE.glob("*.mbz"))
    if not archives:
        pytest.skip(f"Moodle's reference backup not found in {REFERENCE}")
    return read_mbz(archives[0].read_bytes())
