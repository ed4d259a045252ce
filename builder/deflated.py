"""Zip entries whose bytes every package shares (the runtime script, the stylesheet), deflated once
per process instead of once per package: the same bytes zipfile writes, at a fraction of the cost.

zipfile has no public way to add data that is already compressed, so this writes the entry as
zipfile's own writestr does (local header, data, then the entry in the central directory), through
the attributes writestr uses. Where this Python's zipfile does not have them, or the entry is not
one to share, writestr writes it.
"""
from __future__ import annotations

import zlib
import zipfile

SHARED_FROM = 16 * 1024               # smaller entries cost little to deflate; lessons' pages differ anyway
_MEMO_LIMIT = 32                      # distinct payloads kept (a build has a few: scripts by SCORM version, CSS)
_memo: dict[bytes, tuple[int, bytes]] = {}
_ARCHIVE_PARTS = ("fp", "start_dir", "filelist", "NameToInfo", "_writecheck", "_didModify", "_writing", "_seekable")


def write_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, data: bytes) -> None:
    if (entry.compress_type != zipfile.ZIP_DEFLATED or len(data) < SHARED_FROM or getattr(entry, "_compresslevel", None) is not None
            or getattr(archive, "compresslevel", None) is not None
            or not all(hasattr(archive, part) for part in _ARCHIVE_PARTS) or archive._writing or not archive._seekable):
        archive.writestr(entry, data)
        return
    crc, deflated = _memo.get(data) or _deflate(data)
    entry.file_size, entry.compress_size, entry.CRC = len(data), len(deflated), crc
    entry.flag_bits = 0
    if not entry.external_attr:
        entry.external_attr = 0o600 << 16
    archive.fp.seek(archive.start_dir)
    entry.header_offset = archive.fp.tell()
    archive._writecheck(entry)
    archive._didModify = True
    archive.fp.write(entry.FileHeader(False))
    archive.fp.write(deflated)
    archive.start_dir = archive.fp.tell()
    archive.filelist.append(entry)
    archive.NameToInfo[entry.filename] = entry


def _deflate(data: bytes) -> tuple[int, bytes]:
    """As zipfile deflates: raw deflate at the default level."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    result = zlib.crc32(data), compressor.compress(data) + compressor.flush()
    if len(_memo) >= _MEMO_LIMIT:
        _memo.pop(next(iter(_memo)))
    _memo[data] = result
    return result
