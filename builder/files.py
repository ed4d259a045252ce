"""Every file coursekit reads from a course: a regular file whose real path is inside the course,
bounded in size, read once.

Anything else (a named pipe, a device, a folder, a symbolic link loop, a link leaving the course,
a file over its limit) is refused with its path and, for links, where the link points, before a
byte is read: a pipe would block for ever, /dev/zero would fill the memory, a link to ~/.ssh would
put someone's key in a package. Files are opened without following a last symbolic link and
without blocking, and their type and size are taken from the open file, so what is checked is what
is read.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Diagnostics, Location, display_path


@dataclass(frozen=True)
class Limit:
    """The most bytes a kind of file may have, and the rule id that reports a file above it."""

    size: int
    rule: str
    holder: str          # "more than the 10 MB <holder>"
    advice: str


# Lessons, quizzes and YAML: far above any real one, far below what would take minutes to render.
SOURCE_LIMIT = Limit(2 * 1024 * 1024, "source-too-large", "a source file may have", "split it into several files")
# Learners on slow connections wait for every byte of a lesson's pictures.
IMAGE_LIMIT = Limit(10 * 1024 * 1024, "image-too-large", "a package should carry", "compress or resize it")
# Videos and downloads: Moodle's upload limit is often lower still.
FILE_LIMIT = Limit(300 * 1024 * 1024, "file-too-large", "a package should carry", "compress or resize it")

# Control characters other than tab and newline reach the page invisibly (NUL, ESC, BEL, ...).
CONTROL_CHARACTERS = {chr(c) for c in range(0x20) if chr(c) not in "\t\n"} | {chr(0x7F)} | {chr(c) for c in range(0x80, 0xA0)}
_CONTROL_TABLE = str.maketrans({c: "\0" for c in CONTROL_CHARACTERS})


@dataclass(frozen=True)
class Refusal:
    """Why a file is not read: the message names the file (and where a link points)."""

    message: str
    rule: str


def read_bytes(path: Path, root: Path, limit: Limit, name: str | None = None) -> bytes | Refusal:
    """The whole file, or why it cannot be read. `name` is how messages call it (default: its path)."""
    opened = open_file(path, root, limit, name)
    if isinstance(opened, Refusal):
        return opened
    with opened:
        data = opened.read(limit.size + 1)
    if len(data) > limit.size:                       # it grew after it was opened
        return _too_large(name or _shown(path), len(data), limit)
    return data


def check_file(path: Path, root: Path, limit: Limit, name: str | None = None) -> Path | Refusal:
    """The file's real path, when it can be read; else why not. Nothing is read."""
    opened = open_file(path, root, limit, name)
    if isinstance(opened, Refusal):
        return opened
    opened.close()
    return Path(os.path.realpath(path))


def open_file(path: Path, root: Path, limit: Limit, name: str | None = None):
    """An open binary stream on the file, or why it is refused (then nothing was read)."""
    shown = name or _shown(path)
    real = os.path.realpath(path)
    if not Path(real).is_relative_to(os.path.realpath(root)):
        return Refusal(f"'{shown}' {_leads_to(path, real)}, outside the course folder: copy the file into the course", "file-outside")
    try:
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return _open_failed(path, shown, error)
    status = os.fstat(descriptor)
    problem = None
    if not stat.S_ISREG(status.st_mode):
        problem = Refusal(f"'{shown}' is {kind(status.st_mode)}, not a regular file", "file-special")
    elif status.st_size > limit.size:
        problem = _too_large(shown, status.st_size, limit)
    if problem is not None:
        os.close(descriptor)
        return problem
    os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def read_text(path: Path, root: Path, diagnostics: Diagnostics, limit: Limit = SOURCE_LIMIT) -> str | None:
    """UTF-8 text without control characters (a BOM is dropped, CRLF becomes LF), or None with an error."""
    data = read_bytes(path, root, limit)
    if isinstance(data, Refusal):
        diagnostics.error(Location(path), data.message, rule=data.rule)
        return None
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        diagnostics.error(Location(path, line, col), "the file is not UTF-8 text: save it as UTF-8 in your editor", rule="file-encoding")
        return None
    text = decoded.replace("\r\n", "\n").replace("\r", "\n")
    return None if report_control_characters(text, path, diagnostics) else text


def report_control_characters(text: str, path: Path, diagnostics: Diagnostics, first_line: int = 1) -> bool:
    """An error at the first control character of `text` (with how many more there are); True if any."""
    marked = text.translate(_CONTROL_TABLE)
    index = marked.find("\0")
    if index < 0:
        return False
    line = text.count("\n", 0, index)
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    more = marked.count("\0") - 1
    also = f" ({more} more in this file)" if more else ""
    diagnostics.error(Location(path, line + first_line, col), f"the control character U+{ord(text[index]):04X} is not "
                      f"allowed: delete it (it is invisible in most editors){also}", rule="control-character")
    return True


def folder_problem(folder: Path, root: Path) -> Refusal | None:
    """Why a folder of the course (a module folder) cannot be used: a link leaving the course, or a loop."""
    real = os.path.realpath(folder)
    if not Path(real).is_relative_to(os.path.realpath(root)):
        return Refusal(f"'{_shown(folder)}' {_leads_to(folder, real)}, outside the course folder: copy the folder into the course", "file-outside")
    try:
        os.stat(folder)
    except OSError as error:
        return _open_failed(folder, _shown(folder), error)
    return None


def kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _open_failed(path: Path, shown: str, error: OSError) -> Refusal:
    if error.errno == errno.ELOOP:
        return Refusal(f"'{shown}' is a symbolic link loop ({_link_text(path)})", "file-loop")
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return Refusal(f"'{shown}' is a symbolic link to '{os.readlink(path)}', which does not exist", "file-missing")
        return Refusal(f"'{shown}': file not found", "file-missing")
    return Refusal(f"cannot read '{shown}': {error.strerror}", "file-unreadable")


def _leads_to(path: Path, real: str) -> str:
    if os.path.islink(path):
        return f"is a symbolic link to '{os.readlink(path)}'"
    return f"leads through a symbolic link to '{real}'"


def _link_text(path: Path) -> str:
    return f"it points to '{os.readlink(path)}'" if os.path.islink(path) else "a folder on its path is a link that loops"


def _too_large(shown: str, size: int, limit: Limit) -> Refusal:
    return Refusal(f"'{shown}' is {size / 1048576:.1f} MB, more than the {limit.size // 1048576} MB {limit.holder}: {limit.advice}", limit.rule)


def _shown(path: Path) -> str:
    return display_path(path)
