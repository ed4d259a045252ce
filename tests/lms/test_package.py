"""Importing a package: its manifest read from the zip as uploaded, or from a folder as unpacked,
with the same result; anything else refused with a reason."""
from __future__ import annotations

import pytest

from builder.build import build
from builder.diagnostics import Diagnostics
from builder.lms.activity import import_folder, import_package
from builder.lms.package import MAX_MANIFEST, PackageError, read_folder_manifest, read_zip_manifest
from builder.output import Output
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "courses" / "sample"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample course's packages, zipped and unpacked."""
    root = tmp_path_factory.mktemp("built")
    zips = build([SAMPLE], root / "zips", Diagnostics()).written
    folders = build([SAMPLE], Output(root / "folders", unpacked=True), Diagnostics()).written
    return list(zip(zips, folders))


def test_a_folder_reads_as_its_zip(built, tmp_path):
    for zip_path, folder in built:
        package = read_folder_manifest(folder)
        assert package == read_zip_manifest(zip_path) and package.scos
        unpacked = import_package("zip", zip_path, tmp_path / zip_path.stem)
        assert import_folder("folder", folder).package == unpacked.package


def test_what_is_not_a_package_folder_is_refused_with_a_reason(built, tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    with pytest.raises(PackageError, match="not a SCORM package.*not found"):
        read_folder_manifest(folder)
    (tmp_path / "elsewhere.xml").write_bytes(built[0][1].joinpath("imsmanifest.xml").read_bytes())
    (folder / "imsmanifest.xml").symlink_to(tmp_path / "elsewhere.xml")
    with pytest.raises(PackageError, match="symbolic link"):
        read_folder_manifest(folder)
    (folder / "imsmanifest.xml").unlink()
    (folder / "imsmanifest.xml").write_bytes(b"<manifest>" + b" " * MAX_MANIFEST + b"</manifest>")
    with pytest.raises(PackageError, match="more than the 4 MB"):
        read_folder_manifest(folder)
    (folder / "imsmanifest.xml").write_bytes(b"<manifest><organizations default=\"o\"><organization identifier=\"o\"/></organizations></manifest>")
    with pytest.raises(PackageError, match="no SCO to launch"):
        import_folder("empty", folder)
    (tmp_path / "not.zip").write_bytes(b"PK not really")
    with pytest.raises(PackageError, match="not a SCORM package"):
        read_zip_manifest(tmp_path / "not.zip")
