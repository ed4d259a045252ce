"""The `coursekit` command line. Exit status: 0 success, 1 content errors, 2 usage errors."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from builder import __version__, preview, report, scaffold
from builder.diagnostics import Diagnostics, display_path
from builder.output import output_problem
from builder.scorm import VERSIONS as SCORM_VERSIONS

EXIT_OK, EXIT_CONTENT_ERRORS, EXIT_USAGE = 0, 1, 2
DEFAULT_SOURCES = Path("courses")
DEFAULT_OUT = Path("dist")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="coursekit", description="Turn Markdown and GIFT training modules into SCORM packages for Moodle.")
    main.add_argument("--version", action="version", version=f"coursekit {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build_command = commands.add_parser("build", help="build one SCORM package per module")
    _add_sources(build_command)
    build_command.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help="where packages go (default: dist/)")
    _add_schemas(build_command)
    build_command.add_argument("--scorm", choices=list(SCORM_VERSIONS),
                               help="SCORM version (default: each course's 'scorm:' setting, else 1.2; the Moodle app plays 1.2 only)")
    build_command.add_argument("--package", choices=("module", "course", "moodle"), default="module",
                               help="one package per module (default), one multi-SCO package per course, or one "
                                    "Moodle course backup (.mbz) per course, its activities already set up")
    build_command.add_argument("--quiz", choices=("scorm", "moodle"),
                               help="with --package moodle: each module's quiz inside its SCORM package (default: "
                                    "each course's 'quiz:' setting, else scorm), or as a native Moodle quiz")
    build_command.add_argument("--sanitize", action="store_true",
                               help="strip scripts, event handlers and other active content from raw HTML in the sources")
    build_command.add_argument("--cache", type=Path, metavar="DIR",
                               help="keep rendered modules here, so that a rebuild renders only what changed (default: .cache/ in the output folder)")
    build_command.add_argument("--no-cache", action="store_true", help="render everything anew, and keep no cache")

    check_command = commands.add_parser("check", help="check the sources without writing anything")
    _add_sources(check_command)
    _add_schemas(check_command)
    check_command.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check_command.add_argument("--format", choices=("text", "json"), default="text",
                               help="text (path:line:col: level: message [rule]) or json, for editors and CI")

    export_command = commands.add_parser("export-questions", help="write every quiz as a Moodle question-bank file")
    _add_sources(export_command)
    export_command.add_argument("--format", required=True, choices=("moodle-xml", "gift"),
                                help="moodle-xml (Moodle XML format) or gift (normalised GIFT)")
    export_command.add_argument("--out", type=Path, default=DEFAULT_OUT / "questions", metavar="DIR",
                                help="where the files go (default: dist/questions/)")
    scaffold.add_commands(commands)
    preview.add_commands(commands)
    report.add_commands(commands)
    return main


def _add_sources(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="a course folder, a folder of courses, or a module folder (default: courses/)")


def _add_schemas(command: argparse.ArgumentParser) -> None:
    command.add_argument("--schemas", type=Path, metavar="DIR",
                         help="also validate every manifest against the official SCORM schemas in DIR "
                              "(the folder holding scorm12/, scorm2004-3rd/, scorm2004-4th/)")


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    schemas = getattr(options, "schemas", None)
    if schemas is not None and not (schemas / "scorm12").is_dir():
        print(f"coursekit: error: --schemas {options.schemas}: no scorm12/ folder of SCORM schemas there", file=sys.stderr)
        return EXIT_USAGE
    out = getattr(options, "out", None)
    problem = output_problem(out) if out is not None and options.command in ("build", "export-questions") else None
    if problem:
        print(f"coursekit: error: --out {out}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return run(options)
    except KeyboardInterrupt:
        print("coursekit: interrupted; packages already in place were left as they were", file=sys.stderr)
        return 130
    except OSError as error:                 # the disk filled up, a folder vanished, permissions changed meanwhile
        where = f"{error.filename}: " if error.filename else ""
        print(f"coursekit: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    except Exception as error:               # a bug: say so in one line, not with a traceback
        if os.environ.get("COURSEKIT_DEBUG"):
            raise
        print(f"coursekit: internal error ({type(error).__name__}: {error}); this is a bug in coursekit: please "
              "report it with the files that caused it (COURSEKIT_DEBUG=1 shows the details)", file=sys.stderr)
        return EXIT_USAGE


def run(options: argparse.Namespace) -> int:
    commands = {"build": run_build, "check": run_check, "export-questions": run_export,
                "new": scaffold.run, "preview": preview.run, "report": report.run}
    return commands[options.command](options)


def run_build(options: argparse.Namespace) -> int:
    from builder.build import build   # the pipeline loads only when a command runs: --help stays instant

    if options.quiz and options.package != "moodle":
        print("coursekit: error: --quiz goes with --package moodle (a SCORM package always holds its quiz)", file=sys.stderr)
        return EXIT_USAGE

    started = time.perf_counter()
    diagnostics = Diagnostics()
    progress = Progress(sys.stderr) if sys.stderr.isatty() else None
    result = build(options.paths or [DEFAULT_SOURCES], options.out, diagnostics, schemas_dir=options.schemas,
                   progress=progress, scorm=options.scorm,
                   whole_course=options.package == "course", sanitize=options.sanitize,
                   moodle_backup=options.package == "moodle", quiz=options.quiz,
                   cache_dir=None if options.no_cache else (options.cache or options.out / ".cache"))
    if progress is not None:
        progress.done()
    if _report(diagnostics):
        return EXIT_CONTENT_ERRORS
    elapsed = time.perf_counter() - started
    for package, path in zip(result.packages, result.written):
        print(f"{display_path(path)}  ({path.stat().st_size / 1024:.0f} KB)")
        if options.package != "moodle":        # a backup's activities come already set up
            print_moodle_settings(package)
    for path in result.removed:
        print(f"removed stale {display_path(path)}")
    print(f"built {_count(len(result.written), 'package')} in {elapsed:.2f} s")
    return EXIT_OK


def print_moodle_settings(package) -> None:
    """The Moodle activity settings the package needs, under its name."""
    from builder.moodle_settings import describe, package_settings

    print("  in Moodle: " + "; ".join(describe(package_settings(package))))


def run_check(options: argparse.Namespace) -> int:
    from builder.build import build   # the pipeline loads only when a command runs: --help stays instant

    diagnostics = Diagnostics()
    result = build(options.paths or [DEFAULT_SOURCES], None, diagnostics, schemas_dir=options.schemas)
    failed = diagnostics.has_errors or (options.strict and bool(diagnostics.warnings))
    if options.format == "json":
        print(json.dumps(diagnostics_json(diagnostics), ensure_ascii=False, indent=2))
        return EXIT_CONTENT_ERRORS if failed else EXIT_OK
    for diagnostic in diagnostics.sorted():
        print(diagnostic, file=sys.stderr)
    summary = f"{_count(len(diagnostics.errors), 'error')}, {_count(len(diagnostics.warnings), 'warning')}"
    if failed:
        strict = " (--strict: warnings count as errors)" if options.strict and not diagnostics.has_errors else ""
        print(f"coursekit: {summary}{strict}", file=sys.stderr)
        return EXIT_CONTENT_ERRORS
    print(f"{_count(len(result.packages), 'module')} checked: {summary.replace('0 errors', 'no errors')}")
    return EXIT_OK


def diagnostics_json(diagnostics: Diagnostics) -> dict:
    """The --format json document: one object per diagnostic, and the counts."""
    return {
        "errors": len(diagnostics.errors), "warnings": len(diagnostics.warnings),
        "diagnostics": [{"path": display_path(d.location.path), "line": d.location.line, "column": d.location.col,
                         "severity": d.severity.value, "message": d.message, "rule": d.rule} for d in diagnostics.sorted()],
    }


def run_export(options: argparse.Namespace) -> int:
    from builder.build import export   # the pipeline loads only when a command runs: --help stays instant

    diagnostics = Diagnostics()
    written = export(options.paths or [DEFAULT_SOURCES], options.out, options.format, diagnostics)
    if _report(diagnostics):
        return EXIT_CONTENT_ERRORS
    for path in written:
        print(display_path(path))
    print(f"exported the questions of {_count(len(written), 'module')}")
    return EXIT_OK


def _report(diagnostics: Diagnostics) -> bool:
    """Print every diagnostic; True when there were errors."""
    for diagnostic in diagnostics.sorted():
        print(diagnostic, file=sys.stderr)
    if diagnostics.has_errors:
        print(f"coursekit: {_count(len(diagnostics.errors), 'error')}; nothing was written", file=sys.stderr)
    return diagnostics.has_errors


class Progress:
    """On a terminal, a build that takes more than a second shows where it is: one line, rewritten."""

    DELAY = 1.0          # seconds: a quick build prints nothing extra

    def __init__(self, stream, clock=time.monotonic) -> None:
        self.stream, self.clock = stream, clock
        self.started = clock()
        self.shown = False

    def __call__(self, stage: str, number: int, total: int) -> None:
        if self.clock() - self.started < self.DELAY:
            return
        print(f"\r{stage} {number}/{total}\033[K", end="", file=self.stream, flush=True)
        self.shown = True

    def done(self) -> None:
        if self.shown:
            print("\r\033[K", end="", file=self.stream, flush=True)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
