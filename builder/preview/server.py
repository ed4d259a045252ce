"""The preview server: the standard library's ThreadingHTTPServer (127.0.0.1 unless told otherwise).

    GET  /                                          courses and modules, with each one's attempt
    GET  /modules/<course>/<module>/                the player: the module under an LMS API, and the panel
    GET  /packages/<course>/<module>/<file>         the files of the module's package, as built
    GET  /assets/<file>                             the preview's own script and stylesheet
    GET  /scorm-again/scorm12.js                    scorm-again's SCORM 1.2 API, from node_modules
    GET  /events                                    Server-Sent Events: the id of each new build
    GET  /api/build                                 the current build: id, modules, errors, warnings
    GET  /api/modules/<course>/<module>/attempt     the module's current attempt
    POST /api/modules/<course>/<module>/commit      {"attempt": id, "event": "commit"|"finish", "values": {...}}
    POST /api/modules/<course>/<module>/reset       start the next attempt

While the sources have errors, every page is the list of errors.
"""
from __future__ import annotations

import json
import mimetypes
import re
import sys
import threading
import traceback
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from builder.preview.attempts import EVENTS, AttemptRecord, AttemptStore, UnknownAttempt
from builder.preview.builds import BuildState, PreviewBuilder
from builder.preview.pages import (
    Endpoints, errors_page, index_page, not_found_page, player_page, preview_templates, stored_fragment,
)
from builder.preview.watch import Watcher

DATABASE = "preview.sqlite3"
BUILDS = "preview"                    # extracted packages; .coursekit/cache/ is the build command's render cache
KEEPALIVE_SECONDS = 15.0
SHUTDOWN_POLL_SECONDS = 0.05          # how soon serve_forever notices a shutdown
MAX_BODY = 1 << 20
NAME = r"[a-z0-9][a-z0-9-]*"
MODULE = rf"(?P<course>{NAME})/(?P<module>{NAME})"
GET_ROUTES = (
    (re.compile(r"/"), "index"),
    (re.compile(rf"/modules/{MODULE}/"), "player"),
    (re.compile(rf"/packages/{MODULE}/(?P<file>.+)"), "package_file"),
    (re.compile(r"/assets/(?P<name>[a-z0-9-]+\.(?:css|js))"), "asset"),
    (re.compile(r"/scorm-again/scorm12\.js"), "scorm_again"),
    (re.compile(r"/events"), "events"),
    (re.compile(r"/api/build"), "build_json"),
    (re.compile(rf"/api/modules/{MODULE}/attempt"), "attempt_json"),
)
POST_ROUTES = (
    (re.compile(rf"/api/modules/{MODULE}/commit"), "commit"),
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
    scorm_again: Path | None = None                  # scorm-again's dist/ folder, when installed
    scorm_again_searched: list[Path] = field(default_factory=list)
    poll_seconds: float = 0.5


class PreviewServer:
    def __init__(self, config: PreviewConfig, log: Callable[[str], None] | None = None) -> None:
        self.config = config
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.store = AttemptStore(config.state_dir / DATABASE)
        self.builder = PreviewBuilder(config.paths, config.state_dir / BUILDS, skipped={config.state_dir})
        handler = type("BoundPreviewHandler", (PreviewHandler,), {"preview": self})
        self.httpd = ThreadingHTTPServer((config.host, config.port), handler)   # OSError when the port is taken
        self.watcher = Watcher(self.refresh, config.poll_seconds)
        self._serving: threading.Thread | None = None

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
                self.log(f"coursekit preview: built {state.rebuilt} of {modules} module(s) in {state.seconds:.2f} s")
        return state

    def start(self) -> None:
        """Build, then serve and watch in background threads (see close)."""
        self.refresh()
        self.watcher.start()
        self._serving = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
                                         name="coursekit-preview-server", daemon=True)
        self._serving.start()

    def serve_forever(self) -> None:
        """Build, then serve in this thread until interrupted."""
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
        self.builder.close()             # ends the event streams
        if self._serving is not None:
            self.httpd.shutdown()
            self._serving.join()
            self._serving = None
        self.httpd.server_close()


