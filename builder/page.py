"""Package stage: the module's launch page (Jinja2), with the config the runtime reads from it."""
from __future__ import annotations

import hashlib
from functools import lru_cache

import jinja2

from builder import __version__
from builder.contract import state_layout
from builder.i18n import messages_for
from builder.model import Course, Module
from builder.paths import templates_dir
from builder.quiz.answer_key import module_salt

LAUNCH_PAGE = "index.html"
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "ps", "yi"}


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )


def render_page(course: Course, module: Module, asset_root: str = "") -> bytes:
    """`asset_root`: where the shared runtime files are, relative to the page ("../" in a course package)."""
    messages = messages_for(course.language)
    html = _environment().get_template("page.html.j2").render(
        course=course, module=module, t=messages, config=page_config(course, module, messages), asset_root=asset_root,
        direction="rtl" if course.language.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr",
        generator_version=__version__,
    )
    return html.encode("utf-8")


def page_config(course: Course, module: Module, messages: dict[str, str]) -> dict:
    """What the runtime reads from the page: lessons, UI strings, and keys for saved state."""
    # The state of another build (other lessons or questions) must not be read as this one's.
    shape = [lesson.id for lesson in module.lessons] + [q.id for q in (module.quiz.questions if module.quiz else [])]
    config = {
        "language": course.language,
        "lessons": [{"id": lesson.id, "title": lesson.title} for lesson in module.lessons],
        "messages": {key: value for key, value in messages.items() if not key.startswith("callout.")},
        "lessonsHash": hashlib.sha256("\n".join(shape).encode()).hexdigest()[:state_layout()["hashLength"]],
        "storageKey": f"{course.id}/{module.id}/{course.version}",
        "scorm": course.scorm.runtime_config(),
    }
    if module.quiz is not None:
        config["quiz"] = quiz_config(course, module)
    return config


def quiz_config(course: Course, module: Module) -> dict:
    quiz, settings = module.quiz, module.quiz.settings
    titles = {q.question.title: index for index, q in enumerate(quiz.questions) if q.question.title}
    return {
        "lesson": quiz.lesson_id, "salt": module_salt(course, module), "scored": module.scored,
        "mastery": course.pass_mark(module), "attempts": settings.attempts,
        "shuffleAnswers": settings.shuffle_answers, "shuffleQuestions": settings.shuffle_questions,
        "draw": [{"category": rule.category, "count": rule.count} for rule in settings.draw],
        "feedback": settings.feedback, "showCorrect": settings.show_correct,
        "questions": [{"id": q.id, "kind": q.question.kind.value, "points": q.points, "category": q.question.category,
                       "key": q.answer_key} for q in quiz.questions],
        "objectives": [{"id": f"{module.id}-objective-{number}", "questions": [titles[t] for t in members if t in titles]}
                       for number, members in sorted(settings.objectives.items())],
    }
