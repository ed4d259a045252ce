"""The build, top to bottom: find courses → load → render → assemble → (validate) → write.

Everything is checked before anything is written: if any source has an error, dist/ is left
exactly as it was.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from builder.cache import render_modules, reuse_rendered
from builder.diagnostics import Diagnostics
from builder.digests import file_digest
from builder.load import load_courses
from builder.model import SCORM_NAMES
from builder.moodle_settings import warn_about_moodle
from builder.package import Package, assemble, assemble_course, write_atomically, write_package
from builder.render import render_course

Progress = Callable[[int, int, Package], None]


@dataclass
class BuildResult:
    packages: list[Package] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)     # stale packages of the courses built


def build(paths: list[Path], out_dir: Path | None, diagnostics: Diagnostics, *, schemas_dir: Path | None = None,
          progress: Progress | None = None, scorm: str | None = None, whole_course: bool = False,
          sanitize: bool = False, cache_dir: Path | None = None) -> BuildResult:
    """Build every module under `paths` (or one package per course); with `out_dir` None, write nothing.

    `scorm` overrides the courses' own `scorm:` setting (default 1.2); `cache_dir` keeps rendered
    modules between builds (see builder.cache).
    """
    result = BuildResult()
    reuse = reuse_rendered(cache_dir, sanitize, diagnostics) if cache_dir else None
    courses = load_courses(paths, diagnostics, reuse)
    for course in courses:
        course.scorm = scorm or course.scorm
    render_modules(courses, diagnostics, sanitize=sanitize, cache_dir=cache_dir)
    if diagnostics.has_errors:
        return result
    if whole_course:
        result.packages = [assemble_course(course) for course in courses if course.modules]
        warn_about_moodle(result.packages, diagnostics)
    else:
        result.packages = [assemble(course, module) for course in courses for module in course.modules]
    if schemas_dir is not None:
        validate_packages(result.packages, schemas_dir, diagnostics)
    if diagnostics.has_errors or out_dir is None:
        return result
    for number, package in enumerate(result.packages, start=1):
        if progress:
            progress(number, len(result.packages), package)
        if cache_dir is not None and package_unchanged(package, out_dir, cache_dir):
            result.written.append(out_dir / package.name)
            continue
        result.written.append(write_package(package, out_dir))
        if cache_dir is not None:
            remember_package(package, out_dir, cache_dir)
    result.removed = remove_stale(result.packages, out_dir)
    return result


def export(paths: list[Path], out_dir: Path, output_format: str, diagnostics: Diagnostics) -> list[Path]:
    """Every module's questions as a question-bank file (see builder.quiz.export)."""
    from builder.quiz.export import export_name, export_questions

    courses = load_courses(paths, diagnostics)
    for course in courses:
        render_course(course, diagnostics)
    if diagnostics.has_errors:
        return []
    exports = [(export_name(course, module, output_format), export_questions(course, module, output_format))
               for course in courses for module in course.modules if module.quiz is not None]
    return [write_atomically(out_dir / name, lambda stream, data=data: stream.write(data)) for name, data in exports]


def package_unchanged(package: Package, out_dir: Path, cache_dir: Path) -> bool:
    """The same content was written before, and the file in the output folder is still that file."""
    target, record = out_dir / package.name, cache_dir / "packages" / f"{package.name}.json"
    try:
        written = json.loads(record.read_text())
        stat = target.stat()
    except (OSError, ValueError):
        return False
    return written == {"content": package_digest(package), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def remember_package(package: Package, out_dir: Path, cache_dir: Path) -> None:
    stat = (out_dir / package.name).stat()
    record = {"content": package_digest(package), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    write_atomically(cache_dir / "packages" / f"{package.name}.json", lambda stream: stream.write(json.dumps(record).encode()))


def package_digest(package: Package) -> str:
    digest = hashlib.sha256(package.manifest)
    for file in package.files:
        content = hashlib.sha256(file.data).hexdigest() if file.data is not None else file_digest(file.source)
        digest.update(f"\0{file.path}\0{content}".encode())
    return digest.hexdigest()


def validate_packages(packages: list[Package], schemas_dir: Path, diagnostics: Diagnostics) -> None:
    from builder.scorm_schemas import validate_manifest   # lxml schema loading is slow: only when asked

    for package in packages:
        for problem in validate_manifest(package.manifest, schemas_dir, package.course.scorm):
            diagnostics.error(package.location, f"the generated imsmanifest.xml does not validate against "
                              f"the SCORM {package.course.scorm} schemas (line {problem.line}): {problem.message}", rule="manifest-schema")


def remove_stale(packages: list[Package], out_dir: Path) -> list[Path]:
    """Older packages of what was just built, in the same SCORM version: another version of the
    course, or a module since removed. Packages in another SCORM version are left alone."""
    written = {package.name for package in packages}
    removed = []
    for package in packages:
        course, scorm = package.course, re.escape(SCORM_NAMES[package.course.scorm])
        if package.module is None:
            pattern = re.compile(rf"^{re.escape(course.id)}_v.+_{scorm}_course\.zip$")
        else:
            pattern = re.compile(rf"^{re.escape(course.id)}_(?P<module>[a-z0-9-]+)_v.+_{scorm}\.zip$")
        for candidate in sorted(out_dir.glob(f"{course.id}_*.zip")):
            match = pattern.match(candidate.name)
            stale = match and candidate.name not in written and candidate not in removed and (
                package.module is None or match["module"] == package.module.id or course.all_modules_built)
            if stale:
                candidate.unlink()
                removed.append(candidate)
    return removed
