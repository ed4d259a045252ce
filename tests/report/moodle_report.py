"""Writing interactions reports laid out as Moodle 5.0 writes them (mod/scorm/report/interactions),
in its three download formats, for scripted learners. The layout matches ../shared/moodle-reference/
interactions-report/ (the tests check that too): the header, "Not attempted" rows, one block of
score + interactions per SCO, numbers as numbers in the spreadsheets.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

ROLE_NAMES = {"id": "Question", "response": "Response", "right": "Right answer", "result": "Result"}
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class Recorded:
    id: str
    response: str
    right: str = ""
    result: str = ""


@dataclass
class Row:
    name: str
    email: str
    attempt: int | None                      # None: "Not attempted"
    scos: list[tuple[str, list[Recorded]]] = field(default_factory=list)   # (score or status, interactions)


def table(sco_titles: list[str], rows: list[Row], roles=("response",)) -> list[list[str]]:
    count = max((len(recorded) for row in rows for _, recorded in row.scos), default=0)
    header = ["Name", "Email address", "Attempt", "Started on", "Last accessed on", "Score", *sco_titles]
    header += [f"{ROLE_NAMES[role]} {n}" for n in range(count) for role in roles]
    out = [header]
    for row in rows:
        if row.attempt is None:
            out.append([row.name, row.email, "-", "-", "-", "-", *(["Not attempted"] + [""] * count * len(roles)) * len(sco_titles)])
            continue
        cells = [row.name, row.email, str(row.attempt), "1 December 2026, 9:10 AM", "1 December 2026, 9:20 AM",
                 row.scos[0][0] if row.scos[0][0][:1].isdigit() else "0"]
        for score, recorded in row.scos:
            cells.append(score)
            for n in range(count):
                item = recorded[n] if n < len(recorded) else None
                cells += [getattr(item, role) if item else "" for role in roles]
        out.append(cells)
    return out


def write(path: Path, rows: list[list[str]]) -> Path:
    """By the file's extension: .csv (tab-separated, as Moodle's CSV download), .xlsx or .ods."""
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as stream:
            csv.writer(stream, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    elif path.suffix == ".xlsx":
        import openpyxl
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Report"
        for row in rows:
            sheet.append([_value(cell) for cell in row])
        workbook.save(path)
    elif path.suffix == ".ods":
        _write_ods(path, rows)
    else:
        raise ValueError(path)
    return path


def _value(cell: str):
    if NUMBER.match(cell):
        return float(cell) if "." in cell else int(cell)
    return cell or None


def _write_ods(path: Path, rows: list[list[str]]) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="Report")
    for row in rows:
        line = TableRow()
        for cell in row:
            if NUMBER.match(cell):
                element = TableCell(valuetype="float", value=cell)
            else:
                element = TableCell(valuetype="string")
            element.addElement(P(text=cell))
            line.addElement(element)
        sheet.addElement(line)
    document.spreadsheet.addElement(sheet)
    document.save(str(path))
