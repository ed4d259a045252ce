"""The course's question bank (questions.xml), made from the Moodle XML that `coursekit
export-questions` writes, so the backup holds exactly the questions an instructor would import.

Moodle 5.0 keeps a course's questions in a question bank module (qbank): its context holds a "top"
category, the "Default for ..." category Moodle makes, then the export's categories (course title,
module title, the GIFT $CATEGORY). Each question is one bank entry with one version. Authors and
owners are left empty: restore gives the questions to the person restoring.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from builder.mbz.xml import C, E, Element, decimal

TEXT_FORMATS = {"moodle_auto_format": 0, "html": 1, "plain_text": 2, "markdown": 4}
QTYPES = {"multichoice": "multichoice", "truefalse": "truefalse", "shortanswer": "shortanswer", "numerical": "numerical",
          "matching": "match", "essay": "essay", "description": "description"}
CATEGORY_SEPARATOR = re.compile(r"(?<!/)/(?!/)")       # a "/" inside a name is written "//"
TOP_PREFIX = "$course$/top/"
CONTEXT_MODULE = 70


@dataclass
class Category:
    id: int
    name: str
    parent: int                  # 0 for a top category
    contextid: int
    cmid: int
    info: str = ""
    sortorder: int = 999
    entries: list["Entry"] = field(default_factory=list)


@dataclass
class Entry:
    id: int                      # the bank entry; its version and question get the same number
    category: Category
    question: Element
    qtype: str


@dataclass
class Bank:
    categories: list[Category] = field(default_factory=list)

    def category(self, name: str, parent: int, contextid: int, cmid: int, ids, info: str = "", sortorder: int = 999) -> Category:
        found = next((c for c in self.categories if (c.name, c.parent, c.contextid) == (name, parent, contextid)), None)
        if found is None:
            found = Category(ids("question_category"), name, parent, contextid, cmid, info, sortorder)
            self.categories.append(found)
        return found

    def ancestors(self, category: Category) -> list[Category]:
        """`category` and the categories above it, top category left out."""
        chain, by_id = [], {c.id: c for c in self.categories}
        while category.parent:
            chain.append(category)
            category = by_id[category.parent]
        return chain[::-1]


def context_categories(bank: Bank, name: str, contextid: int, cmid: int, ids) -> Category:
    """The top and default categories Moodle makes for a context; returns the top one."""
    top = bank.category("top", 0, contextid, cmid, ids, sortorder=0)
    bank.category(f"Default for {name}", top.id, contextid, cmid, ids,
                  info=f"The default category for questions shared in context '{name}'.")
    return top


def add_questions(bank: Bank, moodle_xml: bytes, top: Category, ids, timestamp: int, stamp: Callable[[str], str]) -> list[Entry]:
    """The export's questions, in order, filed in the export's categories under `top`."""
    category, entries = top, []
    for element in etree.fromstring(moodle_xml).iterfind("question"):
        kind = element.get("type")
        if kind == "category":
            category = top
            path = element.findtext("category/text", "")
            for name in CATEGORY_SEPARATOR.split(path.removeprefix(TOP_PREFIX)):
                category = bank.category(name.replace("//", "/"), category.id, top.contextid, top.cmid, ids)
            continue
        number = ids("question")
        question = _question(element, number, ids, timestamp, stamp(f"question {number}"))
        entry = Entry(number, category, question, QTYPES[kind])
        category.entries.append(entry)
        entries.append(entry)
    return entries


def questions_xml(bank: Bank, stamp: Callable[[str], str]) -> Element:
    return C("question_categories", [C("question_category", [
        E("name", c.name), E("contextid", c.contextid), E("contextlevel", CONTEXT_MODULE), E("contextinstanceid", c.cmid),
        E("info", c.info), E("infoformat", 0), E("stamp", stamp(f"category {c.id}")), E("parent", c.parent),
        E("sortorder", c.sortorder), E("idnumber", None),
        C("question_bank_entries", [_entry(entry) for entry in c.entries]),
    ], id=c.id) for c in bank.categories])


def _entry(entry: Entry) -> Element:
    return C("question_bank_entry", [
        E("questioncategoryid", entry.category.id), E("idnumber", None), E("ownerid", None), E("nextversion", 2),
        C("question_version", [C("question_versions", [
            E("version", 1), E("status", "ready"), C("questions", [entry.question])], id=entry.id)]),
    ], id=entry.id)


def stamps(seed: str) -> Callable[[str], str]:
    """Moodle's unique stamps (host+time+random), made from the sources instead."""
    return lambda what: f"coursekit+{hashlib.sha1(f'{seed}/{what}'.encode()).hexdigest()[:12]}+{what.split()[-1]}"


# --- one question -------------------------------------------------------------------------------

def _text(element: etree._Element, tag: str) -> tuple[str, int]:
    node = element.find(tag)
    if node is None:
        return "", 0
    return node.findtext("text", ""), TEXT_FORMATS.get(node.get("format", "moodle_auto_format"), 0)


