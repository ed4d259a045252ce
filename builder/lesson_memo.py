"""Lessons rendered earlier in this process, reused when nothing they read has changed.

A running process (coursekit preview) rebuilds on every save; most lessons of the edited module
did not change. A lesson's rendering is kept with everything it did besides its HTML (assets,
files referenced, element ids, anchors to check, diagnostics), captured by giving the lesson fresh
containers while it converts, and replayed by merging them back. Its key holds everything the
conversion reads; the files it referenced are checked again on every use.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Diagnostic
from builder.digests import code_fingerprint, file_digest
from builder.markdown_ext.context import AnchorCheck, ModuleContext
from builder.model import Asset, Lesson

ENTRIES_KEPT = 5000


@dataclass
class LessonEffects:
    html: str
    assets: dict[Path, Asset]
    referenced: dict[Path, str]          # file -> its digest when the lesson was rendered
    ids: set[str]
    anchor_checks: list[AnchorCheck]
    diagnostics: list[Diagnostic]


class LessonMemo:
    def __init__(self) -> None:
        self.entries: OrderedDict[str, LessonEffects] = OrderedDict()

    def get(self, key: str) -> LessonEffects | None:
        effects = self.entries.get(key)
        if effects is None or any(file_digest(path) != digest for path, digest in effects.referenced.items()):
            return None
        self.entries.move_to_end(key)
        return effects

    def put(self, key: str, effects: LessonEffects) -> None:
        self.entries[key] = effects
        while len(self.entries) > ENTRIES_KEPT:
            self.entries.popitem(last=False)

    def update(self, other: "LessonMemo") -> None:
        for key, effects in other.entries.items():
            self.put(key, effects)


def lesson_key(context: ModuleContext, lesson: Lesson, language: str) -> str:
    parts = [code_fingerprint(), language, str(context.scorm), str(context.sanitize), str(context.course_dir), str(context.module_dir),
             str(lesson.source), str(lesson.body_line), lesson.id, lesson.body,
             repr(sorted((str(path), lesson_id) for path, lesson_id in context.lesson_ids.items()))]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def capture(context: ModuleContext, lesson: Lesson, convert) -> LessonEffects:
    """Run `convert()` with fresh containers in `context`, merge what it did back, and return it."""
    saved = (context.assets, context.referenced, context.anchor_checks)
    context.assets, context.referenced, context.anchor_checks = {}, set(), []
    first_diagnostic = len(context.diagnostics)
    try:
        html = convert()
        # Links to other lessons depend on which lessons exist (in the key), not on what they say.
        depends_on = {path: file_digest(path) for path in context.referenced if path not in context.lesson_ids}
        effects = LessonEffects(html, context.assets, depends_on,
                                set(context.ids.get(lesson.id, set())), context.anchor_checks,
                                context.diagnostics.since(first_diagnostic))
    finally:
        context.assets, context.referenced, context.anchor_checks = saved
    replay(context, lesson, effects, diagnostics_too=False)
    return effects


def replay(context: ModuleContext, lesson: Lesson, effects: LessonEffects, diagnostics_too: bool = True) -> str:
    context.assets.update(effects.assets)
    context.referenced.update(effects.referenced)
    context.ids[lesson.id] = set(effects.ids)
    context.anchor_checks.extend(effects.anchor_checks)
    if diagnostics_too:
        for diagnostic in effects.diagnostics:
            context.diagnostics.add(diagnostic)
    return effects.html
