"""A module's quiz, put together while its lessons render, then checked as a whole.

Questions come from ```gift blocks in one lesson (shown there) or from the module's *.gift files
(shown on a quiz page after the lessons). A module has one quiz, in one place.
"""
from __future__ import annotations

import re

from builder.diagnostics import Diagnostics, Location
from builder.gift.model import FormattedText, MatchPair, Question
from builder.markdown_ext.context import LessonContext, ModuleContext
from builder.model import Course, Lesson, Module, Quiz, QuizQuestion, QuizSettings
from builder.quiz.answer_key import answer_key, module_salt, seal
from builder.quiz.budget import worst_case_state
from builder.quiz.positions import check_answer_positions
from builder.quiz.html import controls_html, matching_options, question_html, question_view, render_text
from builder.sanitize import sanitize_html

QUIZ_PAGE_ID = "quiz"
# Characters of cmi.suspend_data an LMS must accept (the runtime's adapters say the same: stateLimit()).
SUSPEND_DATA_LIMIT = {"1.2": 4096, "2004-3rd": 64000, "2004-4th": 64000}
NOT_IN_ID = re.compile(r"[^a-z0-9]+")


class QuizBuilder:
    def __init__(self, course: Course, module: Module, context: ModuleContext, text_markdown) -> None:
        self.course, self.module, self.context = course, module, context
        self.settings = module.quiz_settings or QuizSettings(location=module.location)
        self.salt = module_salt(course, module)
        self.text_markdown = text_markdown
        self.questions: list[QuizQuestion] = []
        self.places: list[tuple[str, Location]] = []          # lesson id, where its questions are

    def add(self, questions: list[Question], lesson: Lesson, where: Location, context: LessonContext) -> str:
        """Questions shown in `lesson` at `where`; returns their HTML."""
        self.places.append((lesson.id, where))
        self.text_markdown.lesson = context
        parts = []
        for question in questions:
            item = QuizQuestion(question, question_id(len(self.questions) + 1, question),
                                self.settings.points.get(question.title or "", 1.0))
            view = question_view(item, self._render, self.context.messages, self.settings)
            item.html = question_html(view, self.context.messages, self.settings.feedback == "immediate")
            pairs = [a for a in question.answers if isinstance(a, MatchPair)]
            item.answer_key = seal(self.salt, item.id, answer_key(question, matching_options(pairs), lambda t: self._render(t, False)))
            self.questions.append(item)
            parts.append(item.html)
        return "\n".join(parts)

    def _render(self, text: FormattedText, inline: bool) -> str:
        html = render_text(self.text_markdown, text, inline)
        return sanitize_html(html) if self.context.sanitize else html

    def quiz_page(self, diagnostics: Diagnostics) -> Lesson | None:
        """The page after the lessons that shows the questions of the module's *.gift files."""
        if not self.module.gift_files:
            return None
        first = self.module.gift_files[0][0]
        page = Lesson(id=QUIZ_PAGE_ID, source=first, title=self.context.messages["quiz.title"], body="",
                      body_line=1, location=Location(first))
        if any(lesson.id == QUIZ_PAGE_ID for lesson in self.module.lessons):
            diagnostics.error(Location(first), f"a lesson has the id '{QUIZ_PAGE_ID}', which the quiz page of the "
                              "module's .gift files needs: rename the lesson file", rule="quiz-page-id")
        parts = []
        for path, questions in self.module.gift_files:
            source = Lesson(id=QUIZ_PAGE_ID, source=path, title=page.title, body=path.read_text(encoding="utf-8-sig"),
                            body_line=1, location=Location(path))
            parts.append(self.add(questions, page, Location(path), LessonContext(self.context, source)))
        page.html = "\n".join(parts)
        return page

    def finish(self, diagnostics: Diagnostics) -> Quiz | None:
        if not self.questions:
            return None
        quiz = Quiz(self.settings, self.questions, lesson_id=self.places[0][0])
        check_one_place(self.places, diagnostics)
        check_settings(quiz, self.module, diagnostics)
        check_answer_positions(quiz, diagnostics)
        if quiz.graded and self.course.mastery_score_for_quiz(self.module) is None:
            diagnostics.error(self.module.location, "this module has a quiz but no pass mark: add 'mastery_score' "
                              "(0-100) to module.yml or course.yml", rule="quiz-pass-mark")
        return quiz

    def check_budget(self, diagnostics: Diagnostics) -> None:
        limit = SUSPEND_DATA_LIMIT[self.course.scorm]
        size = worst_case_state(self.module)
        if size > limit:
            diagnostics.error(self.settings.location, f"the learner's answers may need {size:,} characters of saved "
                              f"state, more than SCORM {self.course.scorm} allows ({limit:,}): lower 'essay_length' "
                              f"(now {self.settings.essay_length}) or use fewer essay and short-answer questions", rule="quiz-state-budget")

    def controls(self) -> str:
        return controls_html(self.context.messages)


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
