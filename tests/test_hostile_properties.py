"""Properties: random bytes in any file of a course never give an exception or a hang, and what a
build packages never carries active content."""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from builder.build import build  # noqa: E402
from builder.diagnostics import Diagnostics  # noqa: E402
from builder.images import check_image  # noqa: E402
from builder.markdown_ext.nesting import too_deep  # noqa: E402
from builder.svg import clean_svg  # noqa: E402
from tests.conftest import COURSE_YML, one_module_course  # noqa: E402
from tests.test_hostile_input import active_content  # noqa: E402
from tests.test_lint import png  # noqa: E402

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SLOWEST = 20.0          # seconds for one build of a small course: far below a hang, far above a normal build

MARKDOWN_TOKENS = ["[", "]", "(", ")", "<", ">", "- ", "    ", "> ", "*", "_", "`", "```", "\n", "\n\n", "#", "|", "![a](",
                   "x.png)", "<div markdown=\"1\">", "</div>", "&", "\\", "$", ":::", "1. ", "[^1]", "\t", "a b", "\x00", "\x1b"]
markdown_like = st.one_of(st.binary(max_size=3000), st.lists(st.sampled_from(MARKDOWN_TOKENS), max_size=600).map(lambda t: "".join(t).encode()))
FILES = ["course.yml", "01-m/module.yml", "01-m/01-l.md", "01-m/quiz.gift", "01-m/picture.png", "01-m/plan.svg"]


def make_course(root: Path) -> Path:
    return one_module_course(root, "![A picture](picture.png) ![A plan](plan.svg)\n", course=COURSE_YML + "mastery_score: 50\n",
                             files={"quiz.gift": "::Q:: Is it? {T}\n", "picture.png": png(2, 2),
                                    "plan.svg": "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'/>"})


def build_in_time(course: Path, out: Path | None) -> tuple[Diagnostics, object]:
    diagnostics = Diagnostics()
    started = time.monotonic()
    result = build([course], out, diagnostics)
    assert time.monotonic() - started < SLOWEST
    return diagnostics, result


@SETTINGS
@given(name=st.sampled_from(FILES), data=markdown_like)
def test_random_bytes_in_any_file_never_raise_or_hang(tmp_path_factory, name, data):
    course = make_course(tmp_path_factory.mktemp("course"))
    (course / name).write_bytes(data if name != "01-m/01-l.md" else b"---\ntitle: L\n---\n" + data)
    diagnostics, _ = build_in_time(course, None)
    assert all(d.location.line >= 1 and d.location.col >= 1 for d in diagnostics)


@SETTINGS
@given(st.lists(st.sampled_from(MARKDOWN_TOKENS), max_size=3000).map("".join))
def test_what_the_nesting_scan_lets_through_converts_quickly(tmp_path_factory, body):
    course = make_course(tmp_path_factory.mktemp("course"))
    (course / "01-m" / "01-l.md").write_text("---\ntitle: L\n---\n" + body.replace("\x00", "").replace("\x1b", ""))
    build_in_time(course, None)


SVG_TOKENS = ["<svg xmlns='http://www.w3.org/2000/svg'>", "</svg>", "<script>alert(1)</script>", "<g>", "</g>",
              "<a href='javascript:x()'>", "<a xlink:href='http://e.org/'>", "</a>", " onload='x()'", "<rect onclick='y()'/>",
              "<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>x</p></foreignObject>", "<style>@import 'http://e.org/a.css';</style>",
              "<style>a{fill:url(https://e.org/x)}</style>", "<image href='//e.org/p.png'/>", "<use href='other.svg#a'/>",
              "<set attributeName='href' to='javascript:z()'/>", "<animate attributeName='onclick' to='z()'/>",
              "<!DOCTYPE svg [<!ENTITY e 'x'>]>", "&e;", "<?xml-stylesheet href='http://e.org/s.css'?>", "<![CDATA[<script>]]>",
              "<circle fill='url(#g)' style='fill:url(http://e.org/)'/>", "<text>t</text>", "<!-- c -->",
              "<svg:script xmlns:svg='http://www.w3.org/2000/svg'>1</svg:script>", "<SCRIPT>2</SCRIPT>",
              "<a><animate attributeName='xlink:href' values='javascript:1'/></a>"]


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(SVG_TOKENS), max_size=30).map(lambda t: "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>" + "".join(t) + "</svg>"))
def test_a_cleaned_svg_never_holds_active_content(source):
    cleaned = clean_svg(source.encode())
    if cleaned.data is not None:
        assert active_content(cleaned.data) == []
        assert clean_svg(cleaned.data).removed == []        # cleaning is complete in one pass


@settings(max_examples=200, deadline=None, database=None)
@given(st.binary(max_size=2000), st.sampled_from([".png", ".jpg", ".gif", ".webp", ".svg"]))
def test_image_checks_never_raise(data, suffix):
    check_image(data, suffix)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=5000))
def test_the_nesting_scan_never_raises(text):
    too_deep(text)


def test_a_package_built_from_a_hostile_svg_is_clean(tmp_path):
    course = make_course(tmp_path / "course")
    hostile = ["<script>alert(1)</script>", "<rect onclick='y()'/>", "<style>@import 'http://e.org/a.css';</style>",
               "<image href='//e.org/p.png'/>", "<use href='other.svg#a'/>", "<set attributeName='href' to='javascript:z()'/>",
               "<circle fill='url(#g)' style='fill:url(http://e.org/)'/>", "<SCRIPT>2</SCRIPT>"]
    (course / "01-m" / "plan.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'>" + "".join(hostile) + "</svg>")
    diagnostics, result = build_in_time(course, tmp_path / "dist")
    assert not diagnostics.errors
    with zipfile.ZipFile(result.written[0]) as archive:
        assert active_content(archive.read("media/plan.svg")) == []
