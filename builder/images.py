"""Image dimensions from file headers (PNG, GIF, JPEG, SVG), without an imaging library.

Pages set width and height on images so the layout does not jump while they load, and the
linter warns about pictures far larger than a lesson needs.
"""
from __future__ import annotations

import re
import struct
from pathlib import Path

SVG_SIZE = re.compile(rb"<svg\b[^>]*?\bviewBox\s*=\s*[\"']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)", re.S)


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels, or None when the format is unknown or the file is damaged."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(64 * 1024)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])
    if head.startswith(b"\xff\xd8"):
        return _jpeg_size(head)
    if path.suffix.lower() == ".svg":
        match = SVG_SIZE.search(head)
        return (round(float(match[1])), round(float(match[2]))) if match else None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the JPEG segments to the start-of-frame marker, which holds the size."""
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker, length = data[index + 1], struct.unpack(">H", data[index + 2:index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None
