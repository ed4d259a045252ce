"""Reading a downloaded report into rows of text, whichever of Moodle's three formats it is in.

Moodle's "Download" offers a tab-separated text file (mod/scorm/report/interactions: `csv_export_writer("tab")`),
an Excel workbook (.xlsx) and an OpenDocument spreadsheet (.ods). The format is told by the content,
not the file name (teachers rename files). Spreadsheets are read with openpyxl and odfpy; numbers
come back as text the way the runtime wrote them ("2.8", "6"), so that every format reads the same.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Location
from builder.quiz.grading import format_number

MAX_BYTES = 50 * 1024 * 1024          # a report of 10,000 attempts of 50 questions is under 20 MB
MAX_UNPACKED = 400 * 1024 * 1024      # what a spreadsheet may unpack to: no zip bombs
MAX_COLUMNS = 20_000
EXPECTED = ("a SCORM interactions report downloaded from Moodle (Reports > Interactions report > "
            "Download: CSV, Excel or ODS)")


class ReportError(Exception):
    def __init__(self, location: Location, message: str, rule: str = "report-file") -> None:
        super().__init__(message)
        self.location, self.message, self.rule = location, message, rule


@dataclass
class Sheet:
    path: Path
    format: str                  # "CSV", "Excel" or "ODS", as Moodle's download menu names them
    rows: list[list[str]]        # row 1 of the file is rows[0]; cells are text ("" when empty)


def read_sheet(path: Path) -> Sheet:
    where = Location(path)
    try:
        if path.is_dir():
            raise ReportError(where, f"this is a folder: expected {EXPECTED}")
        if not path.is_file():
            raise ReportError(where, f"no such file: expected {EXPECTED}")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReportError(where, f"the file is {size / 1e6:.0f} MB, more than the {MAX_BYTES // 2**20} MB a report may be")
        data = path.read_bytes()
    except OSError as error:
        raise ReportError(where, f"cannot read the file: {error.strerror or error}") from None
    if data.startswith(b"PK\x03\x04"):
        return _read_spreadsheet(path, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportError(where, "this is an old Excel 97-2003 (.xls) workbook: download the interactions report again "
                          "as CSV, Excel (.xlsx, what Moodle 3 and later give) or ODS")
    if data.startswith(b"\x1f\x8b"):
        raise ReportError(where, f"this is a compressed archive (a Moodle backup?): expected {EXPECTED}")
    return Sheet(path, "CSV", _read_text(path, data))


def _read_text(path: Path, data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ReportError(Location(path, line), f"the file is not UTF-8 text: expected {EXPECTED}") from None
    if "\0" in text:
        raise ReportError(Location(path), f"the file is binary, not a report: expected {EXPECTED}")
    first = text.split("\n", 1)[0]
    delimiter = max("\t,;", key=first.count)      # Moodle writes tabs; a re-saved file may use , or ;
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise ReportError(Location(path), f"the file cannot be read as CSV ({error}): expected {EXPECTED}") from None
    return rows


def _read_spreadsheet(path: Path, data: bytes) -> Sheet:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise ReportError(Location(path), "the spreadsheet unpacks to more than a report can hold")
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except zipfile.BadZipFile:
        raise ReportError(Location(path), f"the file is a damaged zip archive: expected {EXPECTED}") from None
    if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
        return Sheet(path, "ODS", _ods_rows(path, data))
    if "xl/workbook.xml" in names:
        return Sheet(path, "Excel", _xlsx_rows(path, data))
    raise ReportError(Location(path), f"this zip archive is neither an Excel workbook nor an ODS spreadsheet: expected {EXPECTED}")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return format_number(value)
    return str(value)


def _xlsx_rows(path: Path, data: bytes) -> list[list[str]]:
    import openpyxl   # loaded only for Excel files

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [[_text(value) for value in row[:MAX_COLUMNS]] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception as error:   # openpyxl raises many kinds for a broken workbook
        raise ReportError(Location(path), f"the Excel workbook cannot be read ({type(error).__name__}): expected {EXPECTED}") from None
    return _trim(rows)


def _ods_rows(path: Path, data: bytes) -> list[list[str]]:
    from odf import teletype        # loaded only for ODS files
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    try:
        document = load(io.BytesIO(data))
        tables = document.getElementsByType(Table)
        if not tables:
            raise ReportError(Location(path), f"the spreadsheet has no sheet: expected {EXPECTED}")
        rows: list[list[str]] = []
        for row in tables[0].getElementsByType(TableRow):
            cells: list[str] = []
            for cell in row.getElementsByType(TableCell):
                repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
                kind = cell.getAttribute("valuetype")
                value = cell.getAttribute("value")
                text = _text(float(value)) if kind in ("float", "percentage", "currency") and value else teletype.extractText(cell)
                cells.extend([text] * min(repeat, MAX_COLUMNS - len(cells)))
            repeat = int(row.getAttribute("numberrowsrepeated") or 1)
            rows.extend([cells] * (1 if not any(cells) else min(repeat, 100_000)))
    except ReportError:
        raise
    except Exception as error:   # odfpy raises many kinds for a broken file
        raise ReportError(Location(path), f"the ODS spreadsheet cannot be read ({type(error).__name__}): expected {EXPECTED}") from None
    return _trim(rows)


def _trim(rows: list[list[str]]) -> list[list[str]]:
    """Spreadsheets pad with empty cells and rows; the CSV download has none."""
    while rows and not any(rows[-1]):
        rows.pop()
    return [row[:max((i + 1 for i, cell in enumerate(row) if cell), default=0)] for row in rows]
