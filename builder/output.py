"""Output stage: the one owner of the output folder.

It names packages (and reads those names back), writes them (zips, or unpacked folders for the
preview), keeps the ledger of what it wrote so an unchanged package is left in place, and removes
the stale packages of what it just built. Every file appears whole: written beside its target
under a temporary name, then renamed over it.
"""
from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from builder.digests import file_digest
from builder.files import FILE_LIMIT, Refusal, open_file
from builder.model import Course, Module
from builder.package import MANIFEST, Package, zip_entry

COURSE_PACKAGE = "course"          # the last part of a whole-course package's name
MOODLE_BACKUP = "moodle"           # the last part of a Moodle course backup's name


def backup_name(course: Course) -> str:
    """<course>_v<version>_<scorm>_moodle.mbz: the Moodle course backup of the whole course (builder.mbz)."""
    return f"{course.id}_v{course.version}_{course.scorm.file_tag}_{MOODLE_BACKUP}.mbz"


@dataclass(frozen=True)
class PackageName:
    """<course>_<module>_v<version>_<scorm>.zip, or <course>_v<version>_<scorm>_course.zip.

    Course and module ids are lower-case letters, digits and hyphens, and versions letters, digits,
    dots and hyphens (builder.metadata): none holds a "_", so a name splits back unambiguously."""

    course: str
    module: str | None                 # None: a whole-course package
    version: str
    scorm: str                         # the SCORM version's file tag

    @classmethod
    def of(cls, course: Course, module: Module | None) -> "PackageName":
        return cls(course.id, module.id if module else None, course.version, course.scorm.file_tag)

    def __str__(self) -> str:
        if self.module is None:
            return f"{self.course}_v{self.version}_{self.scorm}_{COURSE_PACKAGE}.zip"
        return f"{self.course}_{self.module}_v{self.version}_{self.scorm}.zip"

    @classmethod
    def parse(cls, name: str) -> "PackageName | None":
        """The parts of a name this class wrote; None for any other file name."""
        if not name.endswith(".zip"):
            return None
        parts = name[:-len(".zip")].split("_")
        if len(parts) == 4 and parts[3] == COURSE_PACKAGE and parts[1].startswith("v"):
            found = cls(parts[0], None, parts[1][1:], parts[2])
        elif len(parts) == 4 and parts[2].startswith("v"):
            found = cls(parts[0], parts[1], parts[2][1:], parts[3])
        else:
            return None
        return found if str(found) == name else None


