"""imsmanifest.xml: what the package holds and how an LMS launches it, in the course's SCORM version.

common.py holds what the versions share; scorm12.py and scorm2004.py write each version's manifest;
the version's table entry (builder.scorm) names its writer.
"""
from __future__ import annotations

from builder.manifest.common import Sco, SharedFiles, package_id
from builder.manifest.scorm12 import manifest_scorm12
from builder.manifest.scorm2004 import manifest_scorm2004
from builder.model import Course, Module

WRITERS = {"scorm12": manifest_scorm12, "scorm2004": manifest_scorm2004}
__all__ = ["Sco", "SharedFiles", "package_id", "write_manifest"]


def write_manifest(course: Course, module: Module | None, scos: list[Sco], shared: SharedFiles | None) -> bytes:
    """`module` None: a course package, titled by the course."""
    return WRITERS[course.scorm.manifest_writer](course, module, scos, shared)
