"""The build, top to bottom: load → render (from the cache when unchanged) → check → package →
validate → write, then keep the renderings in the cache.

Everything is checked before anything is written: if any source has an error, the output folder
(and the cache) are left exactly as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from builder.cache import RenderCache, render_modules
from builder.diagnostics import Diagnostics
from builder.lesson_memo import LessonMemo
from builder.load import load_courses
from builder.moodle_settings import warn_about_moodle
from builder.output import Output
from builder.package import Package, course_package, module_package
from builder.quiz.budget import check_state_budget
from builder.render import render_course
from builder.scorm import ScormVersion, scorm_version

Progress = Callable[[str, int, int], None]      # (what is being done, how many done, out of)


@dataclass
class BuildResult:
    packages: list[Package] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)     # each package's zip (or folder), in order
    removed: list[Path] = field(default_factory=list)     # stale packages of the courses built


def build(paths: list[Path], out: Path | Output | None, diagnostics: Diagnostics, *, schemas_dir: Path | None = None,
          progress: Progress | None = None, scorm: ScormVersion | str | None = None, whole_course: bool = False,
          sanitize: bool = False, cache_dir: Path | None = None, memo: LessonMemo | None = None,
          moodle_backup: bool = False, quiz: str | None = None) -> BuildResult:
    """Build every module under `paths` (or one package per course) into `out`: zips into a folder,
    or through an Output of one's own (`Output(folder, unpacked=True)`: unpacked folders, as the
    preview serves them); with `out` None, write nothing. `scorm` overrides the courses' own `scorm:` setting (default 1.2); `cache_dir`
    keeps rendered modules between builds (builder.cache); `memo`, lessons within a process;
    `moodle_backup` makes one Moodle course backup per course instead (builder.mbz), `quiz`
    overriding the courses' `quiz:` setting."""
    result = BuildResult()
    courses = load_courses(paths, diagnostics, scorm_version(scorm) if scorm else None)
    for course in courses:
        course.quiz = quiz or course.quiz
    cache = RenderCache(cache_dir, sanitize) if cache_dir is not None else None
    render_modules(courses, diagnostics, sanitize=sanitize, cache=cache, memo=memo,
                   progress=(lambda number, total: progress("modules rendered", number, total)) if progress else None)
    for course in courses:          # on every build, a module from the cache too
        for module in course.modules:
            check_state_budget(course, module, diagnostics)
    check_backups(courses, diagnostics, building=moodle_backup)
    if diagnostics.has_errors:
        return result
    if moodle_backup:
        build_backups(courses, out, diagnostics, schemas_dir, result)
        if cache is not None and not diagnostics.has_errors:
            cache.commit()
        return result
    if whole_course:
        result.packages = [course_package(course) for course in courses if course.modules]
        warn_about_moodle(result.packages, diagnostics)
    else:
        result.packages = [module_package(course, module) for course in courses for module in course.modules]
    if schemas_dir is not None:
        validate_packages(result.packages, schemas_dir, diagnostics)
    if diagnostics.has_errors:
        return result
    if out is not None:
        output = out if isinstance(out, Output) else Output(out, ledger=cache_dir / "packages" if cache_dir else None)
        result.written = output.write(result.packages, (lambda number, total, name: progress("packages written", number, total))
                                      if progress else None)
        result.removed = output.remove_stale(result.packages)
    if cache is not None:
        cache.commit()
    return result


def check_backups(courses: list, diagnostics: Diagnostics, building: bool) -> None:
    if building or any(course.quiz == "moodle" for course in courses):
        from builder.mbz import check_backup

        for course in courses:
            check_backup(course, diagnostics, building=building)


def build_backups(courses: list, out: Path | Output | None, diagnostics: Diagnostics, schemas_dir: Path | None,
                  result: BuildResult) -> BuildResult:
    """One Moodle course backup per course (builder.mbz); older backups of the same course removed."""
    from builder.mbz import assemble_backup

    result.packages = [assemble_backup(course) for course in courses if course.modules]
    if schemas_dir is not None:
        validate_packages([package for backup in result.packages for package in backup.packages], schemas_dir, diagnostics)
    if diagnostics.has_errors or out is None:
        return result
    output = out if isinstance(out, Output) else Output(out)
    result.written = [output.write_backup(backup) for backup in result.packages]
    result.removed = output.remove_stale_backups(result.packages)
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
    output = Output(out_dir)
    return [output.write_file(name, data) for name, data in exports]


def validate_packages(packages: list[Package], schemas_dir: Path, diagnostics: Diagnostics) -> None:
    from builder.scorm_schemas import validate_manifest   # lxml schema loading is slow: only when asked

    for package in packages:
        for problem in validate_manifest(package.manifest, schemas_dir, package.course.scorm.name):
            diagnostics.error(package.location, f"the generated imsmanifest.xml does not validate against "
                              f"the SCORM {package.course.scorm} schemas (line {problem.line}): {problem.message}", rule="manifest-schema")