class Output:
    """The output folder. `ledger`: a folder where what was written is recorded (the build cache's
    packages/), so that a package whose content and file are unchanged is not written again."""

    def __init__(self, folder: Path, *, ledger: Path | None = None, unpacked: bool = False) -> None:
        self.folder, self.ledger, self.unpacked = folder, ledger, unpacked

    def write(self, packages: list[Package], progress: Callable[[int, int, str], None] | None = None) -> list[Path]:
        """Every package, in order; the paths of the packages (zips or folders)."""
        written = []
        for number, package in enumerate(packages, start=1):
            if progress:
                progress(number, len(packages), self.name(package))
            written.append(self._write_folder(package) if self.unpacked else self._write_zip(package))
        return written

    def _write_zip(self, package: Package) -> Path:
        target = self.folder / self.name(package)
        if self.ledger is not None and self._unchanged(package, target):
            return target
        write_atomically(target, lambda stream: write_zip(package, stream))
        if self.ledger is not None:
            self._remember(package, target)
        return target

    def _write_folder(self, package: Package) -> Path:
        """The package's files under <folder>/<course>/<module>, as an LMS unpacks them."""
        target = self.folder / package.course.id / (package.module.id if package.module else COURSE_PACKAGE)
        shutil.rmtree(target, ignore_errors=True)
        write_atomically(target / MANIFEST, lambda stream: stream.write(package.manifest))
        for file in package.files:
            write_atomically(target / file.path, (lambda stream, data=file.data: stream.write(data)) if file.data is not None
                             else (lambda stream, source=file.source: _copy(package, source, stream)))
        return target

    @staticmethod
    def name(package: Package) -> str:
        return str(PackageName.of(package.course, package.module))

    def write_file(self, name: str, data: bytes) -> Path:
        """Another file the build makes (a question-bank export)."""
        return write_atomically(self.folder / name, lambda stream: stream.write(data))

    def remove_stale(self, packages: list[Package]) -> list[Path]:
        """Older packages of what was just built, in the same SCORM version: another version of the
        course, or a module since removed. Packages in another SCORM version are left alone."""
        written = {self.name(package) for package in packages}
        removed: list[Path] = []
        for package in packages:
            built, course = PackageName.of(package.course, package.module), package.course
            for candidate in sorted(self.folder.glob(f"{course.id}_*.zip")):
                name = PackageName.parse(candidate.name)
                stale = (name is not None and name.course == built.course and name.scorm == built.scorm
                         and (name.module is None) == (built.module is None) and candidate.name not in written
                         and candidate not in removed and (built.module is None or name.module == built.module or course.all_modules_built))
                if stale:
                    candidate.unlink()
                    removed.append(candidate)
        return removed

    def write_backup(self, backup) -> Path:
        """A Moodle course backup (builder.mbz.Backup), written whole through its own writer."""
        return write_atomically(self.folder / backup.name, backup.write)

    def remove_stale_backups(self, backups: list) -> list[Path]:
        """Older backups of the courses just backed up, in the same SCORM version."""
        written = {backup.name for backup in backups}
        removed: list[Path] = []
        for backup in backups:
            course = backup.course
            for candidate in sorted(self.folder.glob(f"{course.id}_v*_{course.scorm.file_tag}_{MOODLE_BACKUP}.mbz")):
                if candidate.name not in written and candidate not in removed:
                    candidate.unlink()
                    removed.append(candidate)
        return removed

    def _record(self, package: Package) -> Path:
        return self.ledger / f"{self.name(package)}.json"

    def _unchanged(self, package: Package, target: Path) -> bool:
        """The same content was written before, and the file in the output folder is still that file."""
        try:
            written = json.loads(self._record(package).read_text())
            stat = target.stat()
        except (OSError, ValueError):
            return False
        return written == {"content": package_digest(package), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}

    def _remember(self, package: Package, target: Path) -> None:
        stat = target.stat()
        record = {"content": package_digest(package), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        write_atomically(self._record(package), lambda stream: stream.write(json.dumps(record).encode()))


def package_digest(package: Package) -> str:
    digest = hashlib.sha256(package.manifest)
    for file in package.files:
        content = hashlib.sha256(file.data).hexdigest() if file.data is not None else file_digest(file.source)
        digest.update(f"\0{file.path}\0{content}".encode())
    return digest.hexdigest()


def write_atomically(target: Path, write) -> Path:
    """Write through `write(stream)` to a temporary file beside `target`, then rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def package_bytes(package: Package) -> bytes:
    """The zip in memory, the same bytes Output writes (for a package that goes inside another file)."""
    stream = io.BytesIO()
    write_zip(package, stream)
    return stream.getvalue()


def write_zip(package: Package, stream) -> None:
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr(zip_entry(MANIFEST), package.manifest)
        for file in package.files:
            entry = zip_entry(file.path)
            if file.data is not None:
                archive.writestr(entry, file.data)
            else:
                source = checked_open(package, file.source)
                entry.file_size = os.fstat(source.fileno()).st_size   # lets zipfile decide on zip64 by itself
                with source, archive.open(entry, "w") as target:
                    shutil.copyfileobj(source, target, 1 << 20)


def checked_open(package: Package, path: Path):
    """Checked again as it is opened: a file swapped for a link or a pipe since it was rendered never ships."""
    source = open_file(path, package.course.directory, FILE_LIMIT)
    if isinstance(source, Refusal):
        raise OSError(errno.EPERM, source.message, str(path))
    return source


def _copy(package: Package, path: Path, stream) -> None:
    with checked_open(package, path) as data:
        shutil.copyfileobj(data, stream, 1 << 20)


def output_problem(out_dir: Path) -> str | None:
    """Why packages could not be written to `out_dir` (checked before anything is built), or None."""
    folder = out_dir
    while not os.path.lexists(folder) and folder.parent != folder:
        folder = folder.parent                      # the folder that would hold the new ones
    if not folder.is_dir():
        return "is a file, not a folder" if folder == out_dir else f"cannot be created: {folder} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "cannot be written: permission denied" if folder == out_dir else f"cannot be created in {folder}: permission denied"
    return None
