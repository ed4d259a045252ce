"""The preview server: coursekit's LMS (builder.lms, Moodle's SCORM player call for call) over the
standard library's HTTP server, on 127.0.0.1 unless told otherwise.

    GET  /                                          courses and modules, with what Moodle would record
    GET  /modules/<course>/<module>/[?learner=]     Moodle's player: the package under its API, and the panel
    GET  /packages/<course>/<module>/<file>         the files of the package, as built
    GET  /assets/<file>, /lms/<file>                the preview's and the LMS's scripts and stylesheet
    GET  /events                                    Server-Sent Events: the id of each new build
    GET  /api/build                                 the current build: id, modules, errors, warnings
    GET  /api/modules/<course>/<module>/report      what Moodle would have stored, the grade and completion
    POST /api/modules/<course>/<module>/track       a SCO's posted values: {"learner", "attempt", "sco", "values": [[name, value]...]}
    POST /api/modules/<course>/<module>/reset       {"learner"}: the next attempt starts

While the sources have errors, every page is the list of errors. A whole-course package is module "course".
"""
from __future__ import annotations

import mimetypes
import re
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from builder.lms.activity import LMS, Activity, import_folder
from builder.lms.datamodel import Learner
from builder.lms.elements import MAX_VALUES, data_model_script, invalid_value
from builder.lms.http import REQUEST_SECONDS, BadRequest, StrictServer, check_host, is_loopback, printable, read_json
from builder.lms.package import PackageError
from builder.lms.store import MAX_ATTEMPT, TrackStore
from builder.moodle_settings import MoodleSettings
from builder.paths import templates_dir
from builder.preview.builds import BuildState, PreviewBuilder, PreviewModule
from builder.preview.pages import errors_page, index_page, not_found_page, player_page, preview_templates, report_json
from builder.preview.watch import Watcher

DATABASE = "preview.sqlite3"
DATA_MODEL_SCRIPT = "datamodel.js"    # templates/lms/datamodel.json, as the LMS's scripts read it
BUILDS = "preview"                    # the packages, unpacked, and their ledger
KEEPALIVE_SECONDS = 15.0
SHUTDOWN_POLL_SECONDS = 0.05
LEARNER = "preview"
NAME = r"[a-z0-9][a-z0-9-]*"
LEARNER_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
MODULE = rf"(?P<course>{NAME})/(?P<module>{NAME})"
GET_ROUTES = (
    (re.compile(r"/"), "index"),
    (re.compile(rf"/modules/{MODULE}/"), "player"),
    (re.compile(rf"/packages/{MODULE}/(?P<file>.+)"), "package_file"),
    (re.compile(r"/assets/(?P<name>[a-z0-9-]+\.(?:css|js))"), "asset"),
    (re.compile(r"/lms/(?P<name>[a-z0-9-]+\.js)"), "lms_script"),
    (re.compile(r"/events"), "events"),
    (re.compile(r"/api/build"), "build_json"),
    (re.compile(rf"/api/modules/{MODULE}/report"), "report"),
)
POST_ROUTES = (
    (re.compile(rf"/api/modules/{MODULE}/track"), "track"),
    (re.compile(rf"/api/modules/{MODULE}/reset"), "reset"),
)
CONTENT_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
                 ".vtt": "text/vtt", ".html": "text/html", ".json": "application/json", ".xml": "application/xml"}


@dataclass(frozen=True)
class PreviewConfig:
    paths: list[Path]
    state_dir: Path                                  # the database and the build cache
    host: str = "127.0.0.1"
    port: int = 8000
    poll_seconds: float = 0.5
    scorm: str | None = None                         # None: each course's own `scorm:`
    whole_course: bool = False                       # one package per course, as `build --package course`
    standards: bool = False                          # Moodle's "SCORM standards mode" (1.2 string limits, names)
    settings: MoodleSettings | None = None           # the activities' settings; None: what each package needs


