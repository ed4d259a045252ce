"""Files in a backup: one record per file of a Moodle file area (files.xml), the content once under
files/<first two hex digits>/<sha1>, as Moodle's file pool keeps it.

Moodle also keeps a record named "." for each folder of an area (the root "/" included), with the
sha1 of nothing; restore recreates the folders from them.
"""
from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass

from builder.mbz.xml import C, E, Element

EMPTY_SHA1 = hashlib.sha1(b"").hexdigest()
# The types Moodle's file storage gives these extensions (lib/classes/filetypes.php); Moodle serves a
# package's files with the type recorded here, so an image or a script must carry its own.
MIME_TYPES = {
    ".zip": "application/zip", ".xml": "application/xml", ".html": "text/html", ".htm": "text/html",
    ".css": "text/css", ".js": "application/x-javascript", ".json": "application/json", ".txt": "text/plain",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".mp4": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg", ".mp3": "audio/mp3",
    ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".oga": "audio/ogg", ".wav": "audio/wav", ".vtt": "text/vtt",
    ".pdf": "application/pdf", ".woff": "application/font-woff", ".woff2": "application/font-woff2",
}
DEFAULT_MIME_TYPE = "document/unknown"


@dataclass(frozen=True)
class StoredFile:
    id: int
    contextid: int
    component: str
    filearea: str
    filepath: str                # "/" or "/media/images/"
    filename: str                # "." for a folder
    content: bytes | None        # None for a folder

    @property
    def contenthash(self) -> str:
        return hashlib.sha1(self.content).hexdigest() if self.content is not None else EMPTY_SHA1

    @property
    def mimetype(self) -> str | None:
        if self.content is None:
            return None
        return MIME_TYPES.get(posixpath.splitext(self.filename)[1].lower(), DEFAULT_MIME_TYPE)


def area_files(contents: dict[str, bytes], next_id, contextid: int, component: str, filearea: str) -> list[StoredFile]:
    """The records of one file area holding `contents` (path inside the area -> bytes), folders included."""
    folders = {"/"} | {"/" + "/".join(path.split("/")[:depth]) + "/" for path in contents for depth in range(1, path.count("/") + 1)}
    entries = [(folder, ".", None) for folder in folders]
    entries += [("/" + posixpath.dirname(path) + "/" if "/" in path else "/", posixpath.basename(path), data)
                for path, data in contents.items()]
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    return [StoredFile(next_id(), contextid, component, filearea, path, name, data) for path, name, data in entries]


def files_xml(files: list[StoredFile], timestamp: int) -> Element:
    return C("files", [_record(file, timestamp) for file in files])


def _record(file: StoredFile, timestamp: int) -> Element:
    return C("file", [
        E("contenthash", file.contenthash), E("contextid", file.contextid), E("component", file.component),
        E("filearea", file.filearea), E("itemid", 0), E("filepath", file.filepath), E("filename", file.filename),
        E("userid", None), E("filesize", len(file.content or b"")), E("mimetype", file.mimetype), E("status", 0),
        E("timecreated", timestamp), E("timemodified", timestamp), E("source", None), E("author", None),
        E("license", None), E("sortorder", 0), E("repositorytype", None), E("repositoryid", None), E("reference", None),
    ], id=file.id)


def pool_entries(files: list[StoredFile]) -> dict[str, bytes]:
    """The archive's files/ folder: each distinct content once, by its sha1."""
    return {f"files/{file.contenthash[:2]}/{file.contenthash}": file.content for file in files if file.content is not None}
