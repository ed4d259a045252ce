"""The data models of coursekit's LMS, defined once in templates/lms/datamodel.json, and what the server
accepts from a SCO's API by them.

Both sides read that file: the SCORM 1.2 and 2004 APIs in the browser (templates/lms/scorm12.js and
scorm2004.js, served after `data_model_script()`) check every value a SCO sets as Moodle's player does;
the server checks every posted value again against the same formats, since anything on the machine can
post to it. Per version the file holds `formats` (Moodle's regular expressions, by name), `children`
(the _children constants), `elements` (each element's access `mod`: r, rw or w; its `format`; its
default `value`, "@" for the SCO's launch data; its `range`; `appends` for 1.2's cmi.comments;
`posted` false for what the player never sends), `sentByPlayer` (what the player writes itself, checked
before the element's own format: the new total time; 1.2's starting status "not attempted", which a
SCO cannot set but Moodle's player posts on a commit before the SCO sets a status, and Moodle stores), for 1.2 `outsideStandards` (the longer formats Moodle uses without SCORM standards
mode), for 2004 the `responses` and `patterns` rules of each interaction type.

The formats are JavaScript regular expressions; the server matches them as JavaScript does
(builder.contract.javascript_regex, on the text in UTF-16 code units), and a value matches where the
expression is found (SCORM 2004: and what it found is not empty, or the value is).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from builder.contract import javascript_regex, utf16_units
from builder.paths import templates_dir

DATA_MODEL_FILE = "lms/datamodel.json"
MAX_VALUES = 10000            # values in one post
STORED_INDEX = {"1.2": "_", "2004": "."}  # "cmi.objectives_0.id" (1.2), "cmi.objectives.0.id" (2004)
LARGEST = "STRING64000"                   # no value may be longer than Moodle's longest string, but 1.2's comments


@lru_cache(maxsize=1)
def data_model() -> dict:
    return json.loads((templates_dir() / DATA_MODEL_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def data_model_script() -> bytes:
    """The data model as the LMS's scripts read it: CoursekitLMSDataModel, defined before them."""
    text = json.dumps(data_model(), ensure_ascii=False, separators=(",", ":"))
    return f"/* coursekit's LMS: its data models (builder/lms/elements.py) */\nwindow.CoursekitLMSDataModel = {text};\n".encode()


@lru_cache(maxsize=None)
def rules(version: str) -> tuple[tuple[re.Pattern, re.Pattern | None], ...]:
    """(stored element name, value format or None for anything) for every element a SCO's API posts."""
    model, index = data_model()[version], re.escape(STORED_INDEX[version])
    lenient = model.get("outsideStandards", {})           # the server takes what Moodle takes in either mode
    posted = [(name, None if spec.get("appends") else model["formats"][lenient.get(spec["format"], spec["format"])])
              for name, spec in model["elements"].items() if spec["mod"] != "r" and spec.get("posted", True)]
    return tuple((re.compile(re.escape(name).replace(r"\.n\.", rf"{index}\d+\.")), source and javascript_regex(source))
                 for name, source in [*model["sentByPlayer"].items(), *posted])


def invalid_value(version: str, posted_name: str, value: object) -> str | None:
    """Why a posted element cannot be stored, or None. `posted_name` is as the API posts it ("cmi__core__exit")."""
    if not isinstance(posted_name, str) or not isinstance(value, str):
        return "element names and values must be strings"
    if any(0xD800 <= ord(c) <= 0xDFFF for c in value) or any(0xD800 <= ord(c) <= 0xDFFF for c in posted_name):
        return f"{posted_name}: not Unicode text (a lone surrogate)"
    element = posted_name.replace("__", ".")
    for name, format_ in rules(version):
        if name.fullmatch(element):
            if format_ is None:
                return None
            text = utf16_units(value)
            if not format_accepts(largest(version), text, version):
                return f"{element}: longer than any value Moodle keeps ({LARGEST})"
            return None if format_accepts(format_, text, version) else f"{element}: {value[:40]!r} is not a valid value"
    return f"{element[:80]!r} is not an element of the SCORM {version} data model that a SCO can set"


@lru_cache(maxsize=None)
def largest(version: str) -> re.Pattern:
    return javascript_regex(data_model()[version]["formats"][LARGEST])


def format_accepts(format_: re.Pattern, text: str, version: str) -> bool:
    """As the API tests a value: found (1.2); found and not empty unless the value is (2004)."""
    found = format_.search(text)
    if found is None or version == "1.2":
        return found is not None
    return text == "" or any(found.groups("")) or found.group(0) != ""
