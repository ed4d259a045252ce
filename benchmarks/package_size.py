"""What a learner downloads: each module's zip, the same zip without the author's media, and the
runtime (script and stylesheet) every package carries, raw and gzipped."""
from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

AUTHOR_MEDIA = ("media/", "shared/")      # where a package keeps the files lessons link to
RUNTIME_FILES = ("coursekit.js", "coursekit.css")
GZIP_LEVEL = 9                            # as bundle-size tools report it


def package_sizes(packages: list[Path]) -> dict:
    modules = [{"package": path.name, "zip_bytes": path.stat().st_size, "without_media_bytes": without_media(path)}
               for path in sorted(packages)]
    return {
        "modules": modules,
        "largest_zip_bytes": max(m["zip_bytes"] for m in modules),
        "largest_without_media_bytes": max(m["without_media_bytes"] for m in modules),
        "runtime": runtime_size(packages),
    }


def without_media(package: Path) -> int:
    """The size of the same zip with the author's files left out: rewritten, same compression."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            if not entry.filename.startswith(AUTHOR_MEDIA):
                target.writestr(entry, source.read(entry), compress_type=entry.compress_type)
    return len(buffer.getvalue())


def runtime_size(packages: list[Path]) -> dict:
    """coursekit.js and coursekit.css of the package with the largest runtime (one with a quiz)."""
    def script_size(path: Path) -> int:
        with zipfile.ZipFile(path) as archive:
            return archive.getinfo(RUNTIME_FILES[0]).file_size

    package = max(packages, key=script_size)
    with zipfile.ZipFile(package) as archive:
        files = {name: archive.read(name) for name in RUNTIME_FILES}
    raw = {name: len(data) for name, data in files.items()}
    gzipped = {name: len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)) for name, data in files.items()}
    return {
        "package": package.name, "js_bytes": raw["coursekit.js"], "css_bytes": raw["coursekit.css"],
        "js_gzip_bytes": gzipped["coursekit.js"], "css_gzip_bytes": gzipped["coursekit.css"],
        "total_bytes": sum(raw.values()), "total_gzip_bytes": sum(gzipped.values()),
    }
