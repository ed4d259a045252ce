"""The preview's builds: packages written unpacked where the server serves them, the very files of
the zips `coursekit build` writes; each swapped in whole, left in place when unchanged, kept when a
rebuild fails, removed when their module is."""
from __future__ import annotations

import os
import shutil
import urllib.request
import zipfile
from pathlib import Path

import pytest

from builder import output
from builder.cli import main
from builder.files import Refusal
from builder.preview.builds import PreviewBuilder
from tests.conftest import FIXTURES, REPO_ROOT

DEFAULT_COURSE = REPO_ROOT / "courses" / "industrial-parks"
SAMPLE = FIXTURES / "courses" / "sample"


def zip_entries(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def folder_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if not path.is_dir()}


def tree(folder: Path) -> dict[str, tuple]:
    """Every entry under `folder`: its inode, and a file's modification time and bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        status = path.lstat()
        found[path.relative_to(folder).as_posix()] = (status.st_ino,) if path.is_dir() else (status.st_ino, status.st_mtime_ns, path.read_bytes())
    return found


@pytest.fixture(scope="module")
def default_zips(tmp_path_factory) -> dict[str, Path]:
    """The default course as `coursekit build` writes it, module packages and the course package."""
    out = tmp_path_factory.mktemp("dist")
    assert main(["build", str(DEFAULT_COURSE), "--out", str(out / "modules"), "--no-cache"]) == 0
    assert main(["build", str(DEFAULT_COURSE), "--out", str(out / "course"), "--package", "course", "--no-cache"]) == 0
    return {path.name: path for path in sorted(out.rglob("*.zip"))}


def test_the_preview_serves_exactly_the_files_of_the_zips_the_build_writes(start_preview, default_zips):
    server = start_preview(DEFAULT_COURSE, poll_seconds=3600)
    modules = server.builder.current.courses[0].modules
    assert len(modules) == 4 and not server.builder.current.errors
    for module in modules:
        [zip_path] = [path for name, path in default_zips.items() if f"_{module.id}_v" in name]
        entries = zip_entries(zip_path)
        assert folder_files(module.folder) == entries, zip_path.name          # same names, same bytes, nothing more
        for name, data in entries.items():
            with urllib.request.urlopen(f"{server.url}/packages/{module.key}/{name}", timeout=10) as response:
                assert response.read() == data, f"{module.key}/{name}"
    assert not list(server.builder.output.folder.rglob("*.zip"))


def test_a_course_package_is_unpacked_as_the_build_zips_it(tmp_path, default_zips):
    builder = PreviewBuilder([DEFAULT_COURSE], tmp_path / "preview", whole_course=True)
    state = builder.refresh()
    [module] = state.courses[0].modules
    [zip_path] = [path for name, path in default_zips.items() if name.endswith("_course.zip")]
    assert module.id == "course" and folder_files(module.folder) == zip_entries(zip_path)


@pytest.fixture
def sample(tmp_path) -> tuple[Path, PreviewBuilder]:
    course = tmp_path / "sample"
    shutil.copytree(SAMPLE, course)
    builder = PreviewBuilder([course], tmp_path / "state" / "preview")
    assert not builder.refresh().errors
    return course, builder


def test_after_a_save_the_folders_are_still_what_the_build_zips(sample, tmp_path):
    course, builder = sample
    rendered = len(builder.lessons.entries)
    lesson = course / "02-financing" / "01-costs.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nLand is the largest cost.\n", encoding="utf-8")
    state = builder.refresh()
    assert state.rebuilt == 1 and len(builder.lessons.entries) == rendered + 1     # one module, and in it one lesson rendered
    assert main(["build", str(course), "--out", str(tmp_path / "dist"), "--no-cache"]) == 0
    for module in state.courses[0].modules:
        [zip_path] = (tmp_path / "dist").glob(f"sample-parks_{module.id}_v*.zip")
        assert folder_files(module.folder) == zip_entries(zip_path), module.id


def test_an_unchanged_package_folder_is_not_written_again(sample, tmp_path):
    course, builder = sample
    packages = builder.output.folder
    first = tree(packages)
    course_file = course / "course.yml"
    course_file.write_text(course_file.read_text(encoding="utf-8") + "\n# a comment changes no package\n", encoding="utf-8")
    state = builder.refresh()
    assert state.rebuilt == 2 and not state.errors                            # a full build...
    assert tree(packages) == first                                            # ...that wrote nothing
    restarted = PreviewBuilder([course], tmp_path / "state" / "preview")
    assert restarted.refresh().rebuilt == 2 and tree(packages) == first      # nor after a restart

    (packages / "sample-parks" / "financing" / "index.html").unlink()         # a package changed behind the ledger's back
    course_file.write_text(course_file.read_text(encoding="utf-8") + "# another\n", encoding="utf-8")
    restarted.refresh()
    now = tree(packages)
    assert (packages / "sample-parks" / "financing" / "index.html").is_file()
    assert now["sample-parks/financing"][0] != first["sample-parks/financing"][0]            # written again, whole
    assert {k: v for k, v in now.items() if "financing" not in k} == {k: v for k, v in first.items() if "financing" not in k}


def test_a_failed_rebuild_leaves_the_last_good_folders(sample, monkeypatch):
    course, builder = sample
    packages = builder.output.folder
    good = tree(packages)
    lesson = course / "02-financing" / "01-costs.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text + "\n![A chart](missing.png)\n", encoding="utf-8")        # an error in the sources
    assert builder.refresh().errors and tree(packages) == good

    refused = []

    def swapped_for_a_link(path, root, limit, name=None):          # as if logo.png became a link while the package was written
        refused.append(Path(path).name)
        return Refusal(f"'{path}' is a symbolic link to '/etc/passwd'", "file-outside")

    monkeypatch.setattr(output, "open_file", swapped_for_a_link)
    lesson.write_text(text + "\nLand is the largest cost.\n", encoding="utf-8")
    state = builder.refresh()
    assert refused == ["logo.png"] and "symbolic link" in state.errors[0].message
    assert tree(packages) == good                                             # nothing half-written, nothing left over
    monkeypatch.undo()
    lesson.write_text(text + "\nLand is the largest cost!\n", encoding="utf-8")
    state = builder.refresh()
    assert not state.errors and "Land is the largest cost!" in (state.module("sample-parks", "financing").folder / "index.html").read_text()


def test_the_folder_of_a_removed_module_is_removed(sample):
    course, builder = sample
    shutil.rmtree(course / "02-financing")
    state = builder.refresh()
    assert not state.errors and [m.id for m in state.courses[0].modules] == ["site-planning"]
    assert sorted(os.listdir(builder.output.folder / "sample-parks")) == ["site-planning"]
