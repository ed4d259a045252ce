"""Reading a backup as Moodle's restore does: XML files, their records, and what refers to what."""
from __future__ import annotations

import re

from lxml import etree

NULL = "$@NULL@$"


def xml(files: dict[str, bytes], path: str) -> etree._Element:
    return etree.fromstring(files[path])


def activities(files: dict[str, bytes], modname: str) -> list[str]:
    """The activity folders of one module type, in course order."""
    backup = xml(files, "moodle_backup.xml")
    return [a.findtext("directory") for a in backup.iterfind("information/contents/activities/activity")
            if a.findtext("modulename") == modname]


def record(element: etree._Element) -> dict[str, str]:
    """The text children of an element: one database record."""
    return {child.tag: child.text or "" for child in element if len(child) == 0}


def shape(element: etree._Element, prefix: str = "") -> set[str]:
    """Every element path and attribute name in a file: what it says, not the values."""
    path = f"{prefix}/{element.tag}"
    found = {path} | {f"{path}@{name}" for name in element.attrib}
    for child in element:
        found |= shape(child, path)
    return found


def kind_of(path: str) -> str:
    """A file's place with the ids taken out: activities/scorm_21/scorm.xml -> activities/scorm_*/scorm.xml."""
    return re.sub(r"^(activities/[a-z]+|sections/section)_\d+/", r"\1_*/", path)
