"""Fixtures for the preview: servers on free ports with their state in a temporary folder, and
Debian's Chromium driven by Playwright as in tests/browser/conftest.py (never a downloaded browser)."""
from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import pytest

from builder.preview.server import PreviewConfig, PreviewServer

CHROMIUM = os.environ.get("COURSEKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


class Chromium:
    """Chromium, driven from a thread of its own. tests/browser/ keeps a Playwright (sync API) running
    in the main thread for the whole session, and the sync API allows one per thread: this one runs
    beside it. Each scenario gets a fresh browser context and page, on that thread."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self._thread.submit(self._launch).result()

    def _launch(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def run(self, scenario: Callable[[object], None]) -> None:
        """Play `scenario(page)` in Chromium; its failures are raised here."""
        self._thread.submit(self._play, scenario).result()

    def _play(self, scenario: Callable[[object], None]) -> None:
        context = self._browser.new_context(viewport={"width": 1400, "height": 900})
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            scenario(page)
        finally:
            context.close()

    def close(self) -> None:
        def stop() -> None:
            self._browser.close()
            self._playwright.stop()

        self._thread.submit(stop).result()
        self._thread.shutdown()


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    chromium = Chromium()
    yield chromium
    chromium.close()


@pytest.fixture
def state_dir(tmp_path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def start_preview(state_dir):
    """Start a preview server (port 0: any free port) in background threads; all are closed at the end."""
    servers: list[PreviewServer] = []

    def start(*paths: Path, poll_seconds: float = 0.1, **options) -> PreviewServer:
        config = PreviewConfig(paths=list(paths), state_dir=state_dir, port=0, poll_seconds=poll_seconds, **options)
        server = PreviewServer(config, log=lambda message: None)
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="module")
def start_preview_once(tmp_path_factory):
    """One preview server for many generated requests, and what it logged."""
    logged: list[str] = []
    server = PreviewServer(PreviewConfig([Path(__file__).resolve().parent.parent / "fixtures" / "courses" / "quiz"],
                                         tmp_path_factory.mktemp("state"), port=0, poll_seconds=3600), log=logged.append)
    server.start()
    server.httpd.RequestHandlerClass.timeout = 1.0
    yield server, logged
    server.close()
