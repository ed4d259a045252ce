"""`coursekit preview`: modules played in a local LMS that records like Moodle, rebuilt on save.

command.py (the command line) → server.py (HTTP) → builds.py (build into unpacked folders, watch.py) and
attempts.py (SQLite, with the SCORM 1.2 rules of cmi.py) → pages.py (templates/preview/).
"""
from builder.preview.command import add_commands, run

__all__ = ["add_commands", "run"]
