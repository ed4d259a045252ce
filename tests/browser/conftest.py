"""Browser fixtures: Debian's Chromium driven by Playwright (never a downloaded browser)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from tests.browser.harness import SCORM_AGAIN, LocalServer
from tests.conftest import FIXTURES

CHROMIUM = os.environ.get("COURSEKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    if not (SCORM_AGAIN / "scorm12.js").exists():
        pytest.fail("scorm-again is not installed: run npm ci")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    server = LocalServer(tmp_path_factory.mktemp("served"))
    yield server
    server.close()


@pytest.fixture(scope="session")
def sample_packages(tmp_path_factory) -> dict[str, Path]:
    """The fixture course, built once: module id -> zip."""
    out = tmp_path_factory.mktemp("dist")
    diagnostics = Diagnostics()
    result = build([FIXTURES / "courses" / "sample"], out, diagnostics)
    assert not diagnostics.has_errors, [str(d) for d in diagnostics]
    return {package.module.id: path for package, path in zip(result.packages, result.written)}