class PreviewServer:
    def __init__(self, config: PreviewConfig, log: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.lms = LMS(TrackStore(config.state_dir / DATABASE))
        self.builder = PreviewBuilder(config.paths, config.state_dir / BUILDS, skipped={config.state_dir},
                                      scorm=config.scorm, whole_course=config.whole_course)
        handler = type("BoundPreviewHandler", (PreviewHandler,), {"preview": self})
        self.httpd = StrictServer((config.host, config.port), handler, extra_host=config.host)
        self.watcher = Watcher(self.refresh, config.poll_seconds)
        self._imported: dict[str, str] = {}          # activity id -> the revision of its package the LMS holds
        self._serving: threading.Thread | None = None
        if not is_loopback(config.host):
            self.log(f"coursekit preview: warning: listening on {config.host}, not only this computer: anyone who can "
                     "reach it can play the modules and write attempts, without a password")

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def refresh(self) -> BuildState | None:
        """Build again if the sources changed, and say so in the terminal."""
        state = self.builder.refresh()
        if state is not None:
            for problem in state.problems:
                self.log(str(problem))
            if state.errors:
                self.log(f"coursekit preview: {len(state.errors)} error(s) in the sources; the browser lists them too")
            else:
                modules = sum(len(course.modules) for course in state.courses)
                self.log(f"coursekit preview: built {state.rebuilt} of {modules} package(s) in {state.seconds:.2f} s")
        return state

    def activity(self, module: PreviewModule) -> Activity:
        """The module's package as an activity of the LMS (imported again when it was rebuilt)."""
        known = self.lms.activities.get(module.key)
        if known is None or self._imported.get(module.key) != module.revision:
            known = self.lms.add(import_folder(module.key, module.folder, self.config.settings or module.settings,
                                               self.config.standards))
            self._imported[module.key] = module.revision
        return known

    def start(self) -> None:
        """Build, then serve and watch in background threads (see close)."""
        self.refresh()
        self.watcher.start()
        self._serving = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
                                         name="coursekit-preview-server", daemon=True)
        self._serving.start()

    def serve_forever(self) -> None:
        self.refresh()
        self.watcher.start()
        try:
            self.httpd.serve_forever(poll_interval=SHUTDOWN_POLL_SECONDS)
        finally:
            self.watcher.stop()
            self.builder.close()
            self.httpd.server_close()

    def close(self) -> None:
        self.watcher.stop()
        self.builder.close()
        if self._serving is not None:
            self.httpd.shutdown()
            self._serving.join()
            self._serving = None
        self.httpd.server_close()


