"""Broken courses: each gives its exact `path:line:col: error: message` lines, exit 1, no traceback,
and leaves the output folder exactly as it was.

Each folder under tests/bad/ is a course; its expected.txt holds what coursekit must print.
"""
from __future__ import annotations

import hashlib
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
    sources_before = snapshot_tree(BAD / case)
    monkeypatch.chdir(BAD / case)

    status = main(["build", ".", "--out", str(out)])

    captured = capsys.readouterr()
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert captured.err.splitlines() == expected
    assert "Traceback" not in captured.err
    assert status == 1
    assert snapshot(out) == before
    assert snapshot_tree(BAD / case) == sources_before


def snapshot_tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}
