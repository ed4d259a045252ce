"""Question-bank export: a module's quiz as Moodle XML or normalised GIFT, so an instructor can run
a Moodle Quiz from the same source. Questions go into a category per module, under the course."""
from __future__ import annotations

import dataclasses

from builder.gift import format_gift, to_moodle_xml
from builder.gift.model import FormattedText, Question, TextFormat
from builder.model import Course, Module

FORMATS = {"moodle-xml": ".xml", "gift": ".gift"}


def export_questions(course: Course, module: Module, output_format: str) -> bytes:
    questions = [with_category(item.question, course, module) for item in module.quiz.questions]
    if output_format == "moodle-xml":
        # Text without a format tag is Markdown in coursekit; Moodle renders Markdown when told so.
        return to_moodle_xml([markdown_by_default(q) for q in questions], [item.points for item in module.quiz.questions])
    return format_gift(questions).encode("utf-8")


def export_name(course: Course, module: Module, output_format: str) -> str:
    return f"{course.id}_{module.id}_v{course.version}_questions{FORMATS[output_format]}"


def with_category(question: Question, course: Course, module: Module) -> Question:
    """$course$/top/<course>/<module>[/<the GIFT category>]; a '/' in a name is written '//'."""
    parts = [course.title, module.title] + ([question.category] if question.category else [])
    return dataclasses.replace(question, category="$course$/top/" + "/".join(p.replace("/", "//") for p in parts))


def markdown_by_default(question: Question) -> Question:
    def convert(value):
        if isinstance(value, FormattedText) and value.format is TextFormat.MOODLE:
            return dataclasses.replace(value, format=TextFormat.MARKDOWN)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: convert(getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare}
            return dataclasses.replace(value, **changes)
        if isinstance(value, tuple):
            return tuple(convert(item) for item in value)
        return value

    converted = convert(question)
    if converted.text_format is TextFormat.MOODLE:
        converted = dataclasses.replace(converted, text_format=TextFormat.MARKDOWN)
    return converted