def _question(element: etree._Element, number: int, ids, timestamp: int, stamp: str) -> Element:
    kind = element.get("type")
    text, text_format = _text(element, "questiontext")
    feedback, feedback_format = _text(element, "generalfeedback")
    plugin = _PLUGINS[kind](element, ids)
    return C("question", [
        E("parent", 0), E("name", element.findtext("name/text", "")), E("questiontext", text),
        E("questiontextformat", text_format), E("generalfeedback", feedback), E("generalfeedbackformat", feedback_format),
        E("defaultmark", decimal(float(element.findtext("defaultgrade", "1")), 7)),
        E("penalty", decimal(float(element.findtext("penalty", "0.3333333")), 7)), E("qtype", QTYPES[kind]),
        E("length", 0 if kind == "description" else 1), E("stamp", stamp), E("timecreated", timestamp),
        E("timemodified", timestamp), E("createdby", None), E("modifiedby", None),
        *([C(f"plugin_qtype_{QTYPES[kind]}_question", plugin)] if plugin is not None else []),
        C("plugin_qbank_comment_question", [C("comments")]),
        C("plugin_qbank_customfields_question", [C("customfields")]),
        C("question_hints"), C("tags"),
    ], id=number)


def _answers(element: etree._Element, ids, text_of=None) -> tuple[list[Element], list[int]]:
    answers, numbers = [], []
    for answer in element.iterfind("answer"):
        number = ids("question_answer")
        feedback, feedback_format = _text(answer, "feedback")
        text = answer.findtext("text", "") if text_of is None else text_of(answer)
        answers.append(C("answer", [
            E("answertext", text), E("answerformat", TEXT_FORMATS.get(answer.get("format", "moodle_auto_format"), 0)),
            E("fraction", decimal(float(answer.get("fraction", "0")) / 100, 7)),
            E("feedback", feedback), E("feedbackformat", feedback_format)], id=number))
        numbers.append(number)
    return answers, numbers


def _combined(element: etree._Element) -> list[Element]:
    parts = []
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        text, text_format = _text(element, tag)
        parts += [E(tag, text), E(f"{tag}format", text_format)]
    return parts


def _flag(element: etree._Element, tag: str, default: str = "true") -> int:
    return int(element.findtext(tag, default).strip().lower() in ("true", "1"))


def _multichoice(element, ids) -> list[Element]:
    answers, _ = _answers(element, ids)
    return [C("answers", answers), C("multichoice", [
        E("layout", 0), E("single", _flag(element, "single")), E("shuffleanswers", _flag(element, "shuffleanswers")),
        *_combined(element), E("answernumbering", element.findtext("answernumbering", "abc")), E("shownumcorrect", 0),
        E("showstandardinstruction", 1)], id=ids("qtype_multichoice_options"))]


def _truefalse(element, ids) -> list[Element]:
    # Moodle's importer names the answers True and False, whatever the file calls them.
    answers, numbers = _answers(element, ids, lambda a: "True" if a.findtext("text", "").strip() == "true" else "False")
    true_first = element.find("answer").findtext("text", "").strip() == "true"
    true, false = numbers if true_first else numbers[::-1]
    return [C("answers", answers), C("truefalse", [E("trueanswer", true), E("falseanswer", false),
                                                    E("showstandardinstruction", 0)], id=ids("question_truefalse"))]


def _shortanswer(element, ids) -> list[Element]:
    answers, _ = _answers(element, ids)
    return [C("answers", answers), C("shortanswer", [E("usecase", int(element.findtext("usecase", "0")))], id=ids("qtype_shortanswer_options"))]


def _numerical(element, ids) -> list[Element]:
    answers, numbers = _answers(element, ids)
    records = [C("numerical_record", [E("answer", number), E("tolerance", answer.findtext("tolerance", "0"))], id=ids("question_numerical"))
               for number, answer in zip(numbers, element.iterfind("answer"))]
    options = C("numerical_option", [E("showunits", 3), E("unitsleft", 0), E("unitgradingtype", 0), E("unitpenalty", "0.1000000")],
                id=ids("question_numerical_options"))
    return [C("answers", answers), C("numerical_units"), C("numerical_options", [options]), C("numerical_records", records)]


def _match(element, ids) -> list[Element]:
    options = C("matchoptions", [E("shuffleanswers", _flag(element, "shuffleanswers")), *_combined(element), E("shownumcorrect", 0)],
                id=ids("qtype_match_options"))
    matches = []
    for sub in element.iterfind("subquestion"):
        text, text_format = sub.findtext("text", ""), TEXT_FORMATS.get(sub.get("format", "moodle_auto_format"), 0)
        matches.append(C("match", [E("questiontext", text), E("questiontextformat", text_format),
                                   E("answertext", sub.findtext("answer/text", ""))], id=ids("qtype_match_subquestions")))
    return [options, C("matches", matches)]


def _essay(element, ids) -> list[Element]:
    grader, grader_format = _text(element, "graderinfo")
    template, template_format = _text(element, "responsetemplate")
    return [C("essay", [
        E("responseformat", element.findtext("responseformat", "editor")), E("responserequired", int(element.findtext("responserequired", "1"))),
        E("responsefieldlines", int(element.findtext("responsefieldlines", "15"))), E("minwordlimit", None), E("maxwordlimit", None),
        E("attachments", int(element.findtext("attachments", "0"))), E("attachmentsrequired", int(element.findtext("attachmentsrequired", "0"))),
        E("graderinfo", grader), E("graderinfoformat", grader_format), E("responsetemplate", template),
        E("responsetemplateformat", template_format), E("filetypeslist", None), E("maxbytes", 0)], id=ids("qtype_essay_options"))]


_PLUGINS = {"multichoice": _multichoice, "truefalse": _truefalse, "shortanswer": _shortanswer, "numerical": _numerical,
            "matching": _match, "essay": _essay, "description": lambda element, ids: None}
