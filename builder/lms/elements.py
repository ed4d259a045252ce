"""What the server accepts from a SCO's API, by the rules of Moodle's data models: the element names a
SCORM 1.2 or 2004 API can post (in the form Moodle stores them) and the format of their values.

The API in the browser checks every value as Moodle's does; the server checks again, since anything on
the machine can post to it."""
from __future__ import annotations

import re

MAX_VALUE = 64000             # Moodle's largest data model string (suspend_data; 1.2 outside standards mode)
MAX_VALUES = 10000            # values in one post
TIMESPAN_12 = r"([0-9]{2,4}):([0-9]{2}):([0-9]{2})(.[0-9]{1,2})?"
DECIMAL_12 = r"-?([0-9]{0,3})(.[0-9]*)?"
STATUS_12 = r"passed|completed|failed|incomplete|browsed"
ANY = r"(?s:.*)"

SCORM12 = {
    r"cmi\.core\.lesson_location": ANY, r"cmi\.core\.lesson_status": STATUS_12,
    r"cmi\.core\.score\.(raw|min|max)": DECIMAL_12, r"cmi\.core\.exit": r"time-out|suspend|logout|",
    r"cmi\.core\.total_time": r"[0-9]{1,6}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,2})?", r"cmi\.suspend_data": ANY, r"cmi\.comments": ANY,
    r"cmi\.evaluation\.comments_\d+\.(content|location|time)": ANY,
    r"cmi\.objectives_\d+\.id": r"[\u0021-\u007E]{0,255}", r"cmi\.objectives_\d+\.score\.(raw|min|max)": DECIMAL_12,
    r"cmi\.objectives_\d+\.status": STATUS_12 + "|not attempted",
    r"cmi\.student_preference\.(audio|speed|text)": r"-?[0-9]+", r"cmi\.student_preference\.language": ANY,
    r"cmi\.interactions_\d+\.(id|objectives_\d+\.id)": r"[\u0021-\u007E]{0,255}",
    r"cmi\.interactions_\d+\.time": r"([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(.[0-9]{1,2})?",
    r"cmi\.interactions_\d+\.type": r"true-false|choice|fill-in|matching|performance|sequencing|likert|numeric",
    r"cmi\.interactions_\d+\.(correct_responses_\d+\.pattern|student_response)": ANY,
    r"cmi\.interactions_\d+\.weighting": DECIMAL_12,
    r"cmi\.interactions_\d+\.result": r"correct|wrong|unanticipated|neutral|([0-9]{0,3})?(.[0-9]*)?",
    r"cmi\.interactions_\d+\.latency": TIMESPAN_12,
}
DECIMAL = r"-?([0-9]{1,5})(\.[0-9]{1,18})?"
TIMESPAN = r"P(\d+Y)?(\d+M)?(\d+D)?(T.*)?"
TIME = r"(19[7-9][0-9]|20[0-2][0-9]|203[0-8])[-T:.+0-9]*"
COMPLETION = r"completed|incomplete|not attempted|unknown"
SUCCESS = r"passed|failed|unknown"
SCORM2004 = {
    r"cmi\.completion_status": COMPLETION, r"cmi\.success_status": SUCCESS, r"cmi\.exit": r"time-out|suspend|logout|normal|",
    r"cmi\.location": r"(?s:.{0,1000})", r"cmi\.suspend_data": ANY, r"cmi\.progress_measure": DECIMAL,
    r"cmi\.score\.(scaled|raw|min|max)": DECIMAL, r"cmi\.(session_time|total_time)": TIMESPAN,
    r"cmi\.learner_preference\.(audio_level|delivery_speed)": DECIMAL, r"cmi\.learner_preference\.audio_captioning": r"-?[0-9]+",
    r"cmi\.learner_preference\.language": r"(([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?)?",
    r"cmi\.comments_from_learner\.\d+\.(comment|location)": ANY, r"cmi\.comments_from_learner\.\d+\.timestamp": TIME,
    r"cmi\.objectives\.\d+\.(id|description)": ANY, r"cmi\.objectives\.\d+\.score\.(scaled|raw|min|max)": DECIMAL,
    r"cmi\.objectives\.\d+\.success_status": SUCCESS, r"cmi\.objectives\.\d+\.completion_status": COMPLETION,
    r"cmi\.objectives\.\d+\.progress_measure": DECIMAL,
    r"cmi\.interactions\.\d+\.(id|objectives\.\d+\.id)": r"\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000}",
    r"cmi\.interactions\.\d+\.type": r"true-false|choice|(long-)?fill-in|matching|performance|sequencing|likert|numeric|other",
    r"cmi\.interactions\.\d+\.timestamp": TIME, r"cmi\.interactions\.\d+\.weighting": DECIMAL,
    r"cmi\.interactions\.\d+\.(learner_response|correct_responses\.\d+\.pattern|description)": ANY,
    r"cmi\.interactions\.\d+\.result": r"correct|incorrect|unanticipated|neutral|" + DECIMAL,
    r"cmi\.interactions\.\d+\.latency": TIMESPAN,
    r"adl\.nav\.request": r"previous|continue|exit|exitAll|abandon|abandonAll|suspendAll|\{target=\S{0,200}[a-zA-Z0-9]\}choice|.*jump",
}
RULES = {version: [(re.compile(name), re.compile(value)) for name, value in table.items()]
         for version, table in (("1.2", SCORM12), ("2004", SCORM2004))}


def invalid_value(version: str, posted_name: str, value: object) -> str | None:
    """Why a posted element cannot be stored, or None. `posted_name` is as the API posts it ("cmi__core__exit")."""
    if not isinstance(posted_name, str) or not isinstance(value, str):
        return "element names and values must be strings"
    if len(value) > MAX_VALUE and posted_name != "cmi__comments":    # SCORM 1.2 comments append, without a limit
        return f"{posted_name}: over {MAX_VALUE} characters"
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value) or any(0xD800 <= ord(c) <= 0xDFFF for c in posted_name):
        return f"{posted_name}: not Unicode text (a lone surrogate)"
    element = posted_name.replace("__", ".")
    for name, format_ in RULES[version]:
        if name.fullmatch(element):
            return None if format_.fullmatch(value) else f"{element}: {value[:40]!r} is not a valid value"
    return f"{element[:80]!r} is not an element of the SCORM {version} data model that a SCO can set"
