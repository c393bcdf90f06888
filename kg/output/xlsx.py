"""XLSX workbooks that open in Excel and WPS: one sheet per table, and reading a table back.

A sheet has a frozen header row, filters, set widths, optional hidden key columns that map a
row back to what it describes, and optional yes/no pick lists. Text from the data passes
`kg.output.safe.safe_cell`, as in every CSV kg writes: its control characters (which XLSX
cannot hold) are removed, and per OWASP's CSV-injection advice a cell text starting with
= + - @ or a tab is written with a leading apostrophe, which `cell_text` takes off again when
the workbook is read back. The same tables give the same
bytes (fixed document dates and zip entry times).

Only editable columns are unlocked, but the sheet is not protected: Excel and WPS refuse to
sort a protected sheet whose sorted range holds locked cells, and a reviewer needs to sort.
A reader of the table checks the hidden keys instead (a key that is not known is an error).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kg.errors import DataFileError
from kg.files import write_atomic
from kg.output.safe import FORMULA_START, safe_cell

FIXED_TIME = datetime(2000, 1, 1)
FIXED_STAMP = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    """A column: its header, width in characters, and how the reader may treat it."""

    header: str
    width: float = 14
    hidden: bool = False
    editable: bool = False
    choices: tuple[str, ...] = ()
    wrap: bool = False


@dataclass
class Sheet:
    name: str
    columns: Sequence[Column]
    rows: list[Sequence[Cell]] = field(default_factory=list)


def cell_text(value: object) -> str:
    """The text of a cell as the data had it (the apostrophe of `safe_cell` taken off)."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text.strip()


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook as XLSX bytes: same sheets, same bytes."""
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "zonekg"
    book.properties.created = book.properties.modified = FIXED_TIME
    for sheet in sheets:
        _fill(book.create_sheet(sheet.name), sheet)
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip_times(raw.getvalue())


def write_workbook(path: str | Path, sheets: Sequence[Sheet]) -> Path:
    """Write the workbook to `path` atomically."""
    return write_atomic(path, workbook_bytes(sheets))


def _fill(ws: Worksheet, sheet: Sheet) -> None:
    ws.append([safe_cell(column.header) for column in sheet.columns])
    for row in sheet.rows:
        ws.append([safe_cell(value) for value in row])
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        ws.column_dimensions[letter].hidden = column.hidden
        header = ws.cell(row=1, column=index)
        header.font, header.fill = HEADER_FONT, HEADER_FILL
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            if column.wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.editable:
                cell.fill = EDITABLE_FILL
                cell.protection = Protection(locked=False)
        if column.choices and ws.max_row > 1:
            pick = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True)
            pick.add(f"{letter}2:{letter}{ws.max_row}")
            ws.add_data_validation(pick)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(ws.max_row, 1)}"


def _fixed_zip_times(data: bytes) -> bytes:
    """The same workbook with fixed times: zip entries, and the document's modified date, which
    openpyxl sets to the time of saving whatever the properties say."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED_STAMP, content)
            target.writestr(fixed, content)
    return out.getvalue()


@dataclass(frozen=True)
class Row:
    """One row read back: its number as the spreadsheet shows it, and its cells by header."""

    number: int
    cells: dict[str, str]

    def __getitem__(self, header: str) -> str:
        return self.cells.get(header, "")


def read_table(path: str | Path, sheet: str, headers: Sequence[str]) -> list[Row]:
    """The rows of `sheet` in the workbook at `path`, by header; every header in `headers` must be there."""
    path = Path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such file") from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DataFileError(
            f"{path}: not an XLSX workbook ({' '.join(str(error).split()) or type(error).__name__})"
        ) from None
    try:
        if sheet not in book.sheetnames:
            raise DataFileError(f"{path}: no sheet named {sheet!r} (sheets: {', '.join(book.sheetnames)})")
        rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    found = [cell_text(value) for value in rows[0]] if rows else []
    missing = [header for header in headers if header not in found]
    if missing:
        raise DataFileError(f"{path}: sheet {sheet!r} has no column {', '.join(repr(m) for m in missing)}")
    table = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {header: cell_text(value) for header, value in zip(found, values, strict=False) if header}
        if any(cells.values()):
            table.append(Row(number, cells))
    return table
