"""Package stage: gather a module's files and manifest (builder.output writes them).

Zips are reproducible: fixed timestamps and permissions, sorted entries, so the same sources give
the same bytes on any machine, time zone or locale (zip_entry()).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from builder.manifest import Sco, SharedFiles, package_id, write_manifest
from builder.model import Course, Module
from builder.page import LAUNCH_PAGE, render_page
from builder.runtime import SCRIPT, STYLESHEET, runtime_script, stylesheet
from builder.theme import THEME_FILE, theme_stylesheet

MANIFEST = "imsmanifest.xml"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)          # the earliest time a zip can hold
ALREADY_COMPRESSED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp4", ".webm", ".mp3", ".m4a", ".ogg", ".oga", ".ogv", ".zip", ".gz", ".woff2"}
SAFE_ENTRY = re.compile(r"^(?!/)(?!.*\\)(?!.*(?:^|/)\.\.(?:/|$))[^\x00-\x1f]+$")


@dataclass(frozen=True)
class PackageFile:
    path: str                    # inside the zip, "/"-separated
    data: bytes | None = None    # generated content...
    source: Path | None = None   # ...or a file of the course, streamed when written


@dataclass
class Package:
    course: Course
    module: Module | None        # None: a whole-course package, one SCO per module
    manifest: bytes
    files: list[PackageFile]     # everything but the manifest, sorted by path

    @property
    def location(self):
        return (self.module or self.course).location


def module_package(course: Course, module: Module) -> Package:
    """A module package: one SCO, its page, the runtime, and the files its lessons use."""
    files = [PackageFile(SCRIPT, runtime_script(course.scorm, module.quiz is not None)), PackageFile(STYLESHEET, stylesheet()),
             *_theme_files(course), *_module_files(course, module, "")]
    sco = Sco(module, LAUNCH_PAGE, sorted(f.path for f in files), manifest_mastery(course, module))
    return _package(course, module, files, write_manifest(course, module, [sco], None))


def course_package(course: Course) -> Package:
    """A course package: one SCO per module, each in its own folder, sharing one runtime."""
    theme = _theme_files(course)
    shared = SharedFiles(package_id(course, None) + "-runtime", [SCRIPT, STYLESHEET, *(f.path for f in theme)])
    files = [PackageFile(SCRIPT, runtime_script(course.scorm, any(m.quiz for m in course.modules))),
             PackageFile(STYLESHEET, stylesheet()), *theme]
    scos = []
    for module in course.modules:
        own = _module_files(course, module, f"{module.id}/")
        files.extend(own)
        scos.append(Sco(module, f"{module.id}/{LAUNCH_PAGE}", sorted(f.path for f in own),
                        manifest_mastery(course, module), [shared.identifier]))
    return _package(course, None, files, write_manifest(course, None, scos, shared))


def manifest_mastery(course: Course, module: Module) -> int | None:
    """The pass mark in the manifest: only a scored module has one."""
    return course.pass_mark(module) if module.scored else None


def _theme_files(course: Course) -> list[PackageFile]:
    if course.theme is None or course.theme.color is None:
        return []
    return [PackageFile(THEME_FILE, theme_stylesheet(course.theme))]


def _module_files(course: Course, module: Module, folder: str) -> list[PackageFile]:
    page = render_page(course, module, asset_root="../" if folder else "")
    return [PackageFile(folder + LAUNCH_PAGE, page),
            *(PackageFile(folder + asset.package_path, asset.data, None if asset.data is not None else asset.source)
              for asset in module.assets)]


def _package(course: Course, module: Module | None, files: list[PackageFile], manifest: bytes) -> Package:
    files.sort(key=lambda f: f.path)
    for file in files:
        if not is_safe_entry(file.path):
            raise ValueError(f"unsafe path inside the package: {file.path!r}")
    return Package(course, module, manifest, files)


def is_safe_entry(name: str) -> bool:
    """Forward slashes only (the Moodle app fails on backslashes), relative, no '..' step."""
    return bool(SAFE_ENTRY.match(name)) and posixpath.normpath(name) == name


def zip_entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, FIXED_TIME)
    entry.create_system = 3                      # Unix, whatever the building machine
    entry.external_attr = 0o100644 << 16         # a regular file, rw-r--r--
    stored = posixpath.splitext(name)[1].lower() in ALREADY_COMPRESSED
    entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return entry
