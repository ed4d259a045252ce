"""The output folder's owner: names written and read back, folders for the preview (swapped in whole, files checked as they are copied)."""
from __future__ import annotations

import os
import shutil
import zipfile

import pytest

from builder import output as output_module
from builder.build import build
from builder.diagnostics import Diagnostics
from builder.output import Output, PackageName, write_folder_atomically
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "courses" / "sample"


@pytest.mark.parametrize("name", [PackageName("sample-parks", "financing", "2.1.0", "scorm12"),
                                  PackageName("sample-parks", None, "2.1.0-rc.1", "scorm2004-4th")])
def test_a_name_reads_back_as_written(name):
    assert PackageName.parse(str(name)) == name


@pytest.mark.parametrize("other", ["notes.zip", "a_b_c.zip", "sample-parks_financing_2.1.0_scorm12.zip",
                                   "sample-parks_financing_v2.1.0_scorm12.zip.part", "x_v1_scorm12_course_extra.zip"])
def test_other_file_names_are_not_package_names(other):
    assert PackageName.parse(other) is None


def test_an_unpacked_package_holds_exactly_the_zips_files(tmp_path):
    zipped = build([SAMPLE], tmp_path / "zips", Diagnostics())
    unpacked = build([SAMPLE], Output(tmp_path / "folders", unpacked=True), Diagnostics())
    for zip_path, folder in zip(zipped.written, unpacked.written):
        with zipfile.ZipFile(zip_path) as archive:
            entries = {name: archive.read(name) for name in archive.namelist()}
        files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
        assert files == entries
    assert not list((tmp_path / "folders").rglob("*.zip")) and unpacked.removed == []


def test_a_file_swapped_for_a_link_never_ships_and_the_last_folder_stays_whole(tmp_path):
    course = tmp_path / "sample"
    shutil.copytree(SAMPLE, course)
    packages = build([course], None, Diagnostics()).packages             # rendered, checked, not written
    output = Output(tmp_path / "folders", unpacked=True)
    [_, financing] = output.write(packages)
    before = {path: path.read_bytes() for path in financing.rglob("*") if path.is_file()}
    (tmp_path / "secret.png").write_bytes((course / "shared" / "logo.png").read_bytes())
    (course / "shared" / "logo.png").unlink()
    (course / "shared" / "logo.png").symlink_to(tmp_path / "secret.png")
    with pytest.raises(OSError, match="symbolic link"):
        output.write(packages)
    assert {path: path.read_bytes() for path in financing.rglob("*") if path.is_file()} == before
    assert sorted(os.listdir(financing.parent)) == ["financing", "site-planning"]


@pytest.mark.parametrize("exchange", [True, False], ids=["exchanged", "renamed-twice"])
def test_a_folder_is_swapped_in_whole(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(output_module, "_renameat2", lambda: None)     # a system without renameat2
    elif output_module._renameat2() is None:
        pytest.skip("this system has no renameat2")
    target = tmp_path / "course" / "module"
    write_folder_atomically(target, lambda folder: (folder / "old.txt").write_text("old"))
    inode = target.stat().st_ino
    write_folder_atomically(target, lambda folder: (folder / "new.txt").write_text("new"))
    assert os.listdir(target) == ["new.txt"] and target.stat().st_ino != inode
    assert os.listdir(target.parent) == ["module"]
    with pytest.raises(ZeroDivisionError):
        write_folder_atomically(target, lambda folder: (folder / "half.txt").write_text(str(1 / 0)))
    assert os.listdir(target) == ["new.txt"] and os.listdir(target.parent) == ["module"]
