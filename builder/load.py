"""Load stage: course folders on disk → Course, Module and Lesson objects, every problem reported.

    courses/<course>/course.yml
    courses/<course>/<NN-module>/module.yml
    courses/<course>/<NN-module>/<NN-lesson>.md      (YAML front matter, then Markdown)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from builder.diagnostics import Diagnostics, Location
from builder.files import folder_problem, read_text
from builder.metadata import (
    IDENTIFIER, Field, Metadata, check_fields, identifier, language, mapping, minutes, one_of, parse_mapping, score, scorm_version,
    text, text_list, version,
)
from builder.gift import parse_gift
from builder.model import Course, GiftFile, Lesson, Module
from builder.scorm import DEFAULT as DEFAULT_SCORM, ScormVersion
from builder.quiz.settings import quiz_settings
from builder.theme import read_theme

COURSE_FILE = "course.yml"
MODULE_FILE = "module.yml"

COURSE_FIELDS = (
    Field("id", identifier, required=True),
    Field("title", text, required=True),
    Field("language", language, required=True),
    Field("version", version, required=True),
    Field("description", text),
    Field("authors", text_list),
    Field("license", text),
    Field("mastery_score", score),
    Field("keywords", text_list),
    Field("modules", text_list),
    Field("scorm", scorm_version),
    Field("theme", mapping),
    Field("quiz", one_of("scorm", "moodle")),
)
MODULE_FIELDS = (
    Field("title", text, required=True),
    Field("description", text),
    Field("objectives", text_list),
    Field("duration", minutes),
    Field("mastery_score", score),
    Field("keywords", text_list),
    Field("quiz", mapping),
)
LESSON_FIELDS = (
    Field("title", text, required=True),
    Field("objectives", text_list),
    Field("duration", minutes),
)

ORDER_PREFIX = re.compile(r"^(\d+)[-_]")
FRONT_MATTER_FENCE = "---"


def find_courses(paths: list[Path], diagnostics: Diagnostics) -> list[tuple[Path, set[Path] | None]]:
    """Course folders named by the user: a course, a folder of courses, or one module of a course.

    Each entry is (course folder, only these module folders or None for all).
    """
    found: dict[Path, set[Path] | None] = {}
    for path in paths:
        path = Path(os.path.realpath(path))          # Path.resolve() raises on a symbolic link loop
        if (path / COURSE_FILE).is_file():
            found[path] = None
        elif (path / MODULE_FILE).is_file() and (path.parent / COURSE_FILE).is_file():
            selected = found.setdefault(path.parent, set())
            if selected is not None:
                selected.add(path)
        elif path.is_dir() and (courses := sorted(p.parent for p in path.glob(f"*/{COURSE_FILE}"))):
            found.update({course: None for course in courses})
        elif path.is_dir():
            diagnostics.error(Location(path), f"no course here: expected {COURSE_FILE} in this folder or in its subfolders", rule="course-not-found")
        else:
            diagnostics.error(Location(path), "no such folder", rule="course-not-found")
    return list(found.items())


def load_courses(paths: list[Path], diagnostics: Diagnostics, scorm: ScormVersion | None = None) -> list[Course]:
    """`scorm` overrides the courses' own `scorm:` setting: the version is chosen here, once."""
    courses = [load_course(folder, only, diagnostics, scorm) for folder, only in find_courses(paths, diagnostics)]
    loaded = [course for course in courses if course is not None]
    _check_unique_course_ids(loaded, diagnostics)
    return loaded


