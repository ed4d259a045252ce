"""Golden tests: each GIFT construct and escape, and the model fields it gives."""
from __future__ import annotations

import pytest

from builder.diagnostics import Location
from builder.gift import (
    Choice, FormattedText, MatchPair, NumericAnswer, Question, QuestionKind, ShortAnswer, TextFormat,
)
from gift_helpers import QUIZ, parse_ok, parse_one
from tests.runtime.oracle import accepts_number

MOODLE, HTML, PLAIN, MARKDOWN = TextFormat.MOODLE, TextFormat.HTML, TextFormat.PLAIN, TextFormat.MARKDOWN
TRUE, FALSE = FormattedText("true", PLAIN), FormattedText("false", PLAIN)


def fb(text: str, text_format: TextFormat = MOODLE) -> FormattedText:
    return FormattedText(text, text_format)


def test_description_has_no_braces():
    assert parse_one("::Intro::Read the case first.") == Question(
        QuestionKind.DESCRIPTION, "Read the case first.", title="Intro")


def test_essay_is_empty_braces_and_may_have_general_feedback():
    assert parse_one("Describe a park. {}") == Question(QuestionKind.ESSAY, "Describe a park.")
    question = parse_one("Describe a park. {\n####Mention the regulator.\n}")
    assert question.kind is QuestionKind.ESSAY
    assert question.general_feedback == fb("Mention the regulator.")


@pytest.mark.parametrize("word, truth", [("T", True), ("TRUE", True), ("F", False), ("FALSE", False)])
def test_true_false_words(word, truth):
    question = parse_one(f"The sky is blue. {{{word}}}")
    assert question.kind is QuestionKind.TRUE_FALSE
    assert question.answers == (Choice(TRUE, 100.0 if truth else 0.0), Choice(FALSE, 0.0 if truth else 100.0))


def test_true_false_feedback_first_for_a_wrong_answer_then_for_a_right_one():
    # format.php split_truefalse_comment(): {TRUE#wrong#right}; feedbacktrue = right when TRUE is correct
    question = parse_one("Grass is green. {TRUE#No, it is green.#Yes.}")
    assert question.answers == (Choice(TRUE, 100.0, fb("Yes.")), Choice(FALSE, 0.0, fb("No, it is green.")))
    question = parse_one("Grass is red. {FALSE#No, it is green.#Yes.}")
    assert question.answers == (Choice(TRUE, 0.0, fb("No, it is green.")), Choice(FALSE, 100.0, fb("Yes.")))


def test_true_false_only_right_feedback_and_extra_hash_kept_in_text():
    question = parse_one("Q {T##Right, C# is a language.}")
    assert question.answers == (Choice(TRUE, 100.0, fb("Right, C# is a language.")), Choice(FALSE, 0.0))


def test_multiple_choice_with_feedback():
    question = parse_one("::Q2::Which colour? {\n=yellow # right!\n~red # wrong\n~blue}")
    assert question == Question(QuestionKind.MULTIPLE_CHOICE, "Which colour?", title="Q2", answers=(
        Choice(fb("yellow"), 100.0, fb("right!")), Choice(fb("red"), 0.0, fb("wrong")), Choice(fb("blue"), 0.0)))


def test_multiple_choice_with_partial_and_negative_credit():
    question = parse_one("Q {=best ~%50%half ~%-33.33333%bad ~%33.333%third}")
    assert [c.percent for c in question.answers] == [100.0, 50.0, -33.33333, 33.33333]  # snapped to Moodle's list


def test_multiple_response_weights():
    question = parse_one("Pick two. {~%50%a ~%50%b ~%-100%c #no}")
    assert question.kind is QuestionKind.MULTIPLE_RESPONSE
    assert [(c.text.text, c.percent) for c in question.answers] == [("a", 50.0), ("b", 50.0), ("c", -100.0)]
    assert question.answers[2].feedback == fb("no")
    thirds = parse_one("Pick three. {~%33.33333%a ~%33.33333%b ~%33.33333%c ~d}")
    assert [c.percent for c in thirds.answers if c.percent > 0] == [33.33333] * 3


def test_missing_word_keeps_text_after_and_spaces_around_the_blank():
    question = parse_one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question.kind is QuestionKind.MULTIPLE_CHOICE
    assert (question.text, question.text_after) == ("Grant is ", " in Grant's tomb.")
    assert question.is_missing_word
    short = parse_one("{=Paris} is the capital of France.")
    assert (short.kind, short.text, short.text_after) == (QuestionKind.SHORT_ANSWER, "", " is the capital of France.")


