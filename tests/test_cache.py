"""Rendering from the cache and in parallel gives exactly what a fresh sequential build gives,
and any change to what a module reads renders it anew."""
from __future__ import annotations

import hashlib
import shutil

import pytest

import builder.cache
from builder.build import build
from builder.diagnostics import Diagnostics
from builder.lesson_memo import LessonMemo
from tests.conftest import FIXTURES, REPO_ROOT, one_module_course
from tests.test_lint import png


def digests(result) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in result.written}


@pytest.fixture
def course(tmp_path):
    shutil.copytree(FIXTURES / "courses" / "sample", tmp_path / "sample")
    return tmp_path / "sample"


def test_cached_parallel_and_sequential_builds_are_identical(tmp_path, monkeypatch):
    sources = [REPO_ROOT / "courses"]
    sequential_out = tmp_path / "seq"
    monkeypatch.setattr(builder.cache, "PARALLEL_FROM", 1000)
    sequential = digests(build(sources, sequential_out, Diagnostics()))
    monkeypatch.setattr(builder.cache, "PARALLEL_FROM", 2)
    parallel = digests(build(sources, tmp_path / "par", Diagnostics()))
    first = digests(build(sources, tmp_path / "c1", Diagnostics(), cache_dir=tmp_path / "cache"))
    calls = []
    monkeypatch.setattr(builder.cache, "_render_one", lambda task, memo=None: calls.append(task) or pytest.fail("rendered again"))
    cached = digests(build(sources, tmp_path / "c2", Diagnostics(), cache_dir=tmp_path / "cache"))
    assert sequential == parallel == first == cached and len(sequential) == len(list(sources[0].glob("*/*/module.yml")))


def rendered_modules(course, cache, monkeypatch) -> list[str]:
    """Build with the cache; the ids of the modules that had to be rendered."""
    rendered = []
    original = builder.cache._render_one
    monkeypatch.setattr(builder.cache, "_render_one", lambda task, memo=None: rendered.append(task[1].id) or original(task, memo))
    diagnostics = Diagnostics()
    build([course], course.parent / "out", diagnostics, cache_dir=cache)
    return rendered


