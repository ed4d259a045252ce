"""format_gift: normalised GIFT, and parse -> format -> parse giving the same questions."""
from __future__ import annotations

from dataclasses import replace

import pytest

from builder.gift import Choice, FormattedText, Question, QuestionKind, ShortAnswer, TextFormat, format_gift
from builder.gift.writer import escape
from gift_helpers import parse_ok

# Every construct, escape and format tag, each at least once.
CORPUS = r"""// A comment
$CATEGORY: $course$/top/Module 1

::Intro::[html]<p>Read the <b>case</b> first.</p>

::Essay:: Describe a park. {}

Essay with feedback {####[markdown]Mention **the regulator**.}

::TF1:: The sky is blue. {T}

The sky is green. {FALSE#It is blue.#Right.}

Only right feedback {TRUE##Well done.####General.}

$CATEGORY: $course$/top/Module 2

::MC:: Which colour? {
=yellow # right!
~red # wrong
~%50%orange #half
~%-33.33333%blue
####Yellow is between orange and green.
}

Grant is {~buried =entombed ~living} in Grant's tomb.

{~a =b} starts the text.

Pick two. {~%50%a ~%50%b ~%-100%c #no}

[markdown]**Pick three.** {~%33.33333%a ~%33.33333%b ~%33.33333%c ~d #[plain]plain feedback}

Who? {=no one #Right =nobody =%50%Grant #Half =%-50%Lee}

Two plus {=two =2} equals four.

Pi? {#3.14:0.01#Close}

Range {#1..5}

Born? {#=1822:0 #Right =%50%1822:2 #Close ~#Look it up}

Negative {#-2.5e-3:1e-4}

Match. {=Canada -> Ottawa =Italy -> Rome =[html]<i>Japan</i> -> Tokyo = -> Paris ####Capitals.}

::t\~\=\#\{\}\:\\n::q \~ \= \# \{ \} \: \\ line\nbreak {=a\~b #f\=g ~c\{d\} ####g\:h} after \# text

[moodle][Optional] looks like a tag {T}

[plain]{=x} is plain.

Solve \(x^2\) {=4}

URL http://example.org/a {T}
"""


def test_corpus_parses_every_kind():
    kinds = {q.kind for q in parse_ok(CORPUS)}
    assert kinds == set(QuestionKind)


def test_round_trip_gives_the_same_questions():
    questions = parse_ok(CORPUS)
    assert parse_ok(format_gift(questions)) == questions


def test_formatting_is_stable():
    once = format_gift(parse_ok(CORPUS))
    assert format_gift(parse_ok(once)) == once


def test_normalised_layout():
    source = "$CATEGORY: Quiz\n\n::Q::Which? {=a#yes ~%50%b ~c####all}\n\nPi {#3.14:0.01}\n\nTF {F#no#yes}"
    assert format_gift(parse_ok(source)) == (
        "$CATEGORY: Quiz\n\n"
        "::Q::Which? {\n\t=a #yes\n\t~%50%b\n\t~c\n\t####all\n}\n\n"
        "Pi {#\n\t=3.14:0.01\n}\n\n"
        "TF {FALSE#no#yes}\n"
    )


def test_missing_word_keeps_its_spaces():
    assert format_gift(parse_ok("Grant is {~a =b} in the tomb.")) == "Grant is {\n\t~a\n\t=b\n} in the tomb.\n"


def test_escape_every_special_character():
    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


def test_category_written_only_when_it_changes():
    text = format_gift(parse_ok("$CATEGORY: A\n\nQ1 {T}\n\nQ2 {T}\n\n$CATEGORY: B\n\nQ3 {T}"))
    assert text.count("$CATEGORY:") == 2


def test_texts_that_would_be_misread_get_a_format_tag():
    questions = [
        Question(QuestionKind.DESCRIPTION, "// not a comment"),
        Question(QuestionKind.DESCRIPTION, "0"),
        Question(QuestionKind.DESCRIPTION, "[note] text"),
    ]
    text = format_gift(questions)
    assert text == "[moodle]// not a comment\n\n[moodle]0\n\n[moodle][note] text\n"
    assert parse_ok(text) == questions


def test_answers_that_start_like_a_weight_get_an_explicit_weight():
    question = Question(QuestionKind.MULTIPLE_RESPONSE, "Q", answers=(
        Choice(FormattedText("%5% off"), 0.0), Choice(FormattedText("b"), 100.0)))
    assert parse_ok(format_gift([question])) == [question]
    short = Question(QuestionKind.SHORT_ANSWER, "Q", answers=(ShortAnswer("%5%", 100.0),))
    assert parse_ok(format_gift([short])) == [short]


@pytest.mark.parametrize("text_format", list(TextFormat))
def test_question_format_is_kept_and_feedback_inherits_it(text_format):
    question = parse_ok("[html]Q {=a #b ~c}")[0]
    changed = replace(question, text_format=text_format)
    assert parse_ok(format_gift([changed]))[0].text_format is text_format