class PreviewHandler(BaseHTTPRequestHandler):
    preview: PreviewServer
    server_version = "coursekit-preview"

    def do_GET(self) -> None:
        self._dispatch(GET_ROUTES)

    def do_POST(self) -> None:
        self._dispatch(POST_ROUTES)

    def log_message(self, format: str, *args) -> None:   # one line per request would drown the build messages
        pass

    def _dispatch(self, routes) -> None:
        path = unquote(urlsplit(self.path).path)
        try:
            for pattern, name in routes:
                match = pattern.fullmatch(path)
                if match:
                    return getattr(self, name)(**match.groupdict())
            self._not_found(f"There is no page at {path}.")
        except (BrokenPipeError, ConnectionResetError):
            pass                                              # the browser went away: nothing to answer
        except Exception:
            self.preview.log(f"coursekit preview: error while answering {self.command} {path}:\n{traceback.format_exc()}")
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"coursekit preview failed here; the terminal has the details\n",
                       "text/plain; charset=utf-8")

    # Pages

    def index(self) -> None:
        state = self.preview.builder.current
        if state.errors:
            return self._html(errors_page(state))
        records = {module.key: self.preview.store.latest(module.key) for course in state.courses for module in course.modules}
        self._html(index_page(state, records))

    def player(self, course: str, module: str) -> None:
        state = self.preview.builder.current
        if state.errors:
            return self._html(errors_page(state))
        found = state.module(course, module)
        if found is None:
            return self._not_found(f"There is no module {module} in a course {course}.")
        record = self.preview.store.current(found.key)
        api = f"/api/modules/{found.key}"
        endpoints = Endpoints(f"/packages/{found.key}/index.html", f"{api}/commit", f"{api}/reset")
        config = self.preview.config
        self._html(player_page(state, found, record, endpoints, config.scorm_again is not None, config.scorm_again_searched))

    def package_file(self, course: str, module: str, file: str) -> None:
        found = self.preview.builder.current.module(course, module)
        if found is None:
            return self._not_found(f"There is no module {module} in a course {course}.")
        self._file(found.folder, file)

    def asset(self, name: str) -> None:
        self._file(preview_templates(), name)

    def scorm_again(self) -> None:
        folder = self.preview.config.scorm_again
        if folder is None:
            return self._send(HTTPStatus.NOT_FOUND, b"scorm-again is not installed: npm install scorm-again\n",
                              "text/plain; charset=utf-8")
        self._file(folder, "scorm12.js")

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

    def attempt_json(self, course: str, module: str) -> None:
        record = self.preview.store.latest(f"{course}/{module}")
        self._json(HTTPStatus.OK, attempt_payload(record) if record else {"attempt": None})

    def commit(self, course: str, module: str) -> None:
        body = self._json_body()
        if body is None:
            return
        attempt, event, values = body.get("attempt"), body.get("event"), body.get("values")
        if not isinstance(attempt, int) or event not in EVENTS or not isinstance(values, dict) \
                or not all(isinstance(k, str) and isinstance(v, str) for k, v in values.items()):
            return self._json(HTTPStatus.BAD_REQUEST, {"error": 'expected {"attempt": number, "event": "commit" or '
                                                                '"finish", "values": {"element": "value"}}'})
        try:
            record = self.preview.store.record(f"{course}/{module}", attempt, event, values)
        except UnknownAttempt as error:
            return self._json(HTTPStatus.CONFLICT, {"error": str(error)})
        self._json(HTTPStatus.OK, attempt_payload(record))

    def reset(self, course: str, module: str) -> None:
        if self._json_body() is not None:
            self._json(HTTPStatus.OK, attempt_payload(self.preview.store.reset(f"{course}/{module}")))

    # Plumbing

    def _json_body(self) -> dict | None:
        """The request's JSON object, or None after answering why not. Requiring application/json
        also keeps other web sites out: a cross-site form cannot send it."""
        if self.headers.get_content_type() != "application/json":
            self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send application/json"})
            return None
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "too large"})
            return None
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"not JSON: {error}"})
            return None
        if not isinstance(body, dict):
            self._json(HTTPStatus.BAD_REQUEST, {"error": "expected a JSON object"})
            return None
        return body

    def _file(self, root: Path, relative: str) -> None:
        root = root.resolve()
        target = (root / relative).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            return self._not_found(f"There is no file {relative} here.")
        content_type = CONTENT_TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith(("javascript", "json", "xml")):
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, target.read_bytes(), content_type)

    def _not_found(self, message: str) -> None:
        self._send(HTTPStatus.NOT_FOUND, not_found_page(self.preview.builder.current, message), "text/html; charset=utf-8")

    def _html(self, page: bytes) -> None:
        self._send(HTTPStatus.OK, page, "text/html; charset=utf-8")

    def _json(self, status: HTTPStatus, payload: dict) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")       # a rebuilt package must never come from a cache
        self.end_headers()
        self.wfile.write(body)


def attempt_payload(record: AttemptRecord) -> dict:
    """An attempt as JSON, with the panel's "stored" section already rendered."""
    attempt = record.attempt
    return {
        "attempt": {"id": attempt.id, "number": attempt.number, "started_at": attempt.started_at},
        "tracks": record.tracks,
        "commits": [{"event": c.event, "at": c.at, "sent": c.sent} for c in record.commits],
        "stored_html": stored_fragment(record),
    }
