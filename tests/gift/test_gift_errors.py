"""Malformed GIFT: every case names its problem in plain words, at the exact line and column."""
from __future__ import annotations

import pytest

from builder.diagnostics import Diagnostics
from builder.gift import parse_gift
from gift_helpers import QUIZ, parse_ok, problems

NOT_A_NUMBER = "is not a number (Moodle would silently accept any answer for full marks)"
GLUED = "(Moodle would start a new {} answer here; put a space before it if that is what you mean)"
MATCHING_RULE = "(Moodle needs at least 2 questions and 3 answers)"

CASES = [
    # Where Moodle's importer silently mis-imports.
    ("numerical_not_a_number", "::Pi:: What is pi?\n{#abc}", f'2:3: numerical answer "abc" {NOT_A_NUMBER}'),
    ("numerical_star", "Q {#*}", f'1:5: numerical answer "*" {NOT_A_NUMBER}'),
    ("equals_in_feedback", "Q {\n=4 #Yes, 2+2=4\n~5}",
     '2:13: unescaped "=" in feedback: write \\= for an equals sign ' + GLUED.format("correct")),
    ("equals_in_answer", "Q {=2+2=4 ~5}",
     '1:8: unescaped "=" inside an answer: write \\= for an equals sign ' + GLUED.format("correct")),
    ("tilde_in_feedback", "Q {=a #about~5 ~b}",
     '1:13: unescaped "~" in feedback: write \\~ for a tilde ' + GLUED.format("wrong")),
    ("blank_line_inside_answers", "Intro {T}\n\n::Q:: Pick {\n=a\n\n~b\n}",
     "5:1: blank line inside the answers of the question at line 3: Moodle would split the question here; "
     "remove the blank line (write \\n for a line break)"),
    ("second_answer_block", "::Q1:: A {T}\n::Q2:: B {F}",
     '2:10: a second "{" after the answers: a question has one {...}; is a blank line missing before the next question?'),
    ("category_not_followed_by_blank_line", "$CATEGORY: Module 1\n::Q:: A {T}",
     '2:1: a "$CATEGORY:" line must be followed by a blank line (Moodle would make the next lines part of the category name)'),
    ("category_lower_case", "$category: Module 1",
     '1:1: write "$CATEGORY:" in capitals (Moodle reads "$category:" as question text)'),
    ("category_with_escape", "$CATEGORY: a\\:b", "1:13: a category name cannot contain escapes such as \\: or \\n"),
    ("zero_line", "Q {#\n0\n}",
     '2:1: a line holding only "0" counts as a blank line in Moodle and would split the question: '
     "put the 0 at the end of the line before"),
    ("lower_case_true", "Is it? {true}",
     '1:9: write TRUE or FALSE (or T or F) in capitals for a true/false question (Moodle would make "true" a short answer)'),
    ("upper_case_format", "[HTML]<b>Q</b> {T}", '1:1: text format tags are written in lower case: "[html]", not "[HTML]"'),
    ("format_tag_in_short_answer", "Q {=[html]a}", '1:5: short answers are plain text: remove the format tag "[html]"'),
    ("format_tag_after_space_in_general_feedback", "Q {T #### [html]<b>x</b>}",
     '1:11: put the format tag right after "####", with no space before it'),
    ("equals_with_weight", "Q {=%50%a ~b}", '1:4: "=" already gives 100%: write ~%50% for partial credit'),
    ("matching_feedback", "Q {=a -> 1 #good =b -> 2 =c -> 3}", "1:12: matching pairs cannot have feedback: write \\# for a # sign"),
    ("numerical_other_not_last", "Q {#3 ~#wrong =4}",
     '1:15: unescaped "=" after "~#": the feedback for any other answer comes last; write \\= for the character itself'),
    # Braces, titles and text.
    ("unclosed_brace", "::Q:: Pick {=a ~b\n\nNext {T}", '1:12: the answers are not closed: put "}" after the last answer'),
    ("stray_closing_brace", "Q } text", '1:3: "}" has no "{" before it: write \\} for a brace in the text'),
    ("nested_brace", "Q {=a {b} ~c}", '1:7: "{" inside the answers: write \\{ for a brace, or close the answers with "}" first'),
    ("unclosed_title", "::Q1 Pick one {=a ~b}", '1:1: the title is not closed: put "::" after it'),
    ("empty_title", ":::: Pick {T}", '1:1: the title between "::" and "::" is empty'),
    ("question_without_text", "::Only a title::{T}", "1:1: the question has no text"),
    ("unknown_format", "[note] Read {T}",
     '1:1: unknown text format "[note]": use [html], [moodle], [plain] or [markdown] '
     '(to start a text with "[note]", put a format tag before it, such as [moodle][note])'),
    ("category_empty", "$CATEGORY:   ", '1:1: the category name after "$CATEGORY:" is empty'),
    # Answers and weights.
    ("empty_answer", "Q {\n=a\n~\n}", '3:1: empty answer after "~"'),
    ("empty_short_answer", "Q {=a =#only feedback}", '1:7: empty answer after "="'),
    ("text_before_first_answer", "Q {a ~b =c}",
     '1:4: text "a" comes before the first answer: start every answer with "=" (correct) or "~" (wrong)'),
    ("bare_short_answer", "Q {Paris}", '1:4: text "Paris" comes before the first answer: start every answer with "="'),
    ("weight_above_100", "Q {~%150%a ~b}", "1:5: weight 150% is outside the range -100% to 100%"),
    ("weight_below_minus_100", "Q {=a ~%-101%b}", "1:8: weight -101% is outside the range -100% to 100%"),
    ("weight_not_allowed", "Q {\n~%35%a\n~%65%b}",
     "2:2: weight 35% is not one Moodle accepts: the nearest allowed weights are 33.33333% and 40%"),
    ("weight_close_but_not_allowed", "Q {~%33.3%a ~%66.7%b}",
     "1:5: weight 33.3% is not one Moodle accepts: the nearest allowed weights are 30% and 33.33333%"),
    ("weight_not_a_number", "Q {~%half%a ~%50%b}", '1:5: weight "%half%" is not a number: write weights like %50% or %-25%'),
    ("one_choice_only", "Q {~%100%a}", "1:4: a multiple-choice question needs at least 2 answers"),
    ("no_correct_answer", "Q {~a ~b ~c}",
     '1:4: no correct answer: mark the correct answer with "=", or give the correct answers weights such as ~%50%'),
    ("weights_do_not_add_up", "Q {~%50%a ~%40%b ~c}",
     "1:4: the weights of the correct answers add up to 90%, not 100% (Moodle requires 100% when several answers are correct)"),
    ("two_full_marks_single", "Q {=a ~b =c}",
     '1:10: more than one answer gives full marks: with "=" only one answer may be worth 100% '
     "(for several correct answers, give each a weight such as ~%50%)"),
    ("short_answer_no_full_marks", "Q {=%50%a =%50%b}",
     '1:4: no answer gives full marks: at least one answer must be worth 100% ("=" with no weight)'),
    # Matching.
    ("matching_two_pairs", "Q {\n=a -> 1\n=b -> 2\n}",
     f'2:1: a matching question needs at least 3 pairs "=question -> answer", not 2 {MATCHING_RULE}'),
    ("matching_one_question", "Q {=a -> 1 = -> 2 = -> 3}",
     f'1:4: a matching question needs at least 2 pairs with a question before "->" {MATCHING_RULE}'),
    ("matching_pair_without_arrow", "Q {=a -> 1 =b -> 2 =c}",
     '1:20: this answer has no "->": in a matching question every answer is a pair "=question -> answer"'),
    ("matching_mixed_with_choices", "Q {=a -> 1 =b -> 2 ~c}",
     '1:7: this answer list mixes matching pairs ("->") with multiple-choice answers ("~"): '
     'a matching question has only "=question -> answer" pairs'),
    ("matching_no_answer", "Q {=a -> 1 =b -> 2 =c ->}", '1:20: this pair has no answer after "->"'),
    # Numerical.
    ("range_min_above_max", "Q {#5..1}", '1:5: range "5..1" starts above its end: write the smaller number first'),
    ("negative_tolerance", "Q {#3.14:-0.01}",
     '1:10: tolerance "-0.01" is negative: write how far from the answer a number may be, such as 3.14:0.01'),
    ("tolerance_not_a_number", "Q {#3.14:abc}", '1:10: tolerance "abc" is not a number'),
    ("range_end_not_a_number", "Q {#1..x}", '1:8: end of the range "x" is not a number'),
    ("number_too_large", "Q {#1e999}", '1:5: numerical answer "1e999" is too large'),
    ("numerical_no_answer", "Q {#}", '1:4: a numerical question needs at least one number after "#"'),
    ("numerical_only_partial", "Q {#%50%3}",
     '1:4: no answer gives full marks: at least one answer must be worth 100% ("=" with no weight)'),
    ("numerical_tilde_without_hash", "Q {#3 ~wrong}",
     '1:7: in a numerical question "~" must be followed by "#" and the feedback for any other answer'),
]


