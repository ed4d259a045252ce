"""Files that are not an interactions report, or one of another module, get a clear error naming what was
expected, as `path:line:col: error: message [rule]`; never a traceback, and nothing is written."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from builder.cli import main
from tests.conftest import FIXTURES, REPO_ROOT
from tests.report.moodle_report import Recorded, Row, table, write

COURSE = FIXTURES / "courses" / "report-planted"
DIAGNOSTIC = re.compile(r"^\S+:\d+:\d+: error: .+ \[report-[a-z-]+\]$")


def _xlsx_bytes() -> bytes:
    import openpyxl
    stream = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Attempt"])
    workbook.save(stream)
    return stream.getvalue()


def _zip(names: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return stream.getvalue()


NOT_A_REPORT = "[report-not-interactions]"
CASES = {
    "notes.csv": (b"# Notes\nnothing here\n", "this is not a Moodle interactions report: its first row has '# Notes'", NOT_A_REPORT),
    "empty.csv": (b"", "the file is empty", "[report-file]"),
    "binary.csv": (b"\x00\x01\x02 data", "the file is binary", "[report-file]"),
    "latin1.csv": ("Name\tAttempt\nJos\xe9".encode("latin-1"), "the file is not UTF-8 text", "[report-file]"),
    "old.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel 97-2003 (.xls) workbook", "[report-file]"),
    "backup.mbz": (b"\x1f\x8b\x08\x00" + b"\0" * 40, "compressed archive", "[report-file]"),
    "archive.zip": (_zip({"readme.txt": b"hello"}), "neither an Excel workbook nor an ODS spreadsheet", "[report-file]"),
    "broken.xlsx": (_xlsx_bytes()[:300], "damaged zip archive", "[report-file]"),
    "grades.xlsx": (_xlsx_bytes(), "this is not a Moodle interactions report: its first row has 'Name', 'Attempt'", NOT_A_REPORT),
    "empty.ods": (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
                  "the ODS spreadsheet cannot be read", "[report-file]"),
    "edited.csv": ("Name\tAttempt\tStarted on\tLast accessed on\tScore\tFinancing\tResponse 0\tNotes\n".encode(),
                   "column 'Notes' is not one an interactions report has", NOT_A_REPORT),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_file_that_is_not_an_interactions_report(tmp_path, capsys, name):
    data, message, rule = CASES[name]
    (tmp_path / name).write_bytes(data)
    out = tmp_path / "out"
    assert main(["report", str(COURSE), "--responses", str(tmp_path / name), "--out", str(out)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert DIAGNOSTIC.match(lines[0]) and message in lines[0] and lines[0].endswith(rule), lines
    assert "interactions report" in lines[0]
    assert lines[-1] == "coursekit: 1 error; nothing was written"
    assert not out.exists()


def test_a_folder_a_missing_file_and_a_good_file_are_all_reported_at_once(tmp_path, capsys):
    answers = [Recorded("", "a"), Recorded("", "t"), Recorded("", "t")]       # in order: the quiz neither shuffles nor draws
    good = write(tmp_path / "good.csv", table(["Financing"], [Row("A", "a@example.invalid", 1, [("100", answers)])]))
    assert main(["report", str(COURSE), "--responses", str(tmp_path), str(tmp_path / "missing.csv"), str(good),
                 "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "this is a folder" in err and "missing.csv:1:1: error: no such file" in err
    assert "coursekit: 2 errors; nothing was written" in err


def test_a_report_of_a_module_the_course_does_not_have(tmp_path, capsys):
    path = write(tmp_path / "other.ods", table(["Risk management"], [Row("A", "a@example.invalid", 1, [("50", [Recorded("q01-x", "a")])])]))
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "other.ods:1:1: error: the report is of 'Risk management', which is not a module with a quiz in the course " \
           "'Item analysis test course'" in err and "'Site selection', 'Financing'" in err and "[report-module]" in err


def test_a_download_without_the_response_column(tmp_path, capsys):
    rows = [Row("A", "a@example.invalid", 1, [("100", [])])]
    path = write(tmp_path / "scores.csv", table(["Financing"], rows))
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "tick at least 'Response'" in err and err.splitlines()[0].endswith("[report-no-responses]")


def test_a_report_where_no_one_has_submitted_the_quiz(tmp_path, capsys):
    rows = [Row("A", "a@example.invalid", None), Row("B", "b@example.invalid", 1, [("Incomplete", [])]),
            Row("C", "c@example.invalid", 1, [("Incomplete", [Recorded("", "")])])]
    path = write(tmp_path / "nobody.csv", table(["Financing"], rows))      # C opened the quiz, answered nothing
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 1
    assert "nobody.csv:1:1: error: no attempt in the report has any response: nothing to analyse [report-empty]" in capsys.readouterr().err


def test_a_course_folder_that_is_not_there_or_not_a_course(tmp_path, capsys):
    path = write(tmp_path / "r.csv", table(["Financing"], [Row("A", "a@example.invalid", 1, [("100", [Recorded("x", "a")])])]))
    assert main(["report", str(tmp_path / "nowhere"), "--responses", str(path)]) == 1
    assert "no such folder: name the course folder the package was built from [report-course]" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["report", str(tmp_path / "empty"), "--responses", str(path)]) == 1
    assert "no course here: expected course.yml" in capsys.readouterr().err
    for name in ("one", "two"):
        shutil.copytree(COURSE, tmp_path / "two-courses" / name)
        course_yml = tmp_path / "two-courses" / name / "course.yml"
        course_yml.write_text(course_yml.read_text().replace("id: report-planted", f"id: {name}"))
    assert main(["report", str(tmp_path / "two-courses"), "--responses", str(path)]) == 1
    assert "error: 2 courses found here: name the folder of one course (the one holding course.yml) [report-course]" in \
        capsys.readouterr().err


def test_the_command_line_prints_diagnostics_never_a_traceback(tmp_path):
    bad = tmp_path / "report.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    run = subprocess.run([sys.executable, "-m", "builder", "report", str(COURSE), "--responses", str(bad)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=60,
                         env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("report.xlsx:1:1: error: the file is a damaged zip archive: expected a SCORM interactions report")
    assert not (tmp_path / "dist").exists()