def test_short_answers_with_weights_and_feedback():
    question = parse_one("Who is buried there? {=no one #Right =nobody =%50%Grant #Half right}")
    assert question == Question(QuestionKind.SHORT_ANSWER, "Who is buried there?", answers=(
        ShortAnswer("no one", 100.0, fb("Right")), ShortAnswer("nobody", 100.0), ShortAnswer("Grant", 50.0, fb("Half right"))))


def test_numerical_with_tolerance():
    question = parse_one("Pi? {#3.14:0.01#Close enough}")
    assert question.answers == (NumericAnswer(3.14, 0.01, 100.0, fb("Close enough")),)
    assert accepts_number(question.answers[0], 3.145) and not accepts_number(question.answers[0], 3.2)


def test_numerical_range_is_its_middle_and_half_width():
    (answer,) = parse_one("A number from 1 to 5? {#1..5}").answers
    assert (answer.value, answer.tolerance, answer.minimum, answer.maximum) == (3.0, 2.0, 1.0, 5.0)


def test_numerical_several_answers_and_any_other_answer():
    question = parse_one("Born? {#\n=1822:0 #Right\n=%50%1822:2 #Close\n~#Look it up}")
    assert question.answers == (
        NumericAnswer(1822.0, 0.0, 100.0, fb("Right")),
        NumericAnswer(1822.0, 2.0, 50.0, fb("Close")),
        NumericAnswer(None, 0.0, 0.0, fb("Look it up")),
    )


def test_numerical_number_forms_php_accepts():
    answers = parse_one("Q {#-2.5e3 =%50%+.5:1.}").answers
    assert [(a.value, a.tolerance, a.percent) for a in answers] == [(-2500.0, 0.0, 100.0), (0.5, 1.0, 50.0)]


def test_matching_pairs_with_distractor_and_general_feedback():
    question = parse_one("Match. {\n=Canada -> Ottawa\n=Italy -> Rome\n= -> Paris\n####Capitals.}")
    assert question == Question(QuestionKind.MATCHING, "Match.", general_feedback=fb("Capitals."), answers=(
        MatchPair(fb("Canada"), "Ottawa"), MatchPair(fb("Italy"), "Rome"), MatchPair(fb(""), "Paris")))
    assert len([a for a in question.answers if a.prompt.text]) == 2          # the distractor is no pair


def test_format_tags_on_every_kind_of_text():
    question = parse_one("::T::[markdown]**Bold** question {\n=[html]<b>a</b> #[plain]fb\n~b #c\n####gf}")
    assert question.text == "**Bold** question" and question.text_format is MARKDOWN
    assert question.answers[0] == Choice(fb("<b>a</b>", HTML), 100.0, fb("fb", PLAIN))
    assert question.answers[1] == Choice(fb("b", MARKDOWN), 0.0, fb("c", MARKDOWN))  # the question's format
    assert question.general_feedback == fb("gf", MARKDOWN)


@pytest.mark.parametrize("tag, text_format", [("html", HTML), ("moodle", MOODLE), ("plain", PLAIN), ("markdown", MARKDOWN)])
def test_each_format_tag(tag, text_format):
    assert parse_one(f"[{tag}]Text {{T}}").text_format is text_format


def test_general_feedback_format_tag_and_matching_prompt_tag():
    question = parse_one("Q {=[html]<i>a</i> -> 1 =b -> 2 =c -> 3 ####[html]<p>x</p>}")
    assert question.answers[0].prompt == fb("<i>a</i>", HTML)
    assert question.general_feedback == fb("<p>x</p>", HTML)


def test_a_format_tag_can_protect_a_text_that_starts_like_one():
    assert parse_one("[moodle][Optional] Read this.").text == "[Optional] Read this."


def test_category_applies_to_the_questions_after_it():
    questions = parse_ok("Q1 {T}\n\n$CATEGORY: $course$/top/Module 1\n\nQ2 {T}\n\nQ3 {F}\n\n$CATEGORY: Other\n\nQ4 {T}")
    assert [q.category for q in questions] == [None, "$course$/top/Module 1", "$course$/top/Module 1", "Other"]


def test_comment_lines_are_ignored_but_leave_a_line_as_in_moodle():
    questions = parse_ok("// a comment\n::Q1:: First {T}\n\n// just a comment\n\nLine one\n// inside\nLine two {T}")
    assert [q.text for q in questions] == ["First", "Line one\n \nLine two"]


def test_lines_are_trimmed_and_joined_with_line_breaks():
    assert parse_one("   First line  \n\t second line {T}").text == "First line\nsecond line"


def test_url_with_double_slash_is_not_a_comment():
    assert parse_one("See http://example.org {T}").text == "See http://example.org"


