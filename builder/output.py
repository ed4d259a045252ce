"""Output stage: the one owner of the output folder.

It names packages (and reads those names back), writes them (zips, or unpacked folders for the
preview), keeps the ledger of what it wrote so an unchanged package is left in place, and removes
the stale packages of what it just built. Every file and folder appears whole: written beside its
target under a temporary name, then renamed over it (a folder swapped with the one it replaces).
"""
from __future__ import annotations

import ctypes
import errno
import functools
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from builder.deflated import write_entry
from builder.digests import file_digest
from builder.files import FILE_LIMIT, Refusal, open_file
from builder.model import Course, Module
from builder.package import MANIFEST, Package, zip_entry

COURSE_PACKAGE = "course"          # the last part of a whole-course package's name
MOODLE_BACKUP = "moodle"           # the last part of a Moodle course backup's name
AT_FDCWD, RENAME_EXCHANGE = -100, 2  # Linux's <fcntl.h>, <linux/fs.h>


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
            written.append(self._write(package))
        return written

    def target(self, package: Package) -> Path:
        """Where a package goes: <folder>/<name>.zip, or unpacked <folder>/<course>/<module> (as an LMS unpacks it)."""
        if self.unpacked:
            return self.folder / package.course.id / (package.module.id if package.module else COURSE_PACKAGE)
        return self.folder / self.name(package)

    def _write(self, package: Package) -> Path:
        target = self.target(package)
        if self.ledger is not None and self._unchanged(package, target):
            return target
        if self.unpacked:
            write_folder_atomically(target, lambda folder: write_folder(package, folder))
        else:
            write_atomically(target, lambda stream: write_zip(package, stream))
        if self.ledger is not None:
            self._remember(package, target)
        return target

    @staticmethod
    def name(package: Package) -> str:
        return str(PackageName.of(package.course, package.module))

    def write_file(self, name: str, data: bytes) -> Path:
        """Another file the build makes (a question-bank export)."""
        return write_atomically(self.folder / name, lambda stream: stream.write(data))

    def remove_stale(self, packages: list[Package]) -> list[Path]:
        """Older packages of what was just built, in the same SCORM version: another version of the
        course, or a module since removed. Packages in another SCORM version are left alone (unpacked,
        a module has one folder whatever its version: it was just written)."""
        return self._remove_stale_folders(packages) if self.unpacked else self._remove_stale_zips(packages)

    def _remove_stale_zips(self, packages: list[Package]) -> list[Path]:
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

    def _remove_stale_folders(self, packages: list[Package]) -> list[Path]:
        """The folders of modules since removed, when every module of their course was just built."""
        written = {self.target(package) for package in packages}
        removed: list[Path] = []
        for package in packages:
            if package.module is None or not package.course.all_modules_built:
                continue
            for candidate in sorted((self.folder / package.course.id).iterdir()):
                stale = (not candidate.name.startswith(".") and candidate.name != COURSE_PACKAGE and candidate.is_dir()
                         and not candidate.is_symlink() and candidate not in written and candidate not in removed)
                if stale:
                    remove_folder(candidate)
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
        return self.ledger / (self.target(package).relative_to(self.folder).as_posix().replace("/", "_") + ".json")

    def _unchanged(self, package: Package, target: Path) -> bool:
        """The same content was written before, and what the output folder holds there is still what was written."""
        try:
            written = json.loads(self._record(package).read_text())
            return written == {"content": package_digest(package), **written_state(target)}
        except (OSError, ValueError):
            return False

    def _remember(self, package: Package, target: Path) -> None:
        record = {"content": package_digest(package), **written_state(target)}
        write_atomically(self._record(package), lambda stream: stream.write(json.dumps(record).encode()))


def written_state(target: Path) -> dict:
    """What the ledger compares: a zip's size and time; for a folder, every entry's type, size and
    time, so a file changed, added or deleted in it since it was written is noticed."""
    if not target.is_dir() or target.is_symlink():
        stat = target.stat()
        return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    entries = []
    for parent, folders, files in os.walk(target):
        for name in folders + files:
            path = os.path.join(parent, name)
            stat = os.lstat(path)
            entries.append([os.path.relpath(path, target), stat.st_mode, stat.st_size, stat.st_mtime_ns])
    return {"entries": sorted(entries)}


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


def write_folder_atomically(target: Path, write) -> Path:
    """Fill a temporary folder beside `target` through `write(folder)`, then swap it in whole: what
    is at `target` is always a whole package, the old one or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part"))
    try:
        write(temporary)
        os.chmod(temporary, 0o755)
        swap_in(temporary, target)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)        # the old folder, after a swap
    return target


def swap_in(new: Path, target: Path) -> None:
    """The folder `new` renamed to `target`; a folder already there is left at `new`. In one step
    where the system can (Linux exchanges the two names), else in two, target missing in between."""
    try:
        os.rename(new, target)
        return
    except OSError as error:
        if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):     # a folder is there already
            raise
    if _exchange(new, target):
        return
    aside = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
    os.rename(target, aside / target.name)
    os.rename(new, target)
    os.rename(aside / target.name, new)
    aside.rmdir()


def _exchange(first: Path, second: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): both names swapped atomically. False where the system has none."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL):     # an old kernel, a file system without it
        return False
    raise OSError(number, os.strerror(number), str(second))


@functools.cache
def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def remove_folder(folder: Path) -> None:
    """Moved out of the way in one step, then deleted: never seen half-deleted."""
    aside = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".old"))
    os.rename(folder, aside / folder.name)
    shutil.rmtree(aside, ignore_errors=True)


def write_folder(package: Package, folder: Path) -> None:
    """The package's files under `folder`, each file what its zip entry holds. Not synced to disk
    file by file (the preview writes a package on every save): the ledger records every file's
    size and time, so one that a crash left short is written again."""
    (folder / MANIFEST).write_bytes(package.manifest)
    for file in package.files:
        target = folder / file.path                # a safe relative path (builder.package)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as stream:
            if file.data is not None:
                stream.write(file.data)
            else:
                _copy(package, file.source, stream)


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
                write_entry(archive, entry, file.data)
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
