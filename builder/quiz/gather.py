"""Quiz stage: a module's quiz, built from what the lessons gave (their ```gift blocks, as data)
and from the module's *.gift files (read by the loader), then checked as a whole.

Questions come from ```gift blocks in one lesson (shown there) or from the .gift files (shown on a
quiz page after the lessons). A module has one quiz, in one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.diagnostics import Diagnostics, Location
from builder.gift.model import FormattedText, MatchPair, Question, TextFormat
from builder.lessons import TextRenderer
from builder.markdown_ext.context import GiftBlock, LessonRun, ModuleInputs, RenderedLesson
from builder.markdown_ext.nesting import NESTING_LIMIT, too_deep
from builder.markdown_ext.raw_html import check_raw_html
from builder.model import Course, Lesson, Module, Quiz, QuizQuestion, QuizSettings
from builder.quiz.answer_key import answer_key, module_salt, seal
from builder.quiz.positions import check_answer_positions
from builder.quiz.html import controls_html, matching_options, question_html, question_view, render_text
from builder.sanitize import sanitize_html

QUIZ_PAGE_ID = "quiz"
NOT_IN_ID = re.compile(r"[^a-z0-9]+")
QUESTION_LIMIT = 500       # questions in one module's quiz; rule quiz-too-many-questions


@dataclass
class GatheredQuiz:
    quiz: Quiz | None
    block_html: dict[str, str] = field(default_factory=dict)          # a block's placeholder -> its questions' HTML
    page: Lesson | None = None                                         # the quiz page of the .gift files
    texts: list[tuple[str, RenderedLesson]] = field(default_factory=list)   # lesson id, what its question texts use
    controls: str = ""                                                 # the submit and retry buttons


def gather_quiz(course: Course, module: Module, blocks: list[GiftBlock], inputs: ModuleInputs, sanitize: bool,
                diagnostics: Diagnostics) -> GatheredQuiz:
    gatherer = _Gatherer(course, module, inputs, sanitize)
    lessons = {lesson.id: lesson for lesson in module.lessons}
    block_html = {block.placeholder: gatherer.add(block.questions, lessons[block.lesson_id], block.location)
                  for block in blocks}
    page = gatherer.quiz_page(diagnostics)
    for _, found in gatherer.texts:
        for diagnostic in found.diagnostics:
            diagnostics.add(diagnostic)
    quiz = gatherer.finish(diagnostics)
    return GatheredQuiz(quiz, block_html, page, gatherer.texts, controls_html(inputs.messages) if quiz else "")


class _Gatherer:
    def __init__(self, course: Course, module: Module, inputs: ModuleInputs, sanitize: bool) -> None:
        self.course, self.module, self.inputs, self.sanitize = course, module, inputs, sanitize
        self.settings = module.quiz_settings or QuizSettings(location=module.location)
        self.salt = module_salt(course, module)
        self.text_renderer = TextRenderer.for_module(inputs)
        self.questions: list[QuizQuestion] = []
        self.places: list[tuple[str, Location]] = []          # lesson id, where its questions are
        self.texts: list[tuple[str, RenderedLesson]] = []
        self.too_many = False

    def add(self, questions: list[Question], lesson: Lesson, where: Location, shown_in: str | None = None) -> str:
        """Questions of `lesson` (whose text locates their problems), shown in `shown_in` (default: the
        lesson) at `where`; returns their HTML."""
        shown_in = shown_in or lesson.id
        self.places.append((shown_in, where))
        run = LessonRun(self.inputs, lesson)
        self.texts.append((shown_in, run.found))
        if len(self.questions) + len(questions) > QUESTION_LIMIT:
            if not self.too_many:
                run.error(where, f"this module's quiz has more than {QUESTION_LIMIT} questions: split it across modules",
                          rule="quiz-too-many-questions")
            self.too_many = True
            return ""
        render = lambda text, inline: self._render(run, text, inline)  # noqa: E731
        parts = []
        for question in questions:
            item = QuizQuestion(question, question_id(len(self.questions) + 1, question),
                                self.settings.points.get(question.title or "", 1.0))
            view = question_view(item, render, self.inputs.messages, self.settings)
            item.html = question_html(view, self.inputs.messages, self.settings.feedback == "immediate")
            pairs = [a for a in question.answers if isinstance(a, MatchPair)]
            key = answer_key(question, matching_options(pairs), lambda t: render(t, False))
            item.answer_key = seal(self.salt, item.id, key.to_json())
            self.questions.append(item)
            parts.append(item.html)
        return "\n".join(parts)

    def _render(self, run: LessonRun, text: FormattedText, inline: bool) -> str:
        deep = too_deep(text.text) if text.format not in (TextFormat.HTML, TextFormat.PLAIN) else None
        if deep is not None:
            run.error(run.locate(text.text), f"this question text nests too deeply ({deep[2]}; at most "
                      f"{NESTING_LIMIT})", rule="nesting-too-deep")
            return ""
        if text.format is TextFormat.HTML:         # the author's HTML as it is (Markdown's is checked as it renders)
            check_raw_html(text.text, run)
        html = render_text(lambda source: self.text_renderer.render(run, source, inline), text)
        return sanitize_html(html) if self.sanitize else html

    def quiz_page(self, diagnostics: Diagnostics) -> Lesson | None:
        """The page after the lessons that shows the questions of the module's *.gift files."""
        if not self.module.gift_files:
            return None
        first = self.module.gift_files[0].path
        page = Lesson(id=QUIZ_PAGE_ID, source=first, title=self.inputs.messages["quiz.title"], body="",
                      body_line=1, location=Location(first))
        if any(lesson.id == QUIZ_PAGE_ID for lesson in self.module.lessons):
            diagnostics.error(Location(first), f"a lesson has the id '{QUIZ_PAGE_ID}', which the quiz page of the "
                              "module's .gift files needs: rename the lesson file", rule="quiz-page-id")
        parts = []
        for gift in self.module.gift_files:
            source = Lesson(id=QUIZ_PAGE_ID, source=gift.path, title=page.title, body=gift.source,
                            body_line=1, location=Location(gift.path))
            parts.append(self.add(gift.questions, source, Location(gift.path), page.id))
        page.html = "\n".join(parts)
        return page

    def finish(self, diagnostics: Diagnostics) -> Quiz | None:
        if not self.questions:
            return None
        quiz = Quiz(self.settings, self.questions, lesson_id=self.places[0][0])
        check_one_place(self.places, diagnostics)
        check_settings(quiz, self.module, diagnostics)
        check_answer_positions(quiz, diagnostics)
        if quiz.graded and self.course.pass_mark(self.module) is None:
            diagnostics.error(self.module.location, "this module has a quiz but no pass mark: add 'mastery_score' "
                              "(0-100) to module.yml or course.yml", rule="quiz-pass-mark")
        return quiz
