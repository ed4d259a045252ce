"""A synthetic course of any size, written the way instructors write real ones.

Each lesson has 600-900 words of prose under headings, with lists, a table, callouts, a formula,
a footnote, an abbreviation, a glossary entry, a link to the previous lesson and an SVG image;
each module has a quiz.gift with every GIFT question type. The same size gives the same files.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic_text import Prose, word_count

COURSE_ID = "synthetic-parks"
LESSONS_PER_MODULE = 10
WORDS = (600, 800)          # the last paragraph added may go over by up to ~100 words


@dataclass(frozen=True)
class SyntheticCourse:
    directory: Path
    lessons: int
    modules: int
    words: int


def generate_course(parent: Path, lessons: int, seed: int = 1, short: bool = False) -> SyntheticCourse:
    """Write a course of `lessons` lessons (10 per module) under `parent`; returns where it is.
    `short`: lessons of 100 to 230 words (a heading, paragraphs, a list, a callout), instead of
    600-900 words with tables and footnotes."""
    directory = parent / COURSE_ID
    directory.mkdir(parents=True)
    module_count = max(1, -(-lessons // LESSONS_PER_MODULE))
    (directory / "course.yml").write_text(
        f"id: {COURSE_ID}\ntitle: Synthetic industrial parks course\nlanguage: en\nversion: 1.0.0\n"
        "description: Generated for benchmarks.\nauthors: [coursekit benchmarks]\nlicense: CC BY 4.0\n"
        "mastery_score: 70\n", encoding="utf-8")
    words = 0
    width = max(2, len(str(module_count)))
    for number in range(1, module_count + 1):
        count = min(LESSONS_PER_MODULE, lessons - (number - 1) * LESSONS_PER_MODULE)
        module_dir = directory / f"{number:0{width}d}-topic-{number}"
        words += write_module(module_dir, number, count, random.Random(seed * 100_003 + number), short)
    return SyntheticCourse(directory, lessons, module_count, words)


def write_module(directory: Path, number: int, lessons: int, rng: random.Random, short: bool = False) -> int:
    (directory / "images").mkdir(parents=True)
    prose = Prose(rng.randrange(1 << 30))
    (directory / "module.yml").write_text(
        f"title: Topic {number}. {prose.title()}\ndescription: {prose.sentence()}\n"
        f"objectives:\n  - Explain the main ideas of topic {number}.\n  - Compute the figures the topic needs.\n"
        f"duration: {lessons * 20}\nmastery_score: 70\n", encoding="utf-8")
    names = [f"{index:02d}-lesson-{index}" for index in range(1, lessons + 1)]
    words = 0
    for index, name in enumerate(names, start=1):
        (directory / "images" / f"chart-{index}.svg").write_text(svg_chart(rng, index), encoding="utf-8")
        previous = names[index - 2] if index > 1 else None
        text = short_lesson_source(prose, rng, index) if short else lesson_source(prose, rng, index, previous)
        words += word_count(text)
        (directory / f"{name}.md").write_text(text, encoding="utf-8")
    (directory / "quiz.gift").write_text(quiz_source(number, rng), encoding="utf-8")
    return words


def lesson_source(prose: Prose, rng: random.Random, index: int, previous: str | None) -> str:
    front = (f"---\ntitle: {prose.title()} ({index})\nobjectives:\n  - {prose.sentence()}\n"
             f"  - {prose.sentence()}\nduration: {rng.randint(15, 30)}\n---\n")
    intro = prose.paragraph()
    glossary = f"*[SEZ]: Special economic zone\n\n[^note]: {prose.sentence()}\n"
    sections = [first_section(prose, rng, previous), second_section(prose, rng, index), third_section(prose, rng)]
    target = rng.randint(*WORDS) - word_count(front + intro + glossary)
    while word_count("\n\n".join(block for section in sections for block in section)) < target:
        section = rng.choice(sections)
        section.insert(rng.randint(1, len(section)), prose.paragraph())
    body = "\n\n".join(block for section in sections for block in section)
    return f"{front}\n{intro}\n\n{body}\n\n{glossary}"


def short_lesson_source(prose: Prose, rng: random.Random, index: int) -> str:
    """At most about 230 words: a heading, paragraphs, a list and a callout."""
    blocks = [f"## {prose.title()}", prose.paragraph(2), prose.bullets(3), callout("note", prose.paragraph(1)), prose.paragraph(2)]
    while word_count("\n\n".join(blocks)) > 230 and len(blocks) > 3:
        blocks.pop()
    return f"---\ntitle: {prose.title()} ({index})\n---\n\n" + "\n\n".join(blocks) + "\n"


def first_section(prose: Prose, rng: random.Random, previous: str | None) -> list[str]:
    link = f" See also [the previous lesson]({previous}.md)." if previous else ""
    return [
        f"## {prose.pick(('Why it matters', 'The context', 'What is at stake'))}",
        prose.paragraph() + f"\nMost SEZ programmes face this question.[^note]{link}",
        prose.bullets(rng.randint(3, 5)),
        f"### {prose.pick(('A first example', 'How it works', 'In numbers'))}",
        indicator_table(rng),
        callout("key-point", prose.paragraph(2), "Remember"),
    ]


def second_section(prose: Prose, rng: random.Random, index: int) -> list[str]:
    return [
        f"## {prose.pick(('Doing the sums', 'The economics', 'Costs and returns'))}",
        prose.paragraph() + "\nAt a discount rate $r$ of 10%, a cash flow $CF_t$ in year $t$ is worth less today.",
        "$$ NPV = \\sum_{t=0}^{T} \\frac{CF_t}{(1+r)^t} $$",
        f"![Bar chart of the occupancy of a park over five years, rising each year]"
        f"(images/chart-{index}.svg)\n*Occupancy over the first five years.*",
        prose.steps(rng.randint(3, 5)),
        callout("case-study", prose.paragraph(3), "A park in practice"),
    ]


def third_section(prose: Prose, rng: random.Random) -> list[str]:
    return [
        f"## {prose.pick(('Making it work', 'Lessons learned', 'What to watch'))}",
        prose.paragraph(),
        callout("warning", prose.paragraph(2)),
        f"Net leasable area\n:   {prose.sentence()}",
        callout("note", prose.paragraph(2), "Going further"),
    ]


def callout(kind: str, body: str, title: str = "") -> str:
    """A callout box: the kind, an optional title, then the body indented by four spaces."""
    heading = f'!!! {kind} "{title}"' if title else f"!!! {kind}"
    return heading + "".join(f"\n    {line}" for line in body.split("\n"))


def indicator_table(rng: random.Random) -> str:
    rows = ["| Indicator | Year 1 | Year 3 | Year 5 |", "| --- | ---: | ---: | ---: |"]
    for name in ("Occupancy (%)", "Jobs", "Tenant firms", "Water reused (%)"):
        start = rng.randint(5, 40)
        rows.append(f"| {name} | {start} | {start * 2} | {start * 3} |")
    return "\n".join(rows)


def svg_chart(rng: random.Random, index: int) -> str:
    bars = [rng.randint(20, 160) for _ in range(5)]
    rects = "\n".join(f'  <rect x="{30 + i * 50}" y="{180 - h}" width="36" height="{h}" fill="#2a6f97"/>'
                      for i, h in enumerate(sorted(bars)))
    labels = "\n".join(f'  <text x="{48 + i * 50}" y="196" font-size="12" text-anchor="middle">Y{i + 1}</text>'
                       for i in range(5))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200" role="img">\n'
            f"  <title>Occupancy, chart {index}</title>\n"
            f'  <line x1="20" y1="180" x2="290" y2="180" stroke="#333"/>\n{rects}\n{labels}\n</svg>\n')


def quiz_source(number: int, rng: random.Random) -> str:
    """Every GIFT question type, with answers that vary by module."""
    area, share = rng.choice((100, 120, 150, 200, 250)), rng.choice((50, 60, 70))
    saleable = area * share // 100
    return f"""// Quiz of topic {number}: every question type.
