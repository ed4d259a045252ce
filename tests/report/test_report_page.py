"""The report page in Chromium: self-contained (no request leaves it), its charts drawn, its text readable;
and the README's picture of it still made by its script."""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys

import pytest

from builder.cli import main
from tests.conftest import REPO_ROOT
from tests.report.moodle_report import table, write
from tests.report.test_scripted import COURSE, LEARNERS, ids, scripted  # noqa: F401  (ids: a fixture)

REFERENCE = REPO_ROOT.parent / "shared" / "moodle-reference" / "interactions-report"


def test_the_page_asks_for_nothing_outside_it_and_shows_its_figures(ids, tmp_path):  # noqa: F811
    from playwright.sync_api import sync_playwright

    rows, _ = scripted(ids["Site selection"])
    path = write(tmp_path / "site.ods", table(["Site selection"], rows, roles=("id", "response")))
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 0
    page_path = tmp_path / "out" / "report-planted_site-selection_report.html"
    figures = json.loads(page_path.with_suffix(".json").read_text())
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        requests, problems = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
        page.goto(page_path.as_uri())
        charts = page.eval_on_selector_all("svg.chart", "charts => charts.map(c => c.getBoundingClientRect().height)")
        text = page.inner_text("main")
        bars = page.eval_on_selector_all("svg.chart rect", "rects => rects.length")
        browser.close()
    assert requests == [page_path.as_uri()] and problems == []
    choice_questions = sum(1 for q in figures["questions"] if q["responses"])
    assert len(charts) == 1 + choice_questions and all(height > 20 for height in charts)
    assert bars > 9 + choice_questions
    assert f"{LEARNERS + 1}\nattempts" in text
    assert "is the key right?" in text and "net lettable area" in text
    assert "01-site-selection/quiz.gift:" in page_path.read_text()


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/moodle-reference/interactions-report/ not found")
def test_the_readme_picture_script_photographs_the_report(tmp_path):
    run = subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "report_screenshot.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    header = (tmp_path / "report.png").read_bytes()[:24]
    assert header.startswith(b"\x89PNG") and struct.unpack(">II", header[16:24]) == (1100, 900)
