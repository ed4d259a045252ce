"""Render stage, part one: each lesson's Markdown → HTML, with its assets and anchors checked."""
from __future__ import annotations

from markdown import Markdown
from markdown.extensions.toc import TocExtension

from builder.diagnostics import Diagnostics, Location
from builder.i18n import messages_for
from builder.markdown_ext.callouts import CalloutExtension
from builder.markdown_ext.context import LessonContext, ModuleContext
from builder.markdown_ext.gift_blocks import GiftBlockExtension
from builder.markdown_ext.inline import InlineExtension
from builder.markdown_ext.links import LinkExtension, package_asset
from builder.markdown_ext.math import MathExtension
from builder.model import Course, Module
from builder.quiz.assemble import QuizBuilder
from builder.lesson_memo import LessonMemo, capture, lesson_key, replay
from builder.sanitize import sanitize_html

# Smart quotes by language: Python-Markdown's smarty writes English quotes unless told otherwise.
QUOTES = {
    "fr": {"left-double-quote": "«&nbsp;", "right-double-quote": "&nbsp;»"},
    "es": {"left-double-quote": "«", "right-double-quote": "»"},
    "ru": {"left-double-quote": "«", "right-double-quote": "»"},
}


COMMON_EXTENSIONS = ("tables", "fenced_code", "footnotes", "attr_list", "def_list", "abbr", "md_in_html", "smarty")


def lesson_markdown(language: str, messages: dict[str, str]) -> Markdown:
    # The module title is <h1> and each lesson title <h2>, so a lesson's "##" becomes <h3>.
    return _markdown(language, messages, TocExtension(baselevel=2, toc_depth="2-4"), GiftBlockExtension())


def question_markdown(language: str, messages: dict[str, str]) -> Markdown:
    """For question, answer and feedback texts: the same Markdown, which can also render inline."""
    return _markdown(language, messages, InlineExtension())


def _markdown(language: str, messages: dict[str, str], *extra) -> Markdown:
    return Markdown(
        extensions=[*COMMON_EXTENSIONS, CalloutExtension(), MathExtension(), LinkExtension(), *extra],
        extension_configs={
            "smarty": {"substitutions": QUOTES.get(language.split("-")[0], {})},
            "footnotes": {"BACKLINK_TITLE": messages["page.footnote-back"]},
            "tables": {"use_align_attribute": True},        # style="" would be blocked by the page's CSP
        },
        output_format="html",
    )


def render_course(course: Course, diagnostics: Diagnostics, sanitize: bool = False) -> None:
    for module in course.modules:
        render_module(course, module, diagnostics, sanitize)


def render_module(course: Course, module: Module, diagnostics: Diagnostics, sanitize: bool = False,
                  memo: LessonMemo | None = None) -> None:
    """`memo`: lessons rendered before in this process, reused when unchanged (see builder.lesson_memo)."""
    context = ModuleContext(
        course_dir=course.directory, module_dir=module.directory,
        lesson_ids={lesson.source.resolve(): lesson.id for lesson in module.lessons},
        messages=messages_for(course.language), diagnostics=diagnostics, sanitize=sanitize, scorm=course.scorm.name,
    )
    context.quiz = QuizBuilder(course, module, context, question_markdown(course.language, context.messages))
    md = lesson_markdown(course.language, context.messages)
    for lesson in module.lessons:
        lesson.html = render_lesson(md, context, lesson, course.language, memo)
    quiz_page = context.quiz.quiz_page(diagnostics)
    if quiz_page is not None:
        module.lessons.append(quiz_page)
    module.quiz = context.quiz.finish(diagnostics)
    if module.quiz is not None:
        quiz_lesson = next(lesson for lesson in module.lessons if lesson.id == module.quiz.lesson_id)
        quiz_lesson.html += "\n" + context.quiz.controls()
    for check in context.anchor_checks:
        if check.fragment not in context.ids.get(check.lesson_id, set()):
            diagnostics.error(check.location, f"broken anchor: lesson '{check.lesson_id}' has no heading or element "
                              f"with the id '{check.fragment}'", rule="anchor-broken")
    if course.theme and course.theme.logo:
        module.logo = package_asset(context, course.theme.logo)
        context.referenced.add(course.theme.logo)
    module.assets = sorted(context.assets.values(), key=lambda asset: asset.package_path)
    module.references = sorted(context.referenced)
    warn_unused_files(module, context.referenced, diagnostics)
    warn_long_lessons(module, diagnostics)
    module.rendered = True


def render_lesson(md: Markdown, context: ModuleContext, lesson, language: str, memo: LessonMemo | None) -> str:
    def convert() -> str:
        md.reset()
        md.lesson = LessonContext(context, lesson)  # type: ignore[attr-defined]  # read by our extensions
        html = md.convert(lesson.body)
        return sanitize_html(html) if context.sanitize else html

    if memo is None:
        return convert()
    key = lesson_key(context, lesson, language)
    known = memo.get(key)
    if known is not None:
        return replay(context, lesson, known)
    places = len(context.quiz.places)
    effects = capture(context, lesson, convert)
    if len(context.quiz.places) == places:          # a lesson with ```gift blocks also fed the quiz: not kept
        memo.put(key, effects)
    return effects.html


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
