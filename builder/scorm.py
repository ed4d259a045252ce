"""The SCORM versions coursekit writes: one table, read by everything that depends on the version.

A course's version is chosen once, when it is loaded (its `scorm:` setting, or `--scorm`), and
travels as a ScormVersion: packaging, manifests, schema checks and caches read it from here, and
the runtime gets `runtime_config()` in the page's config rather than constants of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

# The SCORM interaction type of each question kind; SCORM 1.2 has no long-fill-in.
_TYPES_12 = (("true_false", "true-false"), ("multiple_choice", "choice"), ("multiple_response", "choice"),
             ("short_answer", "fill-in"), ("numerical", "numeric"), ("matching", "matching"), ("essay", "fill-in"))
_TYPES_2004 = tuple((kind, "long-fill-in" if kind == "essay" else type_) for kind, type_ in _TYPES_12)
# How a response is written: the words for true and false, the separators of a list, of a matching pair
# (prompt, option) and of a numeric range; 1.2 has no range ("") and writes its middle.
_RESPONSES_12 = (("true", "t"), ("false", "f"), ("list", ","), ("pair", "."), ("range", ""))
_RESPONSES_2004 = (("true", "true"), ("false", "false"), ("list", "[,]"), ("pair", "[.]"), ("range", "[:]"))


@dataclass(frozen=True)
class ScormVersion:
    name: str                    # as written in course.yml and --scorm
    file_tag: str                # in package file names
    adapter: str                 # the runtime's LMS adapter (templates/runtime/)
    state_limit: int             # characters of cmi.suspend_data an LMS must accept
    schema_edition: str          # the folder of the official schemas (scorm12/, scorm2004-3rd/, ...)
    schema_version: str          # the manifest's <schemaversion>
    manifest_writer: str         # "scorm12" or "scorm2004" (builder.manifest picks the writer)
    interaction_types: tuple[tuple[str, str], ...]    # question kind -> SCORM interaction type
    text_limits: tuple[tuple[str, int], ...]          # interaction type -> characters of a text response
    description_limit: int       # characters of an interaction's description (0: the version has none)
    comment_limit: int           # characters of one value of cmi.comments, where a cut essay goes whole (0: not used)
    response_format: tuple[tuple[str, str], ...]      # true, false, list, pair, range -> how it is written

    def __str__(self) -> str:
        return self.name

    @property
    def is_2004(self) -> bool:
        return self.manifest_writer == "scorm2004"

    def runtime_config(self) -> dict:
        """What the runtime's adapter reads from the page's config."""
        return {"version": self.name, "stateLimit": self.state_limit, "types": dict(self.interaction_types),
                "textLimits": dict(self.text_limits), "descriptionLimit": self.description_limit,
                "commentLimit": self.comment_limit, "responses": dict(self.response_format)}

    def text_limit(self, interaction_type: str) -> int | None:
        """Characters of a text response of that type (None: the version sets no limit of its own)."""
        return dict(self.text_limits).get(interaction_type)


SCORM_12 = ScormVersion("1.2", "scorm12", "scorm12.js", 4096, "scorm12", "1.2", "scorm12", _TYPES_12,
                        (("fill-in", 255),), 0, 4096, _RESPONSES_12)
SCORM_2004_3RD = ScormVersion("2004-3rd", "scorm2004-3rd", "scorm2004.js", 64000, "scorm2004-3rd", "2004 3rd Edition",
                              "scorm2004", _TYPES_2004, (("fill-in", 250), ("long-fill-in", 4000)), 250, 0,
                              _RESPONSES_2004)
SCORM_2004_4TH = ScormVersion("2004-4th", "scorm2004-4th", "scorm2004.js", 64000, "scorm2004-4th", "2004 4th Edition",
                              "scorm2004", _TYPES_2004, (("fill-in", 250), ("long-fill-in", 4000)), 250, 0,
                              _RESPONSES_2004)

VERSIONS = {version.name: version for version in (SCORM_12, SCORM_2004_3RD, SCORM_2004_4TH)}
DEFAULT = SCORM_12                # the Moodle app plays SCORM 1.2 only
# The longest essay a course may ask for: what a SCORM 2004 LMS keeps whole (1.2 keeps it in cmi.comments).
LONGEST_ESSAY = SCORM_2004_4TH.text_limit("long-fill-in")


def scorm_version(version: "ScormVersion | str") -> ScormVersion:
    """The version named `version` (a ScormVersion is returned as it is); KeyError if there is none."""
    return version if isinstance(version, ScormVersion) else VERSIONS[version]
