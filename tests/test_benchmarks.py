"""The benchmarks are not tests: this runs them once in --quick mode, so that they cannot rot unnoticed."""
from __future__ import annotations

import json
import subprocess
import sys
from numbers import Real

from tests.conftest import REPO_ROOT

# Every section of the results, with the figures each must hold.
SECTIONS = {
    "default_build": ["seconds", "cpu_seconds", "peak_rss_mb", "lessons", "packages"],
    "incremental": ["full_seconds", "rebuild_seconds", "ratio"],
    "markdown_floor": ["markdown_seconds", "build_seconds", "ratio"],
    "package_size": ["largest_zip_bytes", "largest_without_media_bytes"],
    "learner": ["first_contentful_paint_ms", "html_received_ms", "dom_content_loaded_ms", "lesson_switch_ms", "quiz_grade_ms"],
    "lms_traffic": ["set_values", "commits", "answered_questions", "commits_per_answered_question"],
}
AGAINST_MARKDOWN = {"default": ["build_ms", "markdown_ms", "ratio"], "short": ["build_ms", "markdown_ms", "ratio"],
                    "cold": ["build_cpu_seconds", "markdown_cpu_seconds", "ratio"]}
SCALE_FIGURES = ["lessons", "build_seconds", "per_lesson_ms", "markdown_per_lesson_ms", "peak_rss_mb"]
RUNTIME_FIGURES = ["js_bytes", "css_bytes", "js_gzip_bytes", "css_gzip_bytes", "total_gzip_bytes"]


def positive_numbers(section: dict, names: list[str]) -> dict:
    return {name: section.get(name) for name in names
            if not (isinstance(section.get(name), Real) and not isinstance(section.get(name), bool) and section[name] > 0)}


def test_quick_run_writes_every_section_with_numbers(tmp_path):
    out = tmp_path / "results" / "latest.json"
    completed = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
                               cwd=REPO_ROOT, capture_output=True, text=True, timeout=180)
    assert completed.returncode == 0, completed.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))

    for section, names in SECTIONS.items():
        assert positive_numbers(results[section], names) == {}, section
    for kind, names in AGAINST_MARKDOWN.items():
        assert positive_numbers(results["against_markdown"][kind], names) == {}, kind
    assert {row["measure"].split(",")[0] for row in results["targets"]} >= {"CPU time per added lesson", "Cold build of the default courses"}
    sizes = results["scale"]["sizes"]
    assert [size["lessons"] for size in sizes] == [10]                       # --quick: the smallest size only
    assert positive_numbers(sizes[0], SCALE_FIGURES) == {}
    assert positive_numbers(results["package_size"]["runtime"], RUNTIME_FIGURES) == {}
    for module in results["package_size"]["modules"]:
        assert 0 < module["without_media_bytes"] <= module["zip_bytes"], module
    assert results["lms_traffic"]["answered_questions"] == 9                 # the quiz fixture, answered in full
    assert results["lms_traffic"]["rejected_calls"] == 0
    assert results["meta"]["quick"] is True

    targets = results["targets"]
    assert len(targets) == 10 and all(target["met"] in (True, False, None) for target in targets)
    assert [t["measure"] for t in targets if t["met"] is None] == ["Per-lesson cost, largest vs smallest size"]
    assert completed.stdout.startswith("| Measure | Result | Target | |")
