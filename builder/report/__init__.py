"""`coursekit report`: what learners' answers say about each question, from Moodle's own reports.

command.py (orchestrator) → sheets.py (CSV, Excel, ODS → rows) → table.py (the interactions report's
layout) → match.py (interactions → questions, via responses.py and builder.quiz.grading) →
stats.py (facility, discrimination, answer counts) → flags.py → charts.py and write.py.
"""
from builder.report.command import add_commands, run

__all__ = ["add_commands", "run"]
