"""Questions → HTML: a view of each question for templates/quiz.html.j2, texts rendered by Markdown."""
from __future__ import annotations

import html as html_escape
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import jinja2

from builder.gift.model import Choice, FormattedText, MatchPair, QuestionKind, TextFormat
from builder.model import QuizQuestion, QuizSettings
from builder.paths import templates_dir
from builder.contract import input_length

TextRenderer = Callable[[FormattedText, bool], str]     # (text, inline) -> HTML


@dataclass
class QuestionView:
    id: str
    dom_id: str
    kind: str
    graded: bool
    text: str
    text_after: str | None = None
    missing_word: bool = False
    choices: list[dict] = field(default_factory=list)      # {"html": ..., "plain": ...}
    prompts: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)       # matching: every answer, in a stable order
    max_length: int = 0
    points_label: str = ""


def question_view(item: QuizQuestion, render: TextRenderer, messages: dict[str, str], settings: QuizSettings) -> QuestionView:
    question = item.question
    view = QuestionView(
        id=item.id, dom_id=f"q-{item.id}", kind=question.kind.value, graded=question.is_graded,
        text=render(FormattedText(question.text, question.text_format), question.is_missing_word),
        missing_word=question.is_missing_word,
        points_label=messages["quiz.points"].replace("{points}", f"{item.points:g}") if item.points != 1 and question.is_graded else "",
    )
    if question.is_missing_word:
        view.text_after = render(FormattedText(question.text_after or "", question.text_format), True)
    choices = [a for a in question.answers if isinstance(a, Choice)]
    if question.kind is QuestionKind.TRUE_FALSE:
        view.choices = [{"html": html_escape.escape(messages[f"quiz.{c.text.text}"]), "plain": messages[f"quiz.{c.text.text}"]} for c in choices]
    else:
        view.choices = [{"html": render(c.text, True), "plain": c.text.text} for c in choices]
    pairs = [a for a in question.answers if isinstance(a, MatchPair)]
    view.prompts = [render(p.prompt, True) for p in pairs if p.prompt.text]
    view.options = matching_options(pairs)
    view.max_length = {QuestionKind.SHORT_ANSWER: input_length("shortAnswer"), QuestionKind.NUMERICAL: input_length("number"),
                       QuestionKind.ESSAY: settings.essay_length}.get(question.kind, 0)
    return view


def matching_options(pairs: list[MatchPair]) -> list[str]:
    """Every answer once (distractors included), in alphabetical order: no hint in the order."""
    return sorted(dict.fromkeys(p.answer for p in pairs), key=lambda text: (text.casefold(), text))


def render_text(markdown: Callable[[str], str], text: FormattedText) -> str:
    """Untagged GIFT text is Markdown in coursekit (`markdown` converts it); [html] is the author's
    HTML; [plain] is escaped."""
    if text.format is TextFormat.HTML:
        return text.text
    if text.format is TextFormat.PLAIN:
        return html_escape.escape(text.text).replace("\n", "<br>")
    return markdown(text.text)


@lru_cache(maxsize=1)
def _macros():
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())),
                                     autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.get_template("quiz.html.j2").module


def question_html(view: QuestionView, messages: dict[str, str], immediate: bool) -> str:
    return str(_macros().question(view, messages, immediate))


def controls_html(messages: dict[str, str]) -> str:
    return str(_macros().controls(messages))
