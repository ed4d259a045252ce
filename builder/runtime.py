"""Package stage: the runtime every package carries, one script and one stylesheet.

The script is plain files of templates/runtime/ joined in this order inside one closure, after the
contract it shares with the build (builder.contract). The bundle carries exactly one LMS adapter,
the SCORM version's, so no version switch is spread through the code.
"""
from __future__ import annotations

from functools import lru_cache

from builder import __version__
from builder.contract import contract_text
from builder.paths import templates_dir
from builder.scorm import ScormVersion

SCRIPT = "coursekit.js"
STYLESHEET = "coursekit.css"
QUIZ_FILES = ("sha256.js", "grading.js", "quiz.js", "quiz-review.js")     # only in modules with a quiz


@lru_cache(maxsize=None)
def runtime_script(scorm: ScormVersion, with_quiz: bool) -> bytes:
    folder = templates_dir() / "runtime"
    names = ("helpers.js", "state.js", "lms.js", scorm.adapter, "standalone.js", "backup.js", *(QUIZ_FILES if with_quiz else ()), "player.js")
    parts = [(folder / name).read_text(encoding="utf-8") for name in names]
    body = f"var CONTRACT = {contract_text()};     /* builder/contract.py */\n" + "\n".join(parts)
    return f"/* coursekit {__version__} runtime (SCORM {scorm}) */\n(function () {{\n\"use strict\";\n{body}}})();\n".encode("utf-8")


@lru_cache(maxsize=1)
def stylesheet() -> bytes:
    return (templates_dir() / STYLESHEET).read_bytes()
