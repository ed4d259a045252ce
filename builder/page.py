"""Render stage, part two: the module's single launch page (Jinja2) and the JS/CSS runtime bundle."""
from __future__ import annotations

import hashlib
from functools import lru_cache

import jinja2

from builder import __version__
from builder.i18n import messages_for
from builder.model import SCORM_12, Course, Module
from builder.paths import templates_dir

LAUNCH_PAGE = "index.html"
SCRIPT = "coursekit.js"
STYLESHEET = "coursekit.css"

# The runtime is plain script files joined in this order inside one closure; the bundle carries
# exactly one LMS adapter, so no SCORM-version switch is spread through the code.
RUNTIME_FILES = {SCORM_12: ("state.js", "lms.js", "scorm12.js", "standalone.js", "player.js")}
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "ps", "yi"}


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
    )


def render_page(course: Course, module: Module) -> bytes:
    messages = messages_for(course.language)
    html = _environment().get_template("page.html.j2").render(
        course=course, module=module, t=messages, config=page_config(course, module, messages),
        direction="rtl" if course.language.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr",
        generator_version=__version__,
    )
    return html.encode("utf-8")


def page_config(course: Course, module: Module, messages: dict[str, str]) -> dict:
    """What the runtime reads from the page: lessons, UI strings, and keys for saved state."""
    lesson_ids = [lesson.id for lesson in module.lessons]
    return {
        "lessons": [{"id": lesson.id, "title": lesson.title} for lesson in module.lessons],
        "messages": {key: value for key, value in messages.items() if not key.startswith("callout.")},
        "lessonsHash": hashlib.sha256("\n".join(lesson_ids).encode()).hexdigest()[:8],
        "storageKey": f"{course.id}/{module.id}/{course.version}",
    }


@lru_cache(maxsize=None)
def runtime_script(scorm: str) -> bytes:
    folder = templates_dir() / "runtime"
    parts = [(folder / name).read_text(encoding="utf-8") for name in RUNTIME_FILES[scorm]]
    body = "\n".join(parts)
    return f"/* coursekit {__version__} runtime (SCORM {scorm}) */\n(function () {{\n\"use strict\";\n{body}}})();\n".encode("utf-8")


@lru_cache(maxsize=1)
def stylesheet() -> bytes:
    return (templates_dir() / STYLESHEET).read_bytes()