def question_id(number: int, question: Question) -> str:
    """A SCORM identifier, stable across builds: the position, then the title in lower-case ASCII."""
    slug = NOT_IN_ID.sub("-", (question.title or "").lower()).strip("-")[:40].rstrip("-")
    return f"q{number:02d}" + (f"-{slug}" if slug else "")


def check_one_place(places: list[tuple[str, Location]], diagnostics: Diagnostics) -> None:
    lessons = list(dict.fromkeys(lesson for lesson, _ in places))
    if len(lessons) > 1:
        second = next(where for lesson, where in places if lesson == lessons[1])
        diagnostics.error(second, "a module has one quiz, in one place: put all its questions in one lesson, "
                          "or all in the module's .gift files", rule="quiz-one-place")


def check_settings(quiz: Quiz, module: Module, diagnostics: Diagnostics) -> None:
    titles = {q.question.title for q in quiz.questions if q.question.title}
    seen: dict[str, QuizQuestion] = {}
    for item in quiz.questions:
        title = item.question.title
        if title and title in seen:
            diagnostics.warning(item.question.location, f"another question is also titled '{title}' (line "
                                f"{seen[title].question.location.line}); titles name questions in Moodle's reports and "
                                "question bank", rule="question-title")
        seen.setdefault(title or "", item)
    for title, where in quiz.settings.point_locations.items():
        if title not in titles:
            diagnostics.error(where, f"points are given for '{title}', but no question has that title", rule="quiz-points")
    for number, where in quiz.settings.objective_locations.items():
        if number > len(module.objectives):
            listed = len(module.objectives)
            diagnostics.error(where, f"objective {number} does not exist: module.yml lists {listed} objective{'' if listed == 1 else 's'}", rule="quiz-objectives")
        for title in quiz.settings.objectives[number]:
            if title not in titles:
                diagnostics.error(where, f"objective {number} lists '{title}', but no question has that title", rule="quiz-objectives")
    for rule in quiz.settings.draw:
        pool = [q for q in quiz.graded if rule.category is None or q.question.category == rule.category]
        if rule.category is not None and not pool:
            diagnostics.error(rule.location, f"no graded question is in the category '{rule.category}'", rule="quiz-draw")
        elif rule.count > len(pool):
            diagnostics.error(rule.location, f"cannot draw {rule.count} questions from "
                              f"{'the category ' + repr(rule.category) if rule.category else 'the quiz'}: it has only {len(pool)}", rule="quiz-draw")
