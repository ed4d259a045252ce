"""`coursekit preview`: the courses built as they are saved and played in coursekit's LMS (builder.lms),
which plays, stores and grades them as Moodle 5.0's SCORM player does.

command.py (the CLI) → server.py (HTTP: the LMS's player and API routes) → builds.py (builds, unpacked)
and watch.py (what changed) → pages.py (templates/preview/; the LMS's scripts are in templates/lms/).
"""
from builder.preview.command import add_commands, run

__all__ = ["add_commands", "run"]
