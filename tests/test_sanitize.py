"""--sanitize: the authors' raw HTML loses scripts and handlers; coursekit's own output is untouched."""
from __future__ import annotations

import zipfile

from lxml import html as lxml_html

from builder.build import build
from builder.diagnostics import Diagnostics
from builder.quiz.answer_key import module_salt, unseal
from tests.conftest import FIXTURES, REPO_ROOT

ACTIVE = ("<script", "onclick", "onerror", "onmouseover", "javascript:", "<iframe")


def page_of(zip_path) -> str:
    with zipfile.ZipFile(zip_path) as archive:
        return archive.read("index.html").decode("utf-8")


def test_raw_html_is_allowed_by_default_and_stripped_with_sanitize(tmp_path):
    plain = build([FIXTURES / "courses" / "raw-html"], tmp_path / "a", Diagnostics())
    clean = build([FIXTURES / "courses" / "raw-html"], tmp_path / "b", Diagnostics(), sanitize=True)
    assert all(marker in page_of(plain.written[0]) for marker in ("onclick", "javascript:", "<iframe"))
    page = page_of(clean.written[0])
    lessons = page.split("<main")[1].split('<script type="application/json" id="ck-config"')[0]
    assert [marker for marker in ACTIVE if marker in lessons] == []
    assert "<details><summary>More</summary>" in page and "A box an author pasted" in page
    package = clean.packages[0]
    salt = module_salt(package.course, package.module)
    [question] = package.module.quiz.questions
    key = unseal(salt, question.id, question.answer_key)
    assert [c["feedback"] for c in key["choices"]] == ["<i>Right</i>", "<span>Wrong</span>"]    # feedback is sanitized too
    assert "onerror" not in question.html


def structure(page: str) -> list:
    tree = lxml_html.fromstring(page)
    # The config holds sealed keys, whose bytes change with the serialisation of the feedback inside.
    return [(e.tag, sorted(e.attrib.items()), (e.text or "").strip(), (e.tail or "").strip()) for e in tree.iter()
            if isinstance(e.tag, str) and e.get("id") != "ck-config"]


def test_sanitizing_keeps_coursekits_own_pages_as_they_are(tmp_path):
    sources = [REPO_ROOT / "courses", FIXTURES / "courses" / "quiz", FIXTURES / "courses" / "sample"]
    plain = build(sources, tmp_path / "a", Diagnostics())
    clean = build(sources, tmp_path / "b", Diagnostics(), sanitize=True)
    for before, after in zip(plain.written, clean.written):
        assert structure(page_of(before)) == structure(page_of(after)), before.name
