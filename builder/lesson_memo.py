"""Lessons rendered earlier in this process, reused when nothing they read has changed.

A running process (coursekit preview) rebuilds on every save; most lessons of the edited module
did not change. Rendering a lesson is a pure function (builder.lessons): its RenderedLesson is kept
under a key of everything the conversion reads, with the digests of the files it referenced,
which are checked again on every use.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from builder.digests import code_fingerprint, file_digest
from builder.markdown_ext.context import ModuleInputs, RenderedLesson
from builder.model import Lesson

ENTRIES_KEPT = 5000


class LessonMemo:
    def __init__(self) -> None:
        self.entries: OrderedDict[str, tuple[dict[Path, str], RenderedLesson]] = OrderedDict()

    def rendered(self, inputs: ModuleInputs, lesson: Lesson, render: Callable[[Lesson], RenderedLesson]) -> RenderedLesson:
        key = lesson_key(inputs, lesson)
        known = self.entries.get(key)
        if known is not None and all(file_digest(path) == digest for path, digest in known[0].items()):
            self.entries.move_to_end(key)
            return known[1]
        found = render(lesson)
        # Links to other lessons depend on which lessons exist (in the key), not on what they say.
        depends_on = {path: file_digest(path) for path in found.referenced if path not in inputs.lesson_ids}
        self.put(key, (depends_on, found))
        return found

    def put(self, key: str, entry: tuple[dict[Path, str], RenderedLesson]) -> None:
        self.entries[key] = entry
        while len(self.entries) > ENTRIES_KEPT:
            self.entries.popitem(last=False)

    def update(self, other: "LessonMemo") -> None:
        for key, entry in other.entries.items():
            self.put(key, entry)


def lesson_key(inputs: ModuleInputs, lesson: Lesson) -> str:
    parts = [code_fingerprint(), inputs.language, inputs.scorm, str(inputs.course_dir), str(inputs.module_dir),
             str(lesson.source), str(lesson.body_line), lesson.id, lesson.body,
             repr(sorted((str(path), lesson_id) for path, lesson_id in inputs.lesson_ids.items()))]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
