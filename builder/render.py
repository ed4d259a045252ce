"""Render stage, a module: its lessons (builder.lessons), its quiz (builder.quiz.gather), then
what needs them all: the questions put in their lessons, anchors checked, assets gathered."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from builder.diagnostics import Diagnostics, Location
from builder.i18n import messages_for
from builder.lesson_memo import LessonMemo
from builder.lessons import LessonRenderer
from builder.markdown_ext.context import ModuleInputs, RenderedLesson, asset_path
from builder.model import Asset, Course, Module
from builder.quiz.gather import GatheredQuiz, gather_quiz
from builder.sanitize import sanitize_html


def render_course(course: Course, diagnostics: Diagnostics, sanitize: bool = False) -> None:
    for module in course.modules:
        render_module(course, module, diagnostics, sanitize)


def module_inputs(course: Course, module: Module) -> ModuleInputs:
    return ModuleInputs(course_dir=course.directory, module_dir=module.directory, language=course.language,
                        lesson_ids={lesson.source.resolve(): lesson.id for lesson in module.lessons},
                        messages=messages_for(course.language), scorm=course.scorm.name)


def render_module(course: Course, module: Module, diagnostics: Diagnostics, sanitize: bool = False,
                  memo: LessonMemo | None = None) -> None:
    """Fills the module's HTML, quiz and assets. `memo`: lessons rendered before in this process,
    reused when nothing they read changed (builder.lesson_memo)."""
    inputs = module_inputs(course, module)
    renderer = LessonRenderer.for_module(inputs)
    rendered = [memo.rendered(inputs, lesson, renderer.render) if memo else renderer.render(lesson) for lesson in module.lessons]
    for found in rendered:
        for diagnostic in found.diagnostics:
            diagnostics.add(diagnostic)
    quiz = gather_quiz(course, module, [block for found in rendered for block in found.gift_blocks], inputs, sanitize, diagnostics)
    for lesson, found in zip(module.lessons, rendered):
        html = found.html
        for block in found.gift_blocks:
            if block.placeholder:
                html = html.replace(block.placeholder, quiz.block_html[block.placeholder], 1)
        lesson.html = sanitize_html(html) if sanitize else html
        if any(block.placeholder for block in found.gift_blocks):     # for a Moodle quiz, which asks them instead
            text = found.html
            for block in found.gift_blocks:
                text = text.replace(block.placeholder, "", 1) if block.placeholder else text
            lesson.html_without_quiz = sanitize_html(text) if sanitize else text
    if quiz.page is not None:
        module.lessons.append(quiz.page)
    module.quiz = quiz.quiz
    if module.quiz is not None:
        quiz_lesson = next(lesson for lesson in module.lessons if lesson.id == module.quiz.lesson_id)
        quiz_lesson.html += "\n" + quiz.controls
    found = [(lesson.id, result) for lesson, result in zip(module.lessons, rendered)] + quiz.texts
    check_anchors(found, diagnostics)
    assets, referenced = {}, set()
    for _, result in found:
        assets.update(result.assets)
        referenced |= result.referenced
    if course.theme and course.theme.logo:
        logo = assets.setdefault(course.theme.logo, Asset(course.theme.logo, asset_path(inputs, course.theme.logo)))
        module.logo = quote(logo.package_path)
        referenced.add(course.theme.logo)
    module.assets = sorted(assets.values(), key=lambda asset: asset.package_path)
    module.references = sorted(referenced)
    warn_unused_files(module, referenced, diagnostics)
    warn_long_lessons(module, diagnostics)
    module.rendered = True


def check_anchors(found: list[tuple[str, RenderedLesson]], diagnostics: Diagnostics) -> None:
    ids: dict[str, set[str]] = {}
    for lesson_id, result in found:
        ids.setdefault(lesson_id, set()).update(result.ids)
    for _, result in found:
        for check in result.anchor_checks:
            if check.fragment not in ids.get(check.lesson_id, set()):
                diagnostics.error(check.location, f"broken anchor: lesson '{check.lesson_id}' has no heading or element "
                                  f"with the id '{check.fragment}'", rule="anchor-broken")
SOURCE_SUFFIXES = {".md", ".yml", ".yaml", ".gift"}
LONG_LESSON_FACTOR, LONG_LESSON_WORDS = 3, 1500


def warn_unused_files(module: Module, referenced: set, diagnostics: Diagnostics) -> None:
    """Files in the module folder that no lesson links to: they are not packaged, which may surprise."""
    used = {asset.source for asset in module.assets} | referenced
    for path in sorted(module.directory.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(module.directory).parts)
        if path.is_file() and not path.is_symlink() and not hidden and path.suffix.lower() not in SOURCE_SUFFIXES \
                and path.resolve() not in used:
            diagnostics.warning(Location(path), f"'{path.relative_to(module.directory).as_posix()}' is not used by any "
                                "lesson, so it is not packaged", rule="asset-unused")


def warn_long_lessons(module: Module, diagnostics: Diagnostics) -> None:
    """A lesson far longer than the others of its module is hard to take in one sitting."""
    counts = {lesson.id: len(lesson.body.split()) for lesson in module.lessons if lesson.body}
    if len(counts) < 3:
        return
    middle = sorted(counts.values())[len(counts) // 2]
    for lesson in module.lessons:
        words = counts.get(lesson.id, 0)
        if words > LONG_LESSON_WORDS and words > LONG_LESSON_FACTOR * middle:
            diagnostics.warning(lesson.location, f"this lesson has {words:,} words, more than {LONG_LESSON_FACTOR} times the "
                                f"module's usual {middle:,}: consider splitting it", rule="lesson-long")
