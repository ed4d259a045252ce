"""The interactions report's table → attempts and their interactions.

The layout, as mod/scorm/report/interactions/classes/report.php writes it: a header row
`Name, <identity fields...>, Attempt, Started on, Last accessed on, Score, <one column per SCO>`,
then for each interaction number N the columns the teacher ticked, in this order: `Question N`
(the interaction id), `Response N`, `Right answer N`, `Result N`. A row is one attempt of one
learner (or a learner with no attempt: `-` and "Not attempted"); after the first columns each SCO
has its score (or status) and then its interactions, so in a package of several SCOs the rows are
wider than the header: one block of `1 + N x options` cells per SCO.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.diagnostics import Location
from builder.report.sheets import EXPECTED, ReportError, Sheet

ROLES = {"Question": "id", "Response": "response", "Right answer": "right", "Result": "result"}
ROLE_ORDER = ("id", "response", "right", "result")
FIRST_COLUMNS = ("Attempt", "Started on", "Last accessed on", "Score")
NUMBERED = re.compile(r"^(?P<role>.+?)\s+(?P<n>\d+)$")


@dataclass(frozen=True)
class Interaction:
    index: int                   # N, the order the SCO recorded it in
    id: str | None               # None: the download has no "Question" column
    response: str | None
    right: str | None
    result: str | None
    location: Location           # the cell of the response (or of the first column there is)


@dataclass
class ScoAttempt:
    title: str
    score: str                   # the SCO's score_raw, or its status ("Not attempted", "Incomplete"...)
    interactions: list[Interaction] = field(default_factory=list)

    @property
    def recorded_score(self) -> float | None:
        try:
            return float(self.score.split("/")[0])
        except ValueError:
            return None


@dataclass
class Attempt:
    learner: str                 # name and identity fields (e-mail...), which tell learners apart
    number: int
    scos: list[ScoAttempt]
    location: Location


@dataclass
class InteractionsReport:
    sheet: Sheet
    sco_titles: list[str]
    roles: tuple[str, ...]       # which of ROLE_ORDER the download has
    interaction_count: int
    attempts: list[Attempt]
    without_attempt: int         # learners listed as "Not attempted"

    @property
    def has_ids(self) -> bool:
        return "id" in self.roles


def read_report(sheet: Sheet) -> InteractionsReport:
    path = sheet.path
    if not sheet.rows or not any(sheet.rows[0]):
        raise ReportError(Location(path), f"the file is empty: expected {EXPECTED}")
    header = [cell.strip() for cell in sheet.rows[0]]
    missing = [name for name in FIRST_COLUMNS if name not in header]
    if missing or header[0] != "Name":
        found = ", ".join(f"'{cell}'" for cell in header[:6] if cell) or "nothing"
        raise ReportError(Location(path), f"this is not a Moodle interactions report: its first row has {found}, where "
                          f"{EXPECTED} begins with 'Name', ..., 'Attempt', 'Started on', 'Last accessed on', 'Score' "
                          "(in English: download it with the site language set to English)", rule="report-not-interactions")
    attempt_col = header.index("Attempt")
    sco_start = header.index("Score") + 1
    sco_end = next((i for i in range(sco_start, len(header)) if _role_of(header[i])), len(header))
    sco_titles = header[sco_start:sco_end]
    if not sco_titles:
        raise ReportError(Location(path, 1, sco_start + 1), "no SCO column after 'Score': this is not an interactions report "
                          "of a SCORM activity", rule="report-not-interactions")
    roles, count = _question_columns(header, sco_end, path)
    report = InteractionsReport(sheet, sco_titles, roles, count, [], 0)
    block = 1 + count * len(roles)
    for number, row in enumerate(sheet.rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = lambda i: row[i].strip() if i < len(row) else ""  # noqa: E731
        if cell(attempt_col) in ("-", ""):
            report.without_attempt += 1
            continue
        if not cell(attempt_col).isdigit():
            raise ReportError(Location(path, number, attempt_col + 1), f"'{cell(attempt_col)}' is not an attempt number: "
                              f"expected {EXPECTED}", rule="report-not-interactions")
        scos = [_sco_attempt(title, row, sco_start + s * block, count, roles, Location(path, number))
                for s, title in enumerate(sco_titles)]
        learner = " · ".join(cell(i) for i in range(attempt_col) if cell(i))
        report.attempts.append(Attempt(learner, int(cell(attempt_col)), scos, Location(path, number)))
    return report


def _role_of(cell: str) -> str | None:
    match = NUMBERED.match(cell)
    return ROLES.get(match["role"]) if match else None


def _question_columns(header: list[str], start: int, path) -> tuple[tuple[str, ...], int]:
    """Which options the teacher ticked, and how many interactions each attempt may have."""
    columns = header[start:]
    while columns and not columns[-1]:
        columns.pop()
    if not columns:
        raise ReportError(Location(path, 1, start + 1), "the report has no interaction columns: in the report's settings "
                          "tick at least 'Response' (better: 'Question' and 'Response'), then download it again",
                          rule="report-no-responses")
    parsed = []
    for offset, cell in enumerate(columns):
        match = NUMBERED.match(cell)
        if not match or match["role"] not in ROLES:
            raise ReportError(Location(path, 1, start + offset + 1), f"column '{cell}' is not one an interactions report "
                              "has ('Question N', 'Response N', 'Right answer N', 'Result N')", rule="report-not-interactions")
        parsed.append((int(match["n"]), ROLES[match["role"]]))
    roles = tuple(role for role in ROLE_ORDER if role in {r for _, r in parsed})
    count = len(parsed) // len(roles)
    expected = [(n, role) for n in range(count) for role in roles]
    if parsed != expected:
        raise ReportError(Location(path, 1, start + 1), "the interaction columns are not in the order Moodle writes them "
                          "('Question 0', 'Response 0', ..., 'Question 1', ...): was the file edited?", rule="report-not-interactions")
    return roles, count


def _sco_attempt(title: str, row: list[str], start: int, count: int, roles: tuple[str, ...], where: Location) -> ScoAttempt:
    cell = lambda i: row[i].strip() if i < len(row) else ""  # noqa: E731
    sco = ScoAttempt(title, cell(start))
    width = len(roles)
    for n in range(count):
        first = start + 1 + n * width
        values = {role: cell(first + k) for k, role in enumerate(roles)}
        if not any(values.values()):
            continue
        column = first + (roles.index("response") if "response" in roles else 0)
        sco.interactions.append(Interaction(
            n, values.get("id") or None if "id" in roles else None,
            _raw(row, first + roles.index("response")) if "response" in roles else None,
            values.get("right") if "right" in roles else None,
            values.get("result") if "result" in roles else None,
            where.shifted(col=column + 1)))
    return sco


def _raw(row: list[str], i: int) -> str:
    """A response as recorded: spaces inside kept (Moodle stores what the SCO sent)."""
    return row[i] if i < len(row) else ""
