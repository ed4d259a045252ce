"""`coursekit report COURSE --responses FILE...`: the orchestrator, top to bottom.

sources → questions and ids (load, render) → each download read (sheets, table) → interactions
matched to questions and graded (match) → figures (stats) → flags → HTML, CSV, JSON (write).
Every problem is gathered first; if there is one, nothing is written.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.diagnostics import Diagnostics, Location, display_path

DEFAULT_OUT = Path("dist") / "reports"


def add_commands(commands) -> None:
    command = commands.add_parser(
        "report", help="item analysis of a quiz from Moodle's SCORM interactions report",
        description="Read Moodle's SCORM interactions report (CSV, Excel or ODS download), match each response to its "
                    "question in the sources, and write facility, discrimination, answer counts and flags per question.")
    command.add_argument("course", type=Path, metavar="COURSE", help="the course folder the package was built from")
    command.add_argument("--responses", type=Path, nargs="+", required=True, metavar="FILE",
                         help="the downloaded interactions report(s): .csv/.txt, .xlsx or .ods")
    command.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="where the reports go (default: dist/reports/)")


def run(options: argparse.Namespace) -> int:
    diagnostics = Diagnostics()
    written = report(options.course, options.responses, options.out, diagnostics)
    for diagnostic in diagnostics.sorted():
        print(diagnostic, file=sys.stderr)
    if diagnostics.has_errors:
        print(f"coursekit: {len(diagnostics.errors)} error{'' if len(diagnostics.errors) == 1 else 's'}; nothing was written",
              file=sys.stderr)
        return 1
    for path in written:
        print(display_path(path))
    return 0


def report(course_dir: Path, files: list[Path], out_dir: Path, diagnostics: Diagnostics) -> list[Path]:
    from builder.report.flags import flag_module
    from builder.report.match import ModuleResponses, match_report
    from builder.report.sheets import ReportError, read_sheet
    from builder.report.stats import module_stats
    from builder.report.table import read_report
    from builder.report.write import report_files, write_reports

    course = load_course_quizzes(course_dir, diagnostics)
    if course is None:
        return []
    found: dict[str, ModuleResponses] = {}
    for path in files:
        try:
            match_report(read_report(read_sheet(path)), course, found)
        except ReportError as error:
            diagnostics.error(error.location, error.message, rule=error.rule)
    if not diagnostics.has_errors and not any(r.attempts for r in found.values()):
        diagnostics.error(Location(files[0]), "no attempt in the report has any response: nothing to analyse", rule="report-empty")
    if diagnostics.has_errors:
        return []
    outputs: dict[str, bytes] = {}
    for responses in found.values():
        stats = module_stats(responses, source_of)
        flag_module(stats)
        outputs.update(report_files(stats))
    return write_reports(outputs, out_dir)


def source_of(item) -> str:
    where = item.question.location
    return f"{display_path(where.path)}:{where.line}" if where else ""


def load_course_quizzes(course_dir: Path, diagnostics: Diagnostics):
    """The course with every module's quiz assembled, as a build assembles it (the ids are the package's)."""
    from builder.load import load_courses
    from builder.render import render_course

    if not course_dir.is_dir():
        diagnostics.error(Location(course_dir), "no such folder: name the course folder the package was built from", rule="report-course")
        return None
    sources = Diagnostics()
    courses = load_courses([course_dir], sources)
    for course in courses:
        render_course(course, sources)
    if sources.has_errors:
        for problem in sources.errors:
            diagnostics.add(problem)
        return None
    if len(courses) != 1:
        diagnostics.error(Location(course_dir), f"{'no course' if not courses else f'{len(courses)} courses'} found here: "
                          "name the folder of one course (the one holding course.yml)", rule="report-course")
        return None
    if not any(module.quiz for module in courses[0].modules):
        diagnostics.error(courses[0].location, "no module of this course has a quiz", rule="report-course")
        return None
    return courses[0]