class PreviewHandler(BaseHTTPRequestHandler):
    preview: PreviewServer
    server_version = "coursekit-preview"
    timeout = REQUEST_SECONDS            # a client that sends half a request is dropped

    def do_GET(self) -> None:
        self._dispatch(GET_ROUTES)

    def do_POST(self) -> None:
        self._dispatch(POST_ROUTES)

    def log_message(self, format: str, *args) -> None:
        pass

    def _dispatch(self, routes) -> None:
        split = urlsplit(self.path)
        path = unquote(split.path, errors="replace")
        self.query = parse_qs(split.query)
        try:
            check_host(self)
            if "\x00" in path:
                raise BadRequest(HTTPStatus.BAD_REQUEST, "a NUL character in the path")
            for pattern, name in routes:
                match = pattern.fullmatch(path)
                if match:
                    return getattr(self, name)(**match.groupdict())
            self._not_found(f"There is no page at {printable(path)}.")
        except BadRequest as error:
            self._send(error.status, (error.message + "\n").encode("utf-8"), "text/plain; charset=utf-8")
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        except Exception as error:        # a fault of coursekit: one line in the terminal, a short answer
            self.preview.log(f"coursekit preview: error while answering {self.command} {printable(path)}: {error!r}")
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"coursekit preview failed here; the terminal says why\n",
                       "text/plain; charset=utf-8")

    def _learner(self, body: dict | None = None) -> Learner:
        name = (body or {}).get("learner") if body is not None else (self.query.get("learner") or [LEARNER])[0]
        name = LEARNER if name is None else name
        if not isinstance(name, str) or not LEARNER_NAME.fullmatch(name):
            raise BadRequest(HTTPStatus.BAD_REQUEST, "learner: letters, digits, '_', '.', '-', at most 64")
        return Learner(name, "Preview", "Learner") if name == LEARNER else Learner(name, "Lab", "Student")

    def _module(self, course: str, module: str) -> PreviewModule:
        found = self.preview.builder.current.module(course, module)
        if found is None:
            raise BadRequest(HTTPStatus.NOT_FOUND, f"There is no module {module} in a course {course}.")
        return found

    # Pages

    def index(self) -> None:
        state = self.preview.builder.current
        if state.errors:
            return self._html(errors_page(state))
        reports = {m.key: self.preview.lms.report(self.preview.activity(m).id, self._learner())
                   for course in state.courses for m in course.modules}
        self._html(index_page(state, reports))

    def player(self, course: str, module: str) -> None:
        state = self.preview.builder.current
        if state.errors:
            return self._html(errors_page(state))
        found = state.module(course, module)
        if found is None:
            return self._not_found(f"There is no module {module} in a course {course}.")
        activity, learner = self.preview.activity(found), self._learner()
        launch = self.preview.lms.launch(activity.id, learner)
        report = self.preview.lms.report(activity.id, learner)
        self._html(player_page(state, found, activity, launch, report, learner.username))

    def package_file(self, course: str, module: str, file: str) -> None:
        self._file(self._module(course, module).folder, file)

    def asset(self, name: str) -> None:
        self._file(preview_templates(), name)

    def lms_script(self, name: str) -> None:
        if name == DATA_MODEL_SCRIPT:
            return self._send(HTTPStatus.OK, data_model_script(), "text/javascript; charset=utf-8")
        self._file(templates_dir() / "lms", name)

    def events(self) -> None:
        """Server-Sent Events: the build id now, then each new one; a comment now and then keeps the line open."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        builder, seen = self.preview.builder, None
        self.wfile.write(b"retry: 1000\n\n")
        while not builder.closed:
            state = builder.wait_for_change(seen or "", KEEPALIVE_SECONDS)
            if builder.closed:
                break
            message = f"event: build\ndata: {state.id}\n\n" if state.id != seen else ": watching\n\n"
            seen = state.id
            self.wfile.write(message.encode("utf-8"))
            self.wfile.flush()

    # JSON

    def build_json(self) -> None:
        state = self.preview.builder.current
        self._json(HTTPStatus.OK, {
            "build": state.id, "seconds": round(state.seconds, 3),
            "modules": [module.key for course in state.courses for module in course.modules],
            "errors": [str(d) for d in state.errors], "warnings": [str(d) for d in state.warnings],
        })

    def report(self, course: str, module: str) -> None:
        activity = self.preview.activity(self._module(course, module))
        self._json(HTTPStatus.OK, report_json(activity, self.preview.lms.report(activity.id, self._learner())))

    def track(self, course: str, module: str) -> None:
        body = read_json(self)
        learner = self._learner(body)
        activity = self.preview.activity(self._module(course, module))
        attempt, sco, values = body.get("attempt"), body.get("sco"), body.get("values")
        if not isinstance(attempt, int) or isinstance(attempt, bool) or not 0 < attempt <= MAX_ATTEMPT:
            raise BadRequest(HTTPStatus.BAD_REQUEST, f"attempt: a number from 1 to {MAX_ATTEMPT}")
        if sco not in activity.sco_ids:
            raise BadRequest(HTTPStatus.BAD_REQUEST, "sco: not a SCO of this package")
        if not isinstance(values, list) or len(values) > MAX_VALUES or \
                not all(isinstance(pair, list) and len(pair) == 2 for pair in values):
            raise BadRequest(HTTPStatus.BAD_REQUEST, 'values: [["element", "value"], ...]')
        version = "2004" if activity.package.is_2004 else "1.2"
        problems = [problem for name, value in values if (problem := invalid_value(version, name, value))]
        if problems:
            raise BadRequest(HTTPStatus.UNPROCESSABLE_ENTITY, problems[0])
        answer = self.preview.lms.post(activity.id, learner, attempt, sco, [tuple(pair) for pair in values])
        self._json(HTTPStatus.OK, {"answer": answer, **report_json(activity, self.preview.lms.report(activity.id, learner))})

    def reset(self, course: str, module: str) -> None:
        learner = self._learner(read_json(self))
        activity = self.preview.activity(self._module(course, module))
        launch = self.preview.lms.launch(activity.id, learner, new_attempt=True)
        self._json(HTTPStatus.OK, {"attempt": launch["attempt"]})

    # Plumbing

    def _file(self, root: Path, relative: str) -> None:
        root = root.resolve()
        target = (root / relative).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return self._not_found(f"There is no file {printable(relative)} here.")
        try:
            body = target.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):     # gone with the package swapped meanwhile
            return self._not_found(f"There is no file {printable(relative)} here.")
        content_type = CONTENT_TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith(("javascript", "json", "xml")):
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, body, content_type)

    def _not_found(self, message: str) -> None:
        self._send(HTTPStatus.NOT_FOUND, not_found_page(self.preview.builder.current, message), "text/html; charset=utf-8")

    def _html(self, page: bytes) -> None:
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")

    def _json(self, status: HTTPStatus, payload: dict) -> None:
        import json
        self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


__all__ = ["PreviewConfig", "PreviewServer", "PackageError"]