@pytest.mark.parametrize("source, expected", [(s, e) for _, s, e in CASES], ids=[name for name, _, _ in CASES])
def test_malformed_input_is_reported_at_its_place(source, expected):
    assert problems(source) == [expected]


def test_the_table_is_large_enough():
    assert len(CASES) >= 20


def test_every_broken_question_is_reported_and_the_others_are_kept():
    source = "Good {T}\n\nBad {#abc}\n\nAlso good {=a ~b}\n\nAlso bad {~a ~b}\n\nLast {F}"
    assert [p.split(":")[0] for p in problems(source)] == ["3", "7"]
    good = "Good {T}\n\nAlso good {=a ~b}\n\nLast {F}"
    assert len(parse_ok(good)) == 3


def test_locations_of_errors_follow_first_line_and_first_col():
    assert problems("Pi {#abc}", first_line=12, first_col=4) == [f'12:9: numerical answer "abc" {NOT_A_NUMBER}']
    assert problems("A {T}\n\nPi {#abc}", first_line=12, first_col=4) == [f'14:6: numerical answer "abc" {NOT_A_NUMBER}']


def test_a_space_before_a_marker_makes_it_a_new_answer_as_in_moodle():
    assert problems("Q {=a #see below =b}") == []  # a short answer with two correct answers


def test_text_after_the_blank_line_is_skipped_with_the_broken_question():
    # The question split by a blank line is reported once, and the next question still parses.
    source = "Pick {\n=a\n\n~b\n}\n\nNext {T}"
    diagnostics = Diagnostics()
    questions = parse_gift(source, QUIZ, diagnostics)
    assert [d.location.line for d in diagnostics] == [3]
    assert [q.text for q in questions] == ["Next"]
