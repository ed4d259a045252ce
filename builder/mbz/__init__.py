"""A whole course as one Moodle course backup (.mbz): `coursekit build --package moodle`.

The backup restores in Moodle 5.0 and later, as a new course or into an existing one: a section per
module, each module's SCORM package (1.2, or 2004 with `--scorm 2004-*`) as a SCORM activity set up
as coursekit recommends (builder.moodle_settings), optionally each module's quiz as a native Moodle quiz with its questions
in the course's question bank, and course completion when every activity is complete. Nothing of any
user is in it, and every id and time is derived from the sources, so the same sources give the same bytes.

    backup.py     the plan: sections, activities, ids, files; the archive's entries
    scorm.py      a SCORM activity (settings, SCOs, the package and its unpacked files)
    quiz.py       a native quiz, and which quiz settings Moodle can hold
    slots.py      the quiz's slots: fixed questions and random draws
    questions.py  the question bank, from the Moodle XML export
    activity.py   what every activity folder holds
    course.py     the course, sections, gradebook, completion, moodle_backup.xml
    files.py      files.xml and the file pool
    xml.py        Moodle's XML layout
    archive.py    the gzip-compressed tar
"""
from builder.mbz.backup import Backup, assemble_backup, check_backup

__all__ = ["Backup", "assemble_backup", "check_backup"]
