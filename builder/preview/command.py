"""`coursekit preview [PATH...] [--host 127.0.0.1] [--port 8000]`: courses in coursekit's LMS, which plays them as
Moodle's SCORM player does, rebuilt on save."""
from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from builder.scorm import VERSIONS as SCORM_VERSIONS

EXIT_OK, EXIT_ERRORS = 0, 1
DEFAULT_SOURCES = Path("courses")
DEFAULT_STATE = Path(".coursekit")


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    preview = subparsers.add_parser(
        "preview", help="play modules in a local LMS that plays, records and grades them as Moodle does; rebuilt on save")
    preview.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="a course folder, a folder of courses, or a module folder (default: courses/)")
    preview.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this computer only)")
    preview.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000; 0 for any free port)")
    preview.add_argument("--state", type=Path, default=DEFAULT_STATE, metavar="DIR",
                         help="where attempts (preview.sqlite3) and builds are kept (default: .coursekit/)")
    preview.add_argument("--scorm", choices=list(SCORM_VERSIONS), default=None,
                         help="play every course in this SCORM version (default: each course's own `scorm:`)")
    preview.add_argument("--package", choices=("module", "course"), default="module",
                         help="module: one package per module (default); course: one package per course, as Moodle plays it")
    preview.add_argument("--standards-mode", action="store_true",
                         help="as Moodle with \"SCORM standards mode\" on: SCORM 1.2 string limits, names as \"Last, First\"")


def run(options: argparse.Namespace) -> int:
    # The server (and the whole build pipeline behind it) is loaded only when a preview starts.
    from builder.preview.server import DATABASE, PreviewConfig, PreviewServer

    config = PreviewConfig(paths=options.paths or [DEFAULT_SOURCES], state_dir=options.state, host=options.host,
                           port=options.port, scorm=options.scorm, whole_course=options.package == "course",
                           standards=options.standards_mode)
    try:
        server = PreviewServer(config)
    except sqlite3.Error as error:
        print(f"coursekit preview: error: cannot open {options.state / DATABASE}: {error}", file=sys.stderr)
        return EXIT_ERRORS
    except OSError as error:
        if error.filename:                      # the state folder, not the network
            print(f"coursekit preview: error: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        else:
            print(f"coursekit preview: error: cannot listen on {options.host}:{options.port}: {error.strerror or error}; "
                  "is another preview running? Try --port 8001", file=sys.stderr)
        return EXIT_ERRORS
    print(f"coursekit preview: {server.url}/  (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\ncoursekit preview: stopped", file=sys.stderr)
    return EXIT_OK
