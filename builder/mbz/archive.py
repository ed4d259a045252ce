"""The .mbz container: a gzip-compressed ustar archive, as Moodle's tgz_packer writes it.

Moodle puts `.ARCHIVE_INDEX` first (a count, then one line per entry: path, `d` or `f`, size,
modification time or `?` for a folder) and lists every folder before what it holds. Here every
timestamp is the fixed build time and entries are sorted, so the same backup gives the same bytes;
the gzip header carries no time and says "Unix", as PHP's does.
"""
from __future__ import annotations

import io
import struct
import tarfile
import zlib
from typing import BinaryIO

INDEX = ".ARCHIVE_INDEX"
INDEX_TIME = 1356998400      # the time Moodle gives the index entry itself (2013-01-01)


def write_mbz(entries: dict[str, bytes], mtime: int, stream: BinaryIO) -> None:
    """`entries`: archive path -> content, every path "/"-separated and relative."""
    folders = sorted({"/".join(path.split("/")[:depth]) + "/" for path in entries
                      for depth in range(1, path.count("/") + 1)})
    members = sorted([(folder, None) for folder in folders] + list(entries.items()), key=lambda item: item[0])
    tar = io.BytesIO()
    with tarfile.open(fileobj=tar, mode="w", format=tarfile.USTAR_FORMAT) as archive:
        _add(archive, INDEX, _index(members, mtime), INDEX_TIME)
        for path, data in members:
            _add(archive, path, data, mtime)
    _gzip(tar.getvalue(), stream)


def _index(members: list[tuple[str, bytes | None]], mtime: int) -> bytes:
    lines = [f"Moodle archive file index. Count: {len(members)}"]
    for path, data in members:
        lines.append(f"{path}\td\t0\t?" if data is None else f"{path}\tf\t{len(data)}\t{mtime}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _add(archive: tarfile.TarFile, path: str, data: bytes | None, mtime: int) -> None:
    member = tarfile.TarInfo(path)
    member.mtime, member.uid, member.gid, member.uname, member.gname = mtime, 0, 0, "", ""
    if data is None:
        member.type, member.mode = tarfile.DIRTYPE, 0o755
        archive.addfile(member)
    else:
        member.mode, member.size = 0o644, len(data)
        archive.addfile(member, io.BytesIO(data))


def _gzip(data: bytes, stream: BinaryIO) -> None:
    # Python's gzip module marks the operating system "unknown"; Moodle's archives say Unix (3).
    stream.write(b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x00\x03")
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    stream.write(compressor.compress(data) + compressor.flush())
    stream.write(struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF))


def read_mbz(data: bytes) -> dict[str, bytes]:
    """The files of an .mbz (folders left out): for tests and for `coursekit` tools that inspect one."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}
