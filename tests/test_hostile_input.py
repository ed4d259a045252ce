"""Hostile and careless input: what ships is safe, every command fails with a message, never a
traceback or a hang. (The broken courses themselves are in tests/bad/, see test_bad_input.py.)"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from builder.build import build
from builder.cli import Progress
from builder.diagnostics import Diagnostics
from builder.files import FILE_LIMIT, Refusal, read_bytes
from builder.images import check_image
from builder.svg import SVG_NS, clean_svg
from tests.conftest import FIXTURES, REPO_ROOT
from tests.test_bad_input import BAD, make_course
from tests.test_lint import png

SAMPLE = FIXTURES / "courses" / "sample"


def active_content(svg: bytes) -> list[str]:
    """Everything in an SVG that could run or reach outside the file."""
    root = etree.fromstring(svg, etree.XMLParser(resolve_entities=False, no_network=True))
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            found.append(f"node {element!r}")
            continue
        name = etree.QName(element)
        if name.namespace != SVG_NS or name.localname in {"script", "foreignObject"}:
            found.append(f"element {name.localname}")
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname
            if local.startswith("on"):
                found.append(f"handler {local}")
            if local == "href" and not value.startswith("#"):
                found.append(f"href {value}")
            if "url(" in value and "url(#" not in value:
                found.append(f"url in {local}")
        if (element.text or "") and ("@import" in element.text or "https:" in element.text):
            found.append(f"style {element.text}")
    return found


def test_the_packaged_svg_is_the_cleaned_one(tmp_path, monkeypatch, capsys):
    course = make_course(BAD / "svg-active-content", tmp_path / "course")
    diagnostics = Diagnostics()
    result = build([course], tmp_path / "dist", diagnostics)
    assert len(diagnostics.warnings) == 10 and not diagnostics.errors
    with zipfile.ZipFile(result.written[0]) as archive:
        packaged = archive.read("media/plan.svg")
    assert active_content((course / "01-intro" / "plan.svg").read_bytes())          # the source had plenty
    assert active_content(packaged) == []
    root = etree.fromstring(packaged)
    assert root.find(f"{{{SVG_NS}}}rect") is not None and root.find(f".//{{{SVG_NS}}}text").text == "Zone A"
    assert root.find(f"{{{SVG_NS}}}circle").get("fill") == "url(#gradient)"         # internal references stay


def test_a_linked_svg_is_cleaned_too(tmp_path):
    course = make_course(BAD / "svg-active-content", tmp_path / "course")
    (course / "01-intro" / "01-start.md").write_text("---\ntitle: A lesson\n---\nOpen [the plan](plan.svg).\n")
    result = build([course], tmp_path / "dist", Diagnostics())
    with zipfile.ZipFile(result.written[0]) as archive:
        assert active_content(archive.read("media/plan.svg")) == []


def test_entities_are_never_expanded():
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "' + b"x" * 1000 + b'">' + \
        b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"".join(b"&%c;" % (97 + i) for _ in range(10))) for i in range(8)) + \
        b']><svg xmlns="http://www.w3.org/2000/svg"><text>&i;</text></svg>'
    cleaned = clean_svg(bomb)
    if cleaned.data is None:                # newer libxml2 refuses the amplification outright
        assert "amplification" in cleaned.problem
    else:
        assert len(cleaned.data) < 200 and cleaned.removed == [(1, "the entity reference &i;")]


@pytest.mark.parametrize("data, problem", [
    (png(3, 2), ""),
    (png(3, 2)[:40], "is a damaged PNG image: it is cut short (no end chunk)"),
    (png(3, 2)[:29] + b"XXXX" + png(3, 2)[33:], "is a damaged PNG image: its header chunk fails its checksum"),
    (b"<html><script>alert(1)</script></html>", "is not a PNG image: it looks like an HTML document"),
    (b"", "is not a PNG image: it looks like an empty file"),
])
def test_a_png_is_a_png(data, problem):
    assert check_image(data, ".png").problem == problem


def test_a_file_is_read_once_and_bounded(tmp_path):
    (tmp_path / "pipe").mkdir()
    os.mkfifo(tmp_path / "pipe" / "fifo")
    os.symlink("/dev/zero", tmp_path / "zero")
    assert read_bytes(tmp_path / "pipe" / "fifo", tmp_path, FILE_LIMIT) == Refusal(
        f"'{tmp_path / 'pipe' / 'fifo'}' is a named pipe, not a regular file", "file-special")
    assert read_bytes(tmp_path / "zero", tmp_path, FILE_LIMIT).rule == "file-outside"


def run(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("COURSEKIT_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "builder", *arguments], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_every_command_fails_with_a_message_not_a_traceback(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "courses").mkdir()
    sample = str(SAMPLE)
    failures = {
        ("build", sample, "--out", "a-file"): (2, "--out a-file: is a file, not a folder"),
        ("build", sample, "--out", "a-file/dist"): (2, "cannot be created: a-file is not a folder"),
        ("build", "no-such-course"): (1, "no such folder [course-not-found]"),
        ("build", str(BAD / "html-meta-refresh"), "--out", "dist"): (1, "[html-meta-refresh]"),
        ("build", sample, "--schemas", "a-file"): (2, "no scorm12/ folder"),
        ("build", sample, "--scorm", "3.0"): (2, "invalid choice: '3.0'"),
        ("check", "courses"): (1, "no course here"),
        ("check", "--format", "json", "no-such-course"): (1, '"rule": "course-not-found"'),
        ("export-questions", "--format", "gift", sample, "--out", "a-file"): (2, "--out a-file: is a file, not a folder"),
        ("export-questions", "--format", "moodle-xml", "no-such-course"): (1, "[course-not-found]"),
        ("new", "course", "Not An Id"): (1, "coursekit new: error"),
        ("new", "course", "park", "--in", "a-file"): (1, "coursekit: error: a-file/park: Not a directory"),
        ("new", "module", "roads", "--course", "no-such-course"): (1, "nothing was changed"),
        ("new", "lesson", "roads", "--module", "no-such-module"): (1, "nothing was changed"),
        ("preview", sample, "--state", "a-file", "--port", "0"): (1, "coursekit preview: error"),
        ("no-such-command",): (2, "invalid choice"),
    }
    for arguments, (status, message) in failures.items():
        result = run(*arguments, cwd=tmp_path)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, arguments
        assert (result.returncode, message in output) == (status, True), (arguments, output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "courses"]      # nothing was written


def test_progress_shows_only_after_a_second():
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: now[0])
    progress("modules rendered", 1, 3)
    assert stream.getvalue() == ""                          # a quick build prints nothing extra
    now[0] = 1.5
    progress("modules rendered", 2, 3)
    progress("packages written", 1, 3)
    progress.done()
    assert stream.getvalue() == "\rmodules rendered 2/3\033[K\rpackages written 1/3\033[K\r\033[K"


def test_a_slow_build_on_a_terminal_shows_its_progress(tmp_path, monkeypatch):
    import pty

    monkeypatch.setattr(Progress, "DELAY", 0.0)
    leader, follower = pty.openpty()
    script = ("import sys; from builder.cli import Progress, main; Progress.DELAY = 0.0; "
              f"sys.exit(main(['build', {str(SAMPLE)!r}, '--out', {str(tmp_path / 'dist')!r}]))")
    process = subprocess.run([sys.executable, "-c", script], stderr=follower, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, timeout=60)
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert process.returncode == 0
    assert "modules rendered 2/2" in shown and "packages written 2/2" in shown


def test_a_file_swapped_for_a_link_after_caching_never_ships(tmp_path, capsys):
    from builder.cli import main

    course = make_course(BAD / "image-corrupted-png", tmp_path / "course")
    (course / "01-intro" / "chart.png").write_bytes(png(3, 2))
    assert main(["build", str(course), "--out", str(tmp_path / "dist")]) == 0        # rendered and cached
    (tmp_path / "secret.png").write_bytes(png(3, 2))                              # the same bytes, outside
    (course / "01-intro" / "chart.png").unlink()
    (course / "01-intro" / "chart.png").symlink_to(tmp_path / "secret.png")
    (tmp_path / "dist" / "bad-course_intro_v1.0.0_scorm12.zip").unlink()          # to be written again...
    capsys.readouterr()
    status = main(["build", str(course), "--out", str(tmp_path / "dist")])        # ...from the cached rendering
    assert status == 1 and "is a symbolic link to" in capsys.readouterr().err
    assert list((tmp_path / "dist").glob("*.zip*")) == []
