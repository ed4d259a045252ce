"""The report page of `coursekit report` in Chromium: self-contained (no request leaves it), its charts drawn,
its figures and flags readable."""
from __future__ import annotations

import json

from builder.cli import main
from tests.report.moodle_report import table, write
from tests.report.test_scripted import COURSE, LEARNERS, ids, scripted  # noqa: F401  (ids: a fixture)


def test_the_page_asks_for_nothing_outside_it_and_shows_its_figures(ids, page, tmp_path):  # noqa: F811
    rows, _ = scripted(ids["Site selection"])
    path = write(tmp_path / "site.ods", table(["Site selection"], rows, roles=("id", "response")))
    assert main(["report", str(COURSE), "--responses", str(path), "--out", str(tmp_path / "out")]) == 0
    page_path = tmp_path / "out" / "report-planted_site-selection_report.html"
    figures = json.loads(page_path.with_suffix(".json").read_text())
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(page_path.as_uri())
    charts = page.eval_on_selector_all("svg.chart", "charts => charts.map(c => c.getBoundingClientRect().height)")
    text = page.inner_text("main")
    bars = page.eval_on_selector_all("svg.chart rect", "rects => rects.length")
    assert requests == [page_path.as_uri()] and problems == []
    choice_questions = sum(1 for q in figures["questions"] if q["responses"])
    assert len(charts) == 1 + choice_questions and all(height > 20 for height in charts)
    assert bars > 9 + choice_questions
    assert f"{LEARNERS + 1}\nattempts" in text
    assert "is the key right?" in text and "net lettable area" in text
    assert "01-site-selection/quiz.gift:" in page_path.read_text()