def test_only_what_changed_is_rendered_again(course, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    assert rendered_modules(course, cache, monkeypatch) == ["site-planning", "financing"]
    assert rendered_modules(course, cache, monkeypatch) == []
    lesson = course / "02-financing" / "02-revenue.md"
    lesson.write_text(lesson.read_text() + "\nA new sentence.\n")
    assert rendered_modules(course, cache, monkeypatch) == ["financing"]
    (course / "shared" / "logo.png").write_bytes((course / "shared" / "logo.png").read_bytes() + b"\0")   # used by financing
    assert rendered_modules(course, cache, monkeypatch) == ["financing"]
    (course / "course.yml").write_text((course / "course.yml").read_text().replace("language: en", "language: es"))
    assert rendered_modules(course, cache, monkeypatch) == ["site-planning", "financing"]


def test_a_new_version_of_coursekit_renders_anew(course, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    rendered_modules(course, cache, monkeypatch)
    monkeypatch.setattr(builder.cache, "code_fingerprint", lambda: "another version")
    assert rendered_modules(course, cache, monkeypatch) == ["site-planning", "financing"]


def test_a_fixed_broken_link_outside_the_module_is_noticed(tmp_path, monkeypatch):
    root = one_module_course(tmp_path / "c", "[Handbook](../docs/handbook.pdf)\n")
    cache, diagnostics = tmp_path / "cache", Diagnostics()
    build([root], tmp_path / "out", diagnostics, cache_dir=cache)
    assert [d.rule for d in diagnostics] == ["link-broken"]
    (root / "docs").mkdir()
    (root / "docs" / "handbook.pdf").write_bytes(b"%PDF")
    diagnostics = Diagnostics()
    build([root], tmp_path / "out", diagnostics, cache_dir=cache)
    assert list(diagnostics) == []


def test_a_broken_cache_entry_is_ignored(course, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    rendered_modules(course, cache, monkeypatch)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert rendered_modules(course, cache, monkeypatch) == ["site-planning", "financing"]


def test_a_rebuild_in_the_same_process_reuses_unchanged_lessons_and_gives_the_same_packages(tmp_path, monkeypatch):
    """What the preview does on save: most lessons of the edited module come from the lesson memo."""
    from builder.lessons import LessonRenderer

    for name in ("a", "b"):
        shutil.copytree(REPO_ROOT / "courses", tmp_path / name)
    memo = LessonMemo()
    build([tmp_path / "a"], tmp_path / "out-a", Diagnostics(), cache_dir=tmp_path / "cache", memo=memo)
    for root in ("a", "b"):                                    # the same edit in both trees
        lesson = tmp_path / root / "industrial-parks" / "01-planning-development" / "02-demand-site-feasibility.md"
        lesson.write_text(lesson.read_text() + "\nSee the [glossary](06-summary-glossary.md).\n")
    converted = []
    real_render = LessonRenderer.render
    monkeypatch.setattr(LessonRenderer, "render", lambda renderer, lesson: converted.append(lesson.id) or real_render(renderer, lesson))
    rebuilt = digests(build([tmp_path / "a"], tmp_path / "out-a", Diagnostics(), cache_dir=tmp_path / "cache", memo=memo))
    assert converted == ["demand-site-feasibility"]            # the other five lessons came from the memo
    fresh = digests(build([tmp_path / "b"], tmp_path / "out-b", Diagnostics()))
    assert rebuilt == fresh


def test_a_remembered_lesson_notices_a_changed_image(tmp_path, monkeypatch):
    root = one_module_course(tmp_path / "c", "![A chart of costs](../chart.png)\n")
    (root / "chart.png").write_bytes(png(100, 50))
    memo = LessonMemo()
    first = build([root], tmp_path / "out", Diagnostics(), cache_dir=tmp_path / "cache", memo=memo)
    assert 'height="50"' in first.packages[0].module.lessons[0].html and 'width="100"' in first.packages[0].module.lessons[0].html
    (root / "chart.png").write_bytes(png(300, 80))
    second = build([root], tmp_path / "out", Diagnostics(), cache_dir=tmp_path / "cache", memo=memo)
    assert 'height="80"' in second.packages[0].module.lessons[0].html and 'width="300"' in second.packages[0].module.lessons[0].html


def test_an_unchanged_package_is_not_written_again_unless_its_file_changed(course, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build([course], out, Diagnostics(), cache_dir=cache)
    target = out / "sample-parks_financing_v2.1.0_scorm12.zip"
    first = target.stat().st_mtime_ns
    build([course], out, Diagnostics(), cache_dir=cache)
    assert target.stat().st_mtime_ns == first                  # the same bytes: left in place
    original = target.read_bytes()
    target.write_bytes(b"someone replaced the package")
    build([course], out, Diagnostics(), cache_dir=cache)
    assert target.read_bytes() == original                     # not what was written: written again


def test_a_cached_2004_render_does_not_skip_the_12_saved_state_check(tmp_path):
    """The cache keys on the SCORM version, and the saved-state budget is checked on every build."""
    course = tmp_path / "course"
    shutil.copytree(REPO_ROOT / "tests" / "bad" / "quiz-state-too-large", course)
    (course / "expected.txt").unlink()
    cache = tmp_path / "cache"
    fine = Diagnostics()
    build([course], tmp_path / "out", fine, scorm="2004-4th", cache_dir=cache)
    assert not fine.has_errors                                # 64,000 characters in 2004
    refused = Diagnostics()
    build([course], tmp_path / "out", refused, scorm="1.2", cache_dir=cache)
    assert [d.rule for d in refused if d.severity.value == "error"] == ["quiz-state-budget"]
    assert not list((tmp_path / "out").glob("*scorm12*"))
