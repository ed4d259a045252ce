"""What every built page promises: a Content-Security-Policy, no inline code, limits on what ships."""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import html as lxml_html

from builder.build import build
from builder.cli import main
from builder.diagnostics import Diagnostics
from tests.conftest import FIXTURES, REPO_ROOT, one_module_course


def test_every_page_runs_under_a_strict_content_security_policy(tmp_path):
    sources = [REPO_ROOT / "courses", FIXTURES / "courses" / "quiz", FIXTURES / "courses" / "sample"]
    result = build(sources, tmp_path, Diagnostics())
    assert len(result.written) == sum(len(list(source.glob("**/module.yml"))) for source in sources)
    for zip_path in result.written:
        with zipfile.ZipFile(zip_path) as archive:
            page = lxml_html.fromstring(archive.read("index.html"))
        [policy] = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
        assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
        handlers = [(e.tag, name) for e in page.iter() if isinstance(e.tag, str) for name in e.attrib if name.startswith("on")]
        assert handlers == [], zip_path.name
        inline = [s for s in page.iter("script") if s.get("src") is None and s.get("type") != "application/json"]
        assert inline == [], zip_path.name


def test_an_oversized_image_is_an_error_and_nothing_is_written(tmp_path, capsys, monkeypatch):
    course = one_module_course(tmp_path / "course", "A photo:\n\n![Aerial view of the park](aerial.jpg)\n")
    with open(course / "01-m" / "aerial.jpg", "wb") as image:           # 50 MB, sparse: cheap to make
        image.truncate(50 * 1024 * 1024)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "course", "--out", "dist"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "course/01-m/01-l.md:6:28: error: image 'aerial.jpg' is 50.0 MB, more than the 10 MB a package should carry: compress or resize it [image-too-large]",
        "coursekit: 1 error; nothing was written",
    ]
    assert not Path(tmp_path / "dist").exists()