$CATEGORY: Topic {number}

::T{number}-Q01 Longest stage::Which stage of a park's life cycle lasts longest? {{
=Operation and management#Right: it goes on for decades.
~Feasibility#No: a feasibility study takes months.
~Construction#No: construction takes a few years.
}}

::T{number}-Q02 Tax incentives::Every special economic zone offers tax incentives. {{F#Not so: some offer only faster procedures.#Right.}}

::T{number}-Q03 Utilities::Which of these are utilities a park must supply? {{
~%50%Water#Yes.
~%50%Power#Yes.
~%-100%Marketing#No: marketing is a service.
}}

::T{number}-Q04 Acronym::What does SEZ stand for? {{=special economic zone#Right. =%50%economic zone#Partly: the word special matters.}}

::T{number}-Q05 Saleable land::A {area} ha site with {share}% saleable land has how many saleable hectares? {{#{saleable}:0.5#Right.}}

::T{number}-Q06 Roles::Match each role with its task. {{
=Regulator -> Sets the rules
=Developer -> Builds the park
=Operator -> Runs the park
}}

::T{number}-Q07 Layout::The long-term layout of a park is set by the {{=master plan#Right. ~annual budget#No. ~brochure#No.}} before construction.

::T{number}-Q08 Risk::Describe one risk of building a park before there is demand. {{}}

::T{number}-Q09 Finance intro::The next question is about finance.

::T{number}-Q10 NPV::A positive NPV means the project earns more than its discount rate. {{T#It is true.#Right.}}
"""
