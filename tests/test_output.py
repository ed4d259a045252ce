"""The output folder's owner: names written and read back, folders for the preview."""
from __future__ import annotations

import zipfile

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from builder.output import Output, PackageName
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
