"""The typed model every stage shares: a Course holds Modules, a Module holds Lessons.

Loading fills it from the sources, rendering adds HTML, packaging reads it. Every object keeps the
location it came from, so any stage can point an author at the line to fix.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder.diagnostics import Location
from builder.gift.model import Question
from builder.scorm import DEFAULT as DEFAULT_SCORM, ScormVersion


@dataclass
class Lesson:
    id: str                      # file name without number and extension: "02-site.md" -> "site"
    source: Path
    title: str
    body: str                    # Markdown, front matter removed
    body_line: int               # line of the source where `body` starts (1-based)
    location: Location
    objectives: list[str] = field(default_factory=list)
    duration: int | None = None  # minutes
    html: str = ""               # filled by render
    html_without_quiz: str | None = None   # filled by render for a lesson that shows questions: its HTML without them


@dataclass(frozen=True)
class Asset:
    """A file some lesson links to; it ships at `package_path` inside the zip."""

    source: Path
    package_path: str            # always "/"-separated, relative to the package root
    data: bytes | None = None    # what ships instead of the file (a cleaned SVG), else the file itself


@dataclass(frozen=True)
class GiftFile:
    """One of a module's *.gift files, as the loader read and parsed it."""

    path: Path
    source: str                  # its text (the quiz page's locations point into it)
    questions: list[Question]


@dataclass(frozen=True)
class DrawRule:
    """Draw `count` questions at random from a category (None: from all questions) at each attempt."""

    category: str | None
    count: int
    location: Location


@dataclass
class QuizSettings:
    location: Location
    attempts: int = 0                       # 0: unlimited
    shuffle_answers: bool = True           # as in Moodle's own quizzes
    shuffle_questions: bool = False
    draw: list[DrawRule] = field(default_factory=list)
    feedback: str = "after_submit"          # or "immediate": a Check button on each question
    show_correct: str = "after_passing"     # or "after_attempt", "never"
    points: dict[str, float] = field(default_factory=dict)             # question title -> points
    objectives: dict[int, list[str]] = field(default_factory=dict)     # objective number -> titles
    essay_length: int = 1000                # characters a learner may write in an essay
    point_locations: dict[str, Location] = field(default_factory=dict)
    objective_locations: dict[int, Location] = field(default_factory=dict)


@dataclass
class QuizQuestion:
    question: Question
    id: str                      # the SCORM interaction id: stable across builds of the same source
    points: float = 1.0
    html: str = ""               # filled by render
    answer_key: str = ""         # filled by render: encrypted, see builder.quiz.answer_key


@dataclass
class Quiz:
    settings: QuizSettings
    questions: list[QuizQuestion] = field(default_factory=list)
    lesson_id: str = ""          # the lesson that shows the quiz

    @property
    def graded(self) -> list[QuizQuestion]:
        return [q for q in self.questions if q.question.is_graded]


@dataclass
class Module:
    id: str                      # folder name without number: "01-planning" -> "planning"
    directory: Path
    title: str
    location: Location
    lessons: list[Lesson]
    description: str = ""
    objectives: list[str] = field(default_factory=list)
    duration: int | None = None
    mastery_score: int | None = None   # the module's own; see Course.pass_mark
    keywords: list[str] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)   # filled by render
    quiz_settings: QuizSettings | None = None
    gift_files: list[GiftFile] = field(default_factory=list)   # *.gift, read and parsed by load
    quiz: Quiz | None = None                               # filled by render
    references: list[Path] = field(default_factory=list)  # filled by render: every file a lesson points to
    logo: str | None = None                                # filled by render: the theme's logo, inside the package
    rendered: bool = False                                 # set by render (and true of modules from the cache)

    @property
    def scored(self) -> bool:
        """Scored modules report a score and passed/failed; the others report completed."""
        return self.quiz is not None and bool(self.quiz.graded)


@dataclass
class Theme:
    color: str | None = None          # #rrggbb, readable on white
    dark_color: str | None = None     # the same, lightened to read on the dark background
    logo: Path | None = None


@dataclass
class Course:
    id: str
    directory: Path
    title: str
    language: str
    version: str
    location: Location
    modules: list[Module]
    description: str = ""
    authors: list[str] = field(default_factory=list)
    license: str = ""
    mastery_score: int | None = None
    keywords: list[str] = field(default_factory=list)
    scorm: ScormVersion = DEFAULT_SCORM
    all_modules_built: bool = True     # False when the user named only some modules of the course
    theme: Theme | None = None
    quiz: str = "scorm"                # in a Moodle course backup: quizzes inside the packages, or as Moodle quizzes ("moodle")

    def pass_mark(self, module: Module) -> int | None:
        """The module's own pass mark (`mastery_score`), else the course's. Only a scored module
        reports passed or failed, so only its manifest carries it (builder.package)."""
        return module.mastery_score if module.mastery_score is not None else self.mastery_score
