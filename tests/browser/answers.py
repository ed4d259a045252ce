"""A learner's answers to one question, found from the question's own model: the full-credit one,
or one that earns nothing."""
from __future__ import annotations

from builder.gift.model import Choice, MatchPair, NumericAnswer, QuestionKind, ShortAnswer
from builder.quiz.html import matching_options

ESSAY = "An answer written for the teacher."


def answer(frame, item, right: bool) -> None:
    question, element = item.question, frame.locator(f"#q-{item.id}")
    if question.kind in (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE):
        pick = (max if right else min)(range(len(question.answers)), key=lambda i: question.answers[i].percent)
        if question.is_missing_word:
            element.locator("select").select_option(value=str(pick))
        else:
            element.locator(f"input[value='{pick}']").check()
    elif question.kind is QuestionKind.MULTIPLE_RESPONSE:
        for index, choice in enumerate(question.answers):
            if isinstance(choice, Choice) and (choice.percent > 0) == right:
                element.locator(f"input[value='{index}']").check()
    elif question.kind is QuestionKind.SHORT_ANSWER:
        best = max((a for a in question.answers if isinstance(a, ShortAnswer)), key=lambda a: a.percent)
        element.locator(".ck-input").fill(best.text.replace("*", "x") if right else "not the answer")
    elif question.kind is QuestionKind.NUMERICAL:
        best = max((a for a in question.answers if isinstance(a, NumericAnswer) and a.value is not None), key=lambda a: a.percent)
        element.locator(".ck-input").fill(f"{best.value if right else best.value + 1000:g}")
    elif question.kind is QuestionKind.MATCHING:
        pairs = [a for a in question.answers if isinstance(a, MatchPair)]
        options, prompts = matching_options(pairs), [p for p in pairs if p.prompt.text]
        for index, pair in enumerate(prompts):
            chosen = pair.answer if right else prompts[(index + 1) % len(prompts)].answer
            element.locator(f"select[data-prompt='{index}']").select_option(value=str(options.index(chosen)))
    elif question.kind is QuestionKind.ESSAY:
        element.locator("textarea").fill(ESSAY)


def answer_right(frame, item) -> None:
    answer(frame, item, right=True)


def answer_wrong(frame, item) -> None:
    answer(frame, item, right=False)
