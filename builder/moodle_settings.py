"""The Moodle SCORM activity settings a coursekit package needs, defined once.

`coursekit build` prints them for each package, the Moodle course backup writes them into the
activity, and the preview's LMS grades with them. The numbers are Moodle's own (mod/scorm/locallib.php
and lib.php); the reasons are what Moodle 5.0 does with each choice:

- Grading method: *Highest grade* is the best score of the package's SCOs; *Average grade* averages
  the SCOs that have a score other than 0 (Moodle skips empty and zero scores); *Sum of grades* adds
  them up; *Learning objects* counts the SCOs that are completed or passed. The gradebook caps the
  result at the maximum grade, so a course package of N scored modules needs *Sum of grades* with a
  maximum of 100 × N (one module done of four is then 25 %, not 100 %).
- Attempts grading: which attempt counts (highest, average, first, last completed).
- Completion "Require status": the activity completes when any SCO's status track holds a status
  asked for. "Completed" alone is an exact match: a SCORM 1.2 SCO that reports `passed` never
  completes it; a SCORM 2004 SCO whose completion status is `completed` completes it even when its
  success status is `failed`. SCORM 1.2 packages therefore ask for "Passed or completed", SCORM 2004
  scored ones for "Passed" (the success status), unscored ones for "Completed". Course packages also
  ask for every SCO to return that status ("all SCOs").
"""
from __future__ import annotations

from dataclasses import dataclass

from builder.output import Output

# Grading method (scorm.grademethod)
GRADE_LEARNING_OBJECTS, GRADE_HIGHEST, GRADE_AVERAGE, GRADE_SUM = 0, 1, 2, 3
GRADING_METHODS = {GRADE_LEARNING_OBJECTS: "Learning objects", GRADE_HIGHEST: "Highest grade",
                   GRADE_AVERAGE: "Average grade", GRADE_SUM: "Sum of grades"}
# Attempts grading (scorm.whatgrade)
ATTEMPT_HIGHEST, ATTEMPT_AVERAGE, ATTEMPT_FIRST, ATTEMPT_LAST = 0, 1, 2, 3
ATTEMPTS_GRADING = {ATTEMPT_HIGHEST: "Highest attempt", ATTEMPT_AVERAGE: "Average attempts",
                    ATTEMPT_FIRST: "First attempt", ATTEMPT_LAST: "Last completed attempt"}
# Completion "Require status" (scorm.completionstatusrequired): a bit mask
STATUS_PASSED, STATUS_COMPLETED = 2, 4
STATUS_BITS = {"passed": STATUS_PASSED, "completed": STATUS_COMPLETED}
MAX_SCORE = 100                       # Moodle grades cmi.core.score.raw (2004: cmi.score.raw) against 100
# Appearance (scorm.skipview, hidetoc, nav): a coursekit SCO shows its own lesson list and buttons
SKIPVIEW_NEVER, SKIPVIEW_FIRST_TIME, SKIPVIEW_ALWAYS = 0, 1, 2
TOC_SIDE, TOC_HIDDEN, TOC_POPUP, TOC_DISABLED = 0, 1, 2, 3
NAV_NONE, NAV_UNDER_CONTENT = 0, 1


@dataclass(frozen=True)
class MoodleSettings:
    """One SCORM activity's grading and completion settings, as Moodle stores them."""

    grademethod: int = GRADE_HIGHEST
    maxgrade: int = MAX_SCORE         # ignored by Moodle with Learning objects: the maximum is the number of SCOs
    whatgrade: int = ATTEMPT_HIGHEST
    completionstatusrequired: int | None = STATUS_PASSED | STATUS_COMPLETED
    completionstatusallscos: bool = False
    completionscorerequired: float | None = None
    gradepass: float | None = None    # the gradebook's "grade to pass"
    masteryoverride: bool = True      # SCORM 1.2: the manifest's mastery score decides passed/failed
    maxattempt: int = 0               # 0: unlimited
    forcecompleted: bool = False      # SCORM 1.2: an incomplete status with a score is stored as completed
    auto: bool = False                # auto-continue: the next SCO starts when one finishes
    forcenewattempt: int = 0          # No: a learner comes back to where they stopped
    skipview: int = SKIPVIEW_ALWAYS   # open the SCO, not Moodle's structure page
    hidetoc: int = TOC_HIDDEN         # Moodle's course structure hidden in the player
    nav: int = NAV_NONE               # no Moodle navigation buttons: a module is one SCO

    @property
    def grading_method(self) -> str:
        return GRADING_METHODS[self.grademethod]

    @property
    def attempts_grading(self) -> str:
        return ATTEMPTS_GRADING[self.whatgrade]

    @property
    def completion_rule(self) -> str:
        required = self.completionstatusrequired or 0
        names = [name for name, bit in STATUS_BITS.items() if required & bit]
        rule = "Require status: " + " or ".join(names).capitalize() if names else "Require status: none"
        if self.completionstatusallscos:
            rule += ", from all SCOs"
        if self.completionscorerequired is not None:
            rule += f"; require minimum score {self.completionscorerequired:g}"
        return rule