@pytest.mark.parametrize("escaped, char", [("\\~", "~"), ("\\=", "="), ("\\#", "#"), ("\\{", "{"), ("\\}", "}"),
                                           ("\\:", ":"), ("\\n", "\n"), ("\\\\", "\\")])
def test_every_escape_everywhere(escaped, char):
    source = f"::t{escaped}t::q{escaped}q {{=a{escaped}a #f{escaped}f ~b ####g{escaped}g}} after{escaped}after"
    question = parse_one(source)
    assert question.title == f"t{char}t"
    assert question.text == f"q{char}q "
    assert question.text_after == f" after{char}after"
    assert question.answers[0] == Choice(fb(f"a{char}a"), 100.0, fb(f"f{char}f"))
    assert question.general_feedback == fb(f"g{char}g")


def test_escapes_in_short_answers_and_matching():
    assert parse_one("Q {=2\\+2\\=4 =a\\#b}").answers[1].text == "a#b"
    assert parse_one("Q {=2+2\\=4}").answers == (ShortAnswer("2+2=4", 100.0),)
    pairs = parse_one("Q {=a\\=b -> c\\~d =e -> f =g -> h}").answers
    assert pairs[0] == MatchPair(fb("a=b"), "c~d")


def test_unknown_backslash_sequences_stay_as_written():
    assert parse_one("Solve \\(x^2\\) {T}").text == "Solve \\(x^2\\)"


def test_double_backslash_then_special_character():
    # Moodle replaces \\ first, so \\= is a backslash and then an unescaped =
    assert parse_one("Q {=a\\\\ =b}").answers == (ShortAnswer("a\\", 100.0), ShortAnswer("b", 100.0))


def test_hash_inside_feedback_is_text():
    assert parse_one("Q {=C #C# is right ~D}").answers[0].feedback == fb("C# is right")


def test_locations_point_at_questions_and_answers():
    questions = parse_ok("// c\n\n  ::Q1:: A {\n  =yes\n  ~no}\n\nB {#\n=1:0.5}")
    assert questions[0].location == Location(QUIZ, 3, 3)
    assert [a.location for a in questions[0].answers] == [Location(QUIZ, 4, 3), Location(QUIZ, 5, 3)]
    assert questions[1].answers[0].location == Location(QUIZ, 8, 1)


def test_first_line_and_first_col_shift_locations():
    questions = parse_ok("Q {T}\n\nR {=a ~b}", first_line=40, first_col=5)
    assert questions[0].location == Location(QUIZ, 40, 5)
    assert questions[1].answers[1].location == Location(QUIZ, 42, 7)


def test_windows_and_old_mac_line_endings_and_bom():
    questions = parse_ok("\ufeffQ1 {T}\r\n\r\nQ2\r{F}\r\rQ3 {T}")
    assert [q.text for q in questions] == ["Q1", "Q2", "Q3"]
    assert questions[2].location == Location(QUIZ, 6, 1)


def test_duplicate_titles_are_not_an_error_here():
    assert len(parse_ok("::Same:: A {T}\n\n::Same:: B {T}")) == 2


def test_blank_lines_separate_questions_and_nbsp_line_does_not():
    assert len(parse_ok("A {T}\n\n\n\nB {T}\n   \nC {T}")) == 3
    assert parse_one("A\n\u00a0\nB {T}").text == "A\n\u00a0\nB"  # PHP's trim() keeps a no-break space


def test_moodle_weight_list_and_neighbours():
    from builder.gift.grades import ALLOWED_PERCENTS, allowed_percent, format_percent, neighbours

    assert len(ALLOWED_PERCENTS) == 41 and ALLOWED_PERCENTS[0] == -100 and ALLOWED_PERCENTS[-1] == 100
    assert {format_percent(p) for p in ALLOWED_PERCENTS if p > 0} == {
        "100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50", "40", "33.33333", "30", "25", "20",
        "16.66667", "14.28571", "12.5", "11.11111", "10", "5"}
    assert allowed_percent(33.333) == 33.33333 and allowed_percent(33.3) is None  # Moodle's 0.00001 on fractions
    assert neighbours(97) == (90.0, 100.0) and neighbours(-3) == (-5.0, 0.0)


def test_model_helpers_for_grading():
    true_false = parse_one("Q {F}")
    assert [c.text.text for c in true_false.answers if c.percent > 0] == ["false"]
    other = NumericAnswer(None, percent=0.0)
    assert accepts_number(other, 123.0) and other.minimum is None
    assert not parse_one("Q {}").is_graded and parse_one("Q {T}").is_graded
