"""Broken courses: each gives its exact `path:line:col: error: message` lines, exit 1, no traceback,
and leaves the output folder exactly as it was.

Each folder under tests/bad/ is a course; its expected.txt holds what coursekit must print. The
course is copied before it is built; its specials.txt, when there is one, lists the files git cannot
hold that the copy gets at run time, one a line:

    symlink PATH TARGET       a symbolic link (to a file outside the course, /dev/zero, itself...)
    fifo PATH                 a named pipe, with nobody writing to it
    sparse PATH BYTES         a file of BYTES bytes, written as a hole (cheap to make)

Its command.txt, when there is one, is the command line instead of `build . --out DIST`
(e.g. `check --strict .`, for problems that are warnings).
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from builder.cli import main

BAD = Path(__file__).resolve().parent / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").is_file())


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_broken_course_is_reported_and_changes_nothing(case, tmp_path, monkeypatch, capsys):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "bad-course_intro_v1.0.0_scorm12.zip").write_bytes(b"the package built before")
    before = snapshot(out)
    course = make_course(BAD / case, tmp_path / case)
    sources_before = snapshot_tree(course)
    monkeypatch.chdir(course)
    command = (BAD / case / "command.txt").read_text().split() if (BAD / case / "command.txt").is_file() else ["build", "."]

    status = main(command + (["--out", str(out)] if command[0] == "build" else []))

    captured = capsys.readouterr()
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert captured.err.splitlines() == expected
    assert "Traceback" not in captured.err + captured.out
    assert status == 1
    assert snapshot(out) == before
    assert snapshot_tree(course) == sources_before


def make_course(case: Path, copy: Path) -> Path:
    shutil.copytree(case, copy, ignore=shutil.ignore_patterns("expected.txt", "specials.txt", "command.txt"))
    specials = case / "specials.txt"
    for line in specials.read_text().splitlines() if specials.is_file() else []:
        kind, path, *rest = line.split()
        (copy / path).parent.mkdir(parents=True, exist_ok=True)
        if kind == "symlink":
            os.symlink(rest[0], copy / path)
        elif kind == "fifo":
            os.mkfifo(copy / path)
        elif kind == "sparse":
            with open(copy / path, "wb") as stream:
                stream.truncate(int(rest[0]))
        else:
            raise ValueError(f"{specials}: unknown kind of file {kind!r}")
    return copy


def snapshot_tree(folder: Path) -> dict[str, str]:
    """Regular files by content; links and pipes by what they are (reading a pipe would block)."""
    def state(path: Path) -> str:
        if path.is_symlink():
            return "-> " + os.readlink(path)
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else f"mode {path.lstat().st_mode:o}"
    return {str(p.relative_to(folder)): state(p) for p in sorted(folder.rglob("*"))}
