"""Play built packages in Chromium under scorm-again, as Moodle's player would.

A local HTTP server (127.0.0.1 only) serves three trees: the test LMS host page (`/lms/`),
scorm-again from node_modules (`/scorm-again/`), and extracted packages (`/pkg/<name>/`).
"""
from __future__ import annotations

import http.server
import json
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
SCORM_AGAIN = REPO_ROOT / "node_modules" / "scorm-again" / "dist"


class _Handler(http.server.SimpleHTTPRequestHandler):
    roots: dict[str, Path] = {}

    def translate_path(self, path: str) -> str:
        parts = unquote(urlsplit(path).path).lstrip("/").split("/", 1)
        root = self.roots.get(parts[0])
        if root is None or len(parts) < 2:
            return str(HERE / "does-not-exist")
        target = (root / parts[1]).resolve()
        return str(target) if target.is_relative_to(root.resolve()) else str(HERE / "does-not-exist")

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


class LocalServer:
    def __init__(self, packages_dir: Path) -> None:
        roots = {"lms": HERE / "lms", "scorm-again": SCORM_AGAIN, "pkg": packages_dir}
        handler = type("Handler", (_Handler,), {"roots": roots})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.packages_dir = packages_dir
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add_package(self, zip_path: Path) -> str:
        """Extract a built zip where the server serves it; returns its name under /pkg/."""
        name = zip_path.stem
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(self.packages_dir / name)
        return name

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class LmsSession:
    """One launch of one SCO in the test LMS, with everything observed while it ran."""

    page: object
    server: LocalServer
    package: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)    # failed requests, page errors, console errors

    scorm2004: bool = False

    @classmethod
    def launch(cls, page, server: LocalServer, package: str, initial_cmi: dict | None = None,
               scorm2004: bool = False, launch: str = "index.html", faults: list[dict] | None = None) -> "LmsSession":
        """`faults`: LMS failures to inject, see lms/host.js."""
        session = cls(page, server, package, scorm2004=scorm2004)
        page.on("request", lambda request: session.requests.append(request.url))
        page.on("requestfailed", lambda request: session.failures.append(f"request failed: {request.url}"))
        page.on("response", lambda response: response.status >= 400 and session.failures.append(f"HTTP {response.status}: {response.url}"))
        page.on("pageerror", lambda error: session.failures.append(f"page error: {error}"))
        page.on("console", lambda message: message.type == "error" and session.failures.append(f"console: {message.text}"))
        if initial_cmi is not None:
            page.add_init_script(f"window.__initialCMI = {json.dumps(initial_cmi)};")
        if faults:
            page.add_init_script(f"window.__faults = {json.dumps(faults)};")
        api = "&api=2004" if scorm2004 else ""
        page.goto(f"{server.base}/lms/host.html?launch=/pkg/{package}/{launch}{api}")
        session.sco.wait_for_selector("body.ck-js")
        return session

    @property
    def sco(self):
        return self.page.query_selector("#sco").content_frame()

    def calls(self, method: str | None = None) -> list[dict]:
        calls = self.page.evaluate("window.lmsCalls")
        return [c for c in calls if method is None or c["method"] == method]

    def cmi(self) -> dict:
        return self.page.evaluate(f"JSON.parse(JSON.stringify(window.{'API_1484_11' if self.scorm2004 else 'API'}.cmi))")

    def unload(self) -> None:
        """Close the SCO as Moodle does when the learner leaves: its frame goes away."""
        self.page.evaluate("document.getElementById('sco').remove()")
        finish = "Terminate" if self.scorm2004 else "LMSFinish"
        self.page.wait_for_function(f"window.lmsCalls.some(c => c.method === '{finish}')", timeout=5000)

    def outside_requests(self) -> list[str]:
        """Requests the SCO made outside its own package (the host's own files excluded)."""
        allowed = (f"{self.server.base}/pkg/{self.package}/", f"{self.server.base}/lms/", f"{self.server.base}/scorm-again/")
        return [url for url in self.requests if not url.startswith(allowed)]


def relaunch_cmi_2004(previous: dict) -> dict:
    """What an LMS hands a SCORM 2004 SCO on its next launch."""
    return {
        "location": previous.get("location", ""), "suspend_data": previous.get("suspend_data", ""),
        "completion_status": previous.get("completion_status", "unknown"),
        "success_status": previous.get("success_status", "unknown"),
        "entry": "resume" if previous.get("exit") == "suspend" else "",
    }


def relaunch_cmi(previous: dict) -> dict:
    """What Moodle hands a SCO on its next launch: the saved data, entry=resume after a suspend."""
    core = previous["core"]
    return {
        "core": {
            "lesson_location": core.get("lesson_location", ""),
            "lesson_status": core.get("lesson_status", "not attempted"),
            "entry": "resume" if core.get("exit") == "suspend" else "",
        },
        "suspend_data": previous.get("suspend_data", ""),
    }
