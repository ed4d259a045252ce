"""The README's picture of `coursekit report`: the item analysis of the interactions report a real Moodle
gave for five learners (../shared/moodle-reference/interactions-report/), photographed in Debian's Chromium.

    python scripts/report_screenshot.py [--out docs/screenshots]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder.diagnostics import Diagnostics  # noqa: E402
from builder.report.command import report  # noqa: E402

REFERENCE = REPO.parent / "shared" / "moodle-reference" / "interactions-report" / "interactions_all-options.xlsx"
COURSE = REPO / "tests" / "fixtures" / "courses" / "report-reference"
NAME, VIEWPORT = "report.png", (1100, 900)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    options = parser.parse_args(argv)
    if not REFERENCE.is_file():
        print(f"report_screenshot: {REFERENCE} not found: the picture is made from Moodle's own download", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        diagnostics = Diagnostics()
        written = report(COURSE, [REFERENCE], Path(work), diagnostics)
        if diagnostics.has_errors:
            print("\n".join(map(str, diagnostics)), file=sys.stderr)
            return 1
        page = next(path for path in written if path.suffix == ".html")
        options.out.mkdir(parents=True, exist_ok=True)
        photograph(page, options.out / NAME)
    print(options.out / NAME)
    return 0


def photograph(page_path: Path, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": VIEWPORT[0], "height": VIEWPORT[1]})
        page.goto(page_path.as_uri())
        page.screenshot(path=str(target))
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