def recommended(scorm: str, scored_scos: int, all_scos: int, mastery_score: int | None) -> MoodleSettings:
    """What a package of `all_scos` SCOs, `scored_scos` of them with a quiz, needs in Moodle."""
    if scored_scos == 0:
        grading = dict(grademethod=GRADE_LEARNING_OBJECTS, maxgrade=all_scos, gradepass=None)
    elif all_scos == 1:
        grading = dict(grademethod=GRADE_HIGHEST, maxgrade=MAX_SCORE, gradepass=mastery_score)
    else:
        grading = dict(grademethod=GRADE_SUM, maxgrade=MAX_SCORE * scored_scos,
                       gradepass=None if mastery_score is None else mastery_score * scored_scos)
    if scorm == "1.2":
        status = STATUS_PASSED | STATUS_COMPLETED if scored_scos else STATUS_COMPLETED
    else:
        status = STATUS_PASSED if scored_scos == all_scos else STATUS_COMPLETED
    # A course package moves between its SCOs with Moodle's structure and buttons (SCORM 1.2 has no way
    # for a SCO to ask for the next one); a module package has one SCO and its own lesson list.
    appearance = {} if all_scos == 1 else dict(hidetoc=TOC_SIDE, nav=NAV_UNDER_CONTENT)
    return MoodleSettings(**grading, **appearance, completionstatusrequired=status, completionstatusallscos=all_scos > 1)


def package_settings(package) -> MoodleSettings:
    """The settings of a builder.package.Package (one module, or a whole course)."""
    course = package.course
    modules = [package.module] if package.module is not None else course.modules
    scored = [m for m in modules if m.scored]
    marks = {course.pass_mark(m) for m in scored} - {None}
    return recommended(course.scorm.name, len(scored), len(modules), max(marks) if marks else None)


def describe(settings: MoodleSettings) -> list[str]:
    """The settings as an admin finds them in Moodle's SCORM activity form, one per line."""
    maximum = "(the number of SCOs)" if settings.grademethod == GRADE_LEARNING_OBJECTS else f"{settings.maxgrade:g}"
    lines = [f"Grading method: {settings.grading_method}", f"Maximum grade: {maximum}",
             f"Attempts grading: {settings.attempts_grading}", f"Completion: {settings.completion_rule}"]
    if settings.gradepass is not None:
        lines.append(f"Grade to pass: {settings.gradepass:g}")
    if settings.masteryoverride:
        lines.append("Mastery score overrides status: Yes")
    return lines


MOODLE_2004_COURSE = "moodle-2004-course"


def warn_about_moodle(packages, diagnostics) -> None:
    """What Moodle 5.0 would do wrong with a package, said at build time.

    A SCORM 2004 package of several SCOs records only its first SCO per visit: Moodle's player makes one
    API_1484_11 object per page and never lets it initialize again after Terminate, so every further SCO
    gets Initialize "false" (error 104) and its work is lost, whatever the package does (navigation
    requests included; mod/scorm/datamodels/scorm_13.js, and recorded in Moodle 5.0.6).
    """
    for package in packages:
        if package.module is None and package.course.scorm.is_2004 and len(package.course.modules) > 1:
            diagnostics.warning(
                package.course.location,
                f"{Output.name(package)}: Moodle records only the first module of a SCORM {package.course.scorm} course package "
                "in each visit (its player gives every further module an API that is already terminated, so their "
                "progress and scores are lost). For Moodle, build one package per module (the default, "
                "--package module), use SCORM 1.2, or import the course as a Moodle course backup",
                rule=MOODLE_2004_COURSE)
