"""`coursekit preview [PATH...] [--host 127.0.0.1] [--port 8000]`: courses in a local LMS, rebuilt on save."""
from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from builder.paths import templates_dir

EXIT_OK, EXIT_ERRORS = 0, 1
DEFAULT_SOURCES = Path("courses")
DEFAULT_STATE = Path(".coursekit")
SCORM_AGAIN = Path("node_modules") / "scorm-again" / "dist"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    preview = subparsers.add_parser(
        "preview", help="play modules in a local LMS that records like Moodle; rebuilt and reloaded on save")
    preview.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="a course folder, a folder of courses, or a module folder (default: courses/)")
    preview.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1, this computer only)")
    preview.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000; 0 for any free port)")
    preview.add_argument("--state", type=Path, default=DEFAULT_STATE, metavar="DIR",
                         help="where attempts (preview.sqlite3) and builds are kept (default: .coursekit/)")


def run(options: argparse.Namespace) -> int:
    # The server (and the whole build pipeline behind it) is loaded only when a preview starts.
    from builder.preview.server import DATABASE, PreviewConfig, PreviewServer

    scorm_again, searched = find_scorm_again(Path.cwd())
    config = PreviewConfig(paths=options.paths or [DEFAULT_SOURCES], state_dir=options.state, host=options.host,
                           port=options.port, scorm_again=scorm_again, scorm_again_searched=searched)
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
    if scorm_again is None:
        print("coursekit preview: scorm-again is not installed (npm install scorm-again): modules play without an LMS "
              "and nothing is recorded", file=sys.stderr)
    print(f"coursekit preview: {server.url}/  (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\ncoursekit preview: stopped", file=sys.stderr)
    return EXIT_OK


def find_scorm_again(start: Path) -> tuple[Path | None, list[Path]]:
    """scorm-again's dist/ folder, looked for as Node does (node_modules here, then in each parent
    folder), then beside the coursekit checkout; also every folder looked in, to tell the author."""
    searched = [folder / SCORM_AGAIN for folder in (start, *start.parents)]
    beside_checkout = templates_dir().parent / SCORM_AGAIN
    if beside_checkout not in searched:
        searched.append(beside_checkout)
    found = next((folder for folder in searched if (folder / "scorm12.js").is_file()), None)
    return found, searched
