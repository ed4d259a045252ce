"""Images checked for what they claim to be, and their dimensions, from the file's own header.

A file named .png must be a PNG (signature, a header chunk whose checksum holds, an end chunk), and
likewise for JPEG, GIF and WebP; an SVG must be SVG, and is cleaned (builder.svg). Pages set width
and height on images so the layout does not jump while they load, and the linter warns about
pictures far larger than a lesson needs.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

from builder.svg import clean_svg

IMAGE_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP", ".svg": "SVG"}
LARGEST_SIDE = 65535          # pixels: larger is no picture for a lesson, and decoders refuse it
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a zip archive"), (b"\x00\x00\x00", "a video or other binary file"),
)


@dataclass
class CheckedImage:
    size: tuple[int, int] | None = None
    problem: str = ""                  # why it is not the image its name claims
    data: bytes | None = None          # for SVG: the cleaned file, which is the one packaged
    removed: list[tuple[int, str]] = field(default_factory=list)    # SVG: (line, what was removed)


def check_image(data: bytes, suffix: str) -> CheckedImage:
    """Check `data` against the format its file suffix names."""
    suffix = suffix.lower()
    if suffix == ".svg":
        cleaned = clean_svg(data)
        if cleaned.data is None:
            return CheckedImage(problem=f"is not an SVG image: {cleaned.problem}")
        return CheckedImage(cleaned.size, data=cleaned.data, removed=cleaned.removed)
    reader = {".png": _png, ".jpg": _jpeg, ".jpeg": _jpeg, ".gif": _gif, ".webp": _webp}[suffix]
    size = reader(data)
    if isinstance(size, str):
        return CheckedImage(problem=size)
    if not (0 < size[0] <= LARGEST_SIDE and 0 < size[1] <= LARGEST_SIDE):
        return CheckedImage(problem=f"claims to be {size[0]}×{size[1]} pixels, which no {IMAGE_SUFFIXES[suffix]} picture is")
    return CheckedImage(size)


def what_it_looks_like(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "an HTML document"
    if head.startswith(b"<?xml") or head.startswith(b"<svg"):
        return "an XML or SVG document"
    for signature, name in SIGNATURES:
        if data.startswith(signature):
            return name
    if data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image"
    return "an empty file" if not data else "something else"


def _not(data: bytes, format_name: str) -> str:
    return f"is not a {format_name} image: it looks like {what_it_looks_like(data)}"


def _png(data: bytes) -> tuple[int, int] | str:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _not(data, "PNG")
    if len(data) < 33 or data[12:16] != b"IHDR" or struct.unpack(">I", data[8:12])[0] != 13:
        return "is a damaged PNG image: its header chunk is missing"
    if zlib.crc32(data[12:29]) != struct.unpack(">I", data[29:33])[0]:
        return "is a damaged PNG image: its header chunk fails its checksum"
    if b"IEND\xaeB`\x82" not in data[-4096:]:
        return "is a damaged PNG image: it is cut short (no end chunk)"
    return struct.unpack(">II", data[16:24])


def _gif(data: bytes) -> tuple[int, int] | str:
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        return _not(data, "GIF")
    if len(data) < 14:
        return "is a damaged GIF image: it is cut short"
    return struct.unpack("<HH", data[6:10])


def _jpeg(data: bytes) -> tuple[int, int] | str:
    """Walk the JPEG segments to the start-of-frame marker, which holds the size."""
    if not data.startswith(b"\xff\xd8\xff"):
        return _not(data, "JPEG")
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return "is a damaged JPEG image: its segments do not follow one another"
        marker, length = data[index + 1], struct.unpack(">H", data[index + 2:index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        if marker == 0xFF:              # padding before a marker
            index += 1
            continue
        index += 2 + length
    return "is a damaged JPEG image: no frame header gives its size"


def _webp(data: bytes) -> tuple[int, int] | str:
    if not (data.startswith(b"RIFF") and data[8:12] == b"WEBP"):
        return _not(data, "WebP")
    chunk, body = data[12:16], data[20:]
    if chunk == b"VP8X" and len(body) >= 10:
        return 1 + int.from_bytes(body[4:7], "little"), 1 + int.from_bytes(body[7:10], "little")
    if chunk == b"VP8L" and len(body) >= 5 and body[0] == 0x2F:
        bits = int.from_bytes(body[1:5], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    if chunk == b"VP8 " and len(body) >= 10 and body[3:6] == b"\x9d\x01\x2a":
        return struct.unpack("<H", body[6:8])[0] & 0x3FFF, struct.unpack("<H", body[8:10])[0] & 0x3FFF
    return "is a damaged WebP image: no frame header gives its size"
