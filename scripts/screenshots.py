"""Screenshots of the sample courses for the README: desktop, phone, and Arabic (right to left).

    python scripts/screenshots.py [--out docs/screenshots]

Builds the packages, serves them on 127.0.0.1, and photographs them in Debian's Chromium.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder.build import build  # noqa: E402
from builder.diagnostics import Diagnostics  # noqa: E402

SHOTS = [  # file, source, lesson to open, viewport
    ("desktop.png", REPO / "courses" / "industrial-parks" / "02-investment-financing", "financial-economic-appraisal", (1280, 860)),
    ("phone.png", REPO / "courses" / "parques-industriales" / "01-planificacion-desarrollo", "plan-maestro-infraestructura-fases", (390, 780)),
    ("arabic.png", REPO / "tests" / "fixtures" / "courses" / "languages" / "ar", None, (1100, 760)),
]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    options = parser.parse_args(argv)
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        served = Path(work)
        for name, source, _, _ in SHOTS:
            diagnostics = Diagnostics()
            result = build([source], served / "dist", diagnostics)
            if diagnostics.has_errors:
                print("\n".join(map(str, diagnostics)), file=sys.stderr)
                return 1
            with zipfile.ZipFile(result.written[0]) as archive:
                archive.extractall(served / Path(name).stem)
        handler = functools.partial(QuietHandler, directory=str(served))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            photograph(f"http://127.0.0.1:{server.server_address[1]}", options.out)
        finally:
            server.shutdown()
    return 0


def photograph(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, _, lesson, (width, height) in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{base}/{Path(name).stem}/index.html")
            page.wait_for_selector("body.ck-js")
            if lesson:
                page.evaluate(f"document.querySelector('#ck-nav a[data-lesson=\"{lesson}\"]').click()")
            page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")   # no focus ring in the picture
            page.screenshot(path=str(out / name))
            print(out / name)
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
