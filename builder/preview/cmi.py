"""SCORM 1.2 run-time data the way Moodle keeps it: one value per element per attempt (Moodle's
"tracks"), and, from them, what a SCO is handed when it is launched again.

Moodle's rules, followed here:
- `cmi.core.entry` is "ab-initio" on the first launch, "resume" after a session that ended with
  `cmi.core.exit` = "suspend", and "" otherwise;
- `cmi.core.total_time` adds up the `cmi.core.session_time` of every finished session;
- location, status, score, suspend data, objectives and preferences are handed back as stored;
  interactions are write-only in SCORM 1.2, so they are recorded but never handed back;
- the package's mastery score reaches the SCO as `cmi.student_data.mastery_score`.
"""
from __future__ import annotations

import re

LEARNER_ID = "preview"
LEARNER_NAME = "Preview, Learner"          # SCORM 1.2 writes names "Last, First"
SESSION_TIME = "cmi.core.session_time"
TOTAL_TIME = "cmi.core.total_time"
EXIT = "cmi.core.exit"
NO_TIME = "0000:00:00.00"
TIMESPAN = re.compile(r"^(\d{2,4}):(\d{2}):(\d{2})(?:\.(\d{1,2}))?$")
HANDED_BACK = re.compile(r"^cmi\.(core\.(lesson_location|lesson_status|score\.(raw|min|max))|suspend_data|comments"
                         r"|objectives\.\d+\.(id|status|score\.(raw|min|max))|student_preference\.\w+)$")


def entry(tracks: dict[str, str]) -> str:
    if not tracks:
        return "ab-initio"
    return "resume" if tracks.get(EXIT) == "suspend" else ""


def launch_values(tracks: dict[str, str], mastery_score: int | None) -> dict[str, str]:
    """Every element the LMS sets before the SCO calls LMSInitialize, as `element: value`."""
    values = {
        "cmi.core.student_id": LEARNER_ID,
        "cmi.core.student_name": LEARNER_NAME,
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.entry": entry(tracks),
        "cmi.core.lesson_status": "not attempted",
        TOTAL_TIME: tracks.get(TOTAL_TIME, NO_TIME),
    }
    values.update({element: value for element, value in sorted(tracks.items(), key=lambda item: element_order(item[0]))
                   if HANDED_BACK.match(element)})
    if mastery_score is not None:
        values["cmi.student_data.mastery_score"] = str(mastery_score)
    return values


def nested(values: dict[str, str]) -> dict:
    """`{"cmi.core.entry": "resume"}` → `{"core": {"entry": "resume"}}`, the shape scorm-again loads.

    Numbered items (objectives.0, objectives.1) keep their number as a key, in number order, since
    an item can only be created after the one before it.
    """
    tree: dict = {}
    for element, value in sorted(values.items(), key=lambda item: element_order(item[0])):
        parts = element.split(".")[1:]
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return tree


def stored_values(tracks: dict[str, str], event: str, values: dict[str, str]) -> dict[str, str]:
    """What a commit or finish adds to the tracks: the values sent, and at a finish the new total time."""
    stored = dict(values)
    if event == "finish" and SESSION_TIME in values and TIMESPAN.match(values[SESSION_TIME]):
        stored[TOTAL_TIME] = add_timespans(tracks.get(TOTAL_TIME, NO_TIME), values[SESSION_TIME])
    return stored


def add_timespans(first: str, second: str) -> str:
    """The sum of two SCORM 1.2 CMITimespans (HHHH:MM:SS.SS)."""
    centiseconds = timespan_centiseconds(first) + timespan_centiseconds(second)
    hours, rest = divmod(centiseconds, 360_000)
    minutes, rest = divmod(rest, 6_000)
    seconds, hundredths = divmod(rest, 100)
    return f"{min(hours, 9999):04d}:{minutes:02d}:{seconds:02d}.{hundredths:02d}"


def timespan_centiseconds(timespan: str) -> int:
    match = TIMESPAN.match(timespan)
    if not match:
        return 0
    hours, minutes, seconds, fraction = match.groups()
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 100 + int((fraction or "0").ljust(2, "0"))


def element_order(element: str) -> tuple:
    """cmi.interactions.2.id before cmi.interactions.10.id: numbers compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in element.split("."))