def load_course(directory: Path, only: set[Path] | None, diagnostics: Diagnostics,
                scorm: ScormVersion | None = None) -> Course | None:
    path = directory / COURSE_FILE
    source = read_text(path, directory, diagnostics)
    metadata = parse_mapping(source, path, diagnostics) if source is not None else None
    if metadata is None or not check_fields(metadata, COURSE_FIELDS, COURSE_FILE, diagnostics):
        return None
    course = Course(
        id=metadata.get("id"), directory=directory, title=metadata.get("title"),
        language=metadata.get("language"), version=metadata.get("version"), location=metadata.location,
        modules=[], description=metadata.get("description", ""), authors=metadata.get("authors", []),
        license=metadata.get("license", ""), mastery_score=metadata.get("mastery_score"),
        keywords=metadata.get("keywords", []), scorm=scorm or metadata.get("scorm", DEFAULT_SCORM),
        theme=read_theme(metadata, directory, diagnostics), quiz=metadata.get("quiz", "scorm"),
    )
    folders = _module_folders(directory, metadata, diagnostics)
    selected = [folder for folder in folders if only is None or folder in only]
    loaded = (load_module(folder, diagnostics) for folder in selected)
    course.modules = [m for m in loaded if m is not None]
    course.all_modules_built = only is None
    if not folders:
        diagnostics.error(metadata.location, "this course has no modules: add a folder with a module.yml and lessons", rule="course-empty")
    _check_unique_module_ids(course.modules, diagnostics)
    return course


def _module_folders(directory: Path, course: Metadata, diagnostics: Diagnostics) -> list[Path]:
    """Module folders in build order: as listed in course.yml, else by number prefix."""
    present = {p for p in directory.iterdir() if _usable_folder(p, directory, diagnostics) and _looks_like_module(p, diagnostics)}
    listed = course.get("modules")
    if listed is None:
        return sorted(present, key=lambda p: order_key(p.name))
    ordered: list[Path] = []
    for name, where in zip(listed, course.item_locations.get("modules", [course.where("modules")] * len(listed))):
        folder = directory / name
        if folder not in present:
            diagnostics.error(where, f"module folder '{name}' listed in {COURSE_FILE} does not exist (or has no {MODULE_FILE})", rule="course-modules")
        elif folder in ordered:
            diagnostics.error(where, f"module folder '{name}' is listed twice", rule="course-modules")
        else:
            ordered.append(folder)
    for folder in sorted(present - set(ordered)):
        diagnostics.error(Location(folder / MODULE_FILE), f"module folder '{folder.name}' is not listed under 'modules' in {COURSE_FILE}", rule="course-modules")
    return ordered


def _usable_folder(entry: Path, course: Path, diagnostics: Diagnostics) -> bool:
    """A folder of the course; a symbolic link that leaves the course or loops is an error."""
    problem = folder_problem(entry, course) if entry.is_symlink() else None
    if problem is not None:
        diagnostics.error(Location(entry), problem.message, rule=problem.rule)
        return False
    return entry.is_dir()


def _looks_like_module(folder: Path, diagnostics: Diagnostics) -> bool:
    if (folder / MODULE_FILE).is_file():
        return True
    if any(folder.glob("*.md")):
        diagnostics.error(Location(folder), f"folder has lessons but no {MODULE_FILE}", rule="module-file")
    return False


def load_module(directory: Path, diagnostics: Diagnostics) -> Module | None:
    path = directory / MODULE_FILE
    source = read_text(path, directory.parent, diagnostics)
    metadata = parse_mapping(source, path, diagnostics) if source is not None else None
    module_id = strip_order_prefix(directory.name)
    if not IDENTIFIER.match(module_id):
        diagnostics.error(Location(path), f"module folder name '{directory.name}' gives the id '{module_id}': "
                          "use lower-case letters, digits and hyphens after the number, e.g. 01-site-planning", rule="id-invalid")
    lessons = load_lessons(directory, diagnostics)
    gift_files = load_gift_files(directory, diagnostics)
    if metadata is None or not check_fields(metadata, MODULE_FIELDS, MODULE_FILE, diagnostics):
        return None
    settings = quiz_settings(metadata, diagnostics)
    if not any(directory.glob("*.md")):
        diagnostics.error(metadata.location, "this module has no lessons: add Markdown files such as 01-introduction.md", rule="module-empty")
    return Module(
        id=module_id, directory=directory, title=metadata.get("title"), location=metadata.location,
        lessons=lessons, description=metadata.get("description", ""), objectives=metadata.get("objectives", []),
        duration=metadata.get("duration"), mastery_score=metadata.get("mastery_score"),
        keywords=metadata.get("keywords", []), quiz_settings=settings, gift_files=gift_files,
    )


def load_gift_files(directory: Path, diagnostics: Diagnostics) -> list[GiftFile]:
    """The module's *.gift files, read and parsed; a module's quiz is made of their questions."""
    parsed = []
    for path in sorted(directory.glob("*.gift")):
        source = read_text(path, directory.parent, diagnostics)
        if source is None:
            continue
        errors = len(diagnostics.errors)
        questions = parse_gift(source, path, diagnostics)
        if not questions and len(diagnostics.errors) == errors:
            diagnostics.error(Location(path), f"{path.name} holds no questions (only comments or blank lines): "
                              "write a question, or delete the file", rule="gift-empty")
        parsed.append(GiftFile(path, source, questions))
    return parsed


def load_lessons(directory: Path, diagnostics: Diagnostics) -> list[Lesson]:
    lessons = [load_lesson(path, diagnostics) for path in sorted(directory.glob("*.md"), key=lambda p: order_key(p.name))]
    loaded = [lesson for lesson in lessons if lesson is not None]
    seen: dict[str, Lesson] = {}
    for lesson in loaded:
        if lesson.id in seen:
            diagnostics.error(lesson.location, f"two lessons have the id '{lesson.id}' ({seen[lesson.id].source.name} and {lesson.source.name})", rule="id-duplicate")
        seen.setdefault(lesson.id, lesson)
    return loaded


def load_lesson(path: Path, diagnostics: Diagnostics) -> Lesson | None:
    source = read_text(path, path.parent.parent, diagnostics)     # the course folder holds the module's
    if source is None:
        return None
    lines = source.split("\n")
    if not lines or lines[0].rstrip() != FRONT_MATTER_FENCE:
        diagnostics.error(Location(path), "a lesson starts with front matter: a line '---', 'title: ...', then a line '---'", rule="front-matter")
        return None
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == FRONT_MATTER_FENCE), None)
    if end is None:
        diagnostics.error(Location(path), "the front matter is not closed: add a line '---' after it", rule="front-matter")
        return None
    metadata = parse_mapping("\n".join(lines[1:end]), path, diagnostics, first_line=2)
    if metadata is None or not check_fields(metadata, LESSON_FIELDS, "the front matter", diagnostics):
        return None
    lesson_id = strip_order_prefix(path.stem)
    if not IDENTIFIER.match(lesson_id):
        diagnostics.error(Location(path), f"lesson file name '{path.name}' gives the id '{lesson_id}': "
                          "use lower-case letters, digits and hyphens, e.g. 02-site-selection.md", rule="id-invalid")
        return None
    return Lesson(
        id=lesson_id, source=path, title=metadata.get("title"), body="\n".join(lines[end + 1:]),
        body_line=end + 2, location=Location(path), objectives=metadata.get("objectives", []),
        duration=metadata.get("duration"),
    )


def strip_order_prefix(name: str) -> str:
    return ORDER_PREFIX.sub("", name, count=1)


def order_key(name: str) -> tuple[int, str]:
    match = ORDER_PREFIX.match(name)
    return (int(match.group(1)) if match else 1_000_000, name)


def _check_unique_module_ids(modules: list[Module], diagnostics: Diagnostics) -> None:
    seen: dict[str, Module] = {}
    for module in modules:
        if module.id in seen:
            diagnostics.error(module.location, f"two modules have the id '{module.id}' "
                              f"({seen[module.id].directory.name} and {module.directory.name}); rename one folder", rule="id-duplicate")
        seen.setdefault(module.id, module)


def _check_unique_course_ids(courses: list[Course], diagnostics: Diagnostics) -> None:
    seen: dict[str, Course] = {}
    for course in courses:
        if course.id in seen:
            diagnostics.error(course.location, f"two courses have the id '{course.id}' ({seen[course.id].directory} and {course.directory})", rule="id-duplicate")
        seen.setdefault(course.id, course)
