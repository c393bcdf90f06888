"""XLSX workbooks for people (Excel, WPS): a cover sheet, then one sheet per list with a frozen
header, a filter and sensible column widths; the same data gives byte-identical files.

Text from the data never becomes a formula: a cell that would begin with = + - @ (or a tab or
carriage return) is written with a leading apostrophe, as OWASP recommends against CSV/formula
injection.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kg.output.tables import width

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60
WRAP_OVER = 40
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
FIXED_TIME = "2000-01-01T00:00:00Z"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Sheet:
    """One list: a title (the tab's name, at most 31 characters), headers and rows."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    notes: Sequence[str] = field(default_factory=tuple)


def safe(value: object) -> object:
    """A cell value that Excel shows as written: numbers as numbers, text never as a formula."""
    if value is None or isinstance(value, (bool, int, float, Decimal, date, datetime)):
        return float(value) if isinstance(value, Decimal) else value
    text = str(value)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)
    return "'" + text if text.startswith(FORMULA_START) else text


def workbook_bytes(title: str, cover: Sequence[tuple[str, object]], sheets: Sequence[Sheet]) -> bytes:
    """The XLSX file: a cover sheet of (label, value) pairs under `title`, then the lists."""
    book = Workbook()
    book.remove(book.worksheets[0])
    front = book.create_sheet(_sheet_title("封面" if _chinese(title) else "Cover", set()))
    front.append([safe(title)])
    front["A1"].font = Font(bold=True, size=14)
    for key, value in cover:
        front.append([safe(key), safe(value)])
    _fit(front, 2)
    used = {front.title}
    for sheet in sheets:
        _add_sheet(book, sheet, used)
    book.properties.creator = "zonekg"
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue())


def _add_sheet(book: Workbook, sheet: Sheet, used: set[str]) -> None:
    page = book.create_sheet(_sheet_title(sheet.title, used))
    used.add(page.title)
    page.append([safe(h) for h in sheet.headers])
    for row in sheet.rows:
        page.append([safe(v) for v in row])
    for cell in page[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    page.freeze_panes = "A2"
    if sheet.rows:
        page.auto_filter.ref = f"A1:{get_column_letter(len(sheet.headers))}{len(sheet.rows) + 1}"
    _fit(page, len(sheet.headers))
    for note in sheet.notes:
        page.append([])
        page.append([safe(note)])


def _fit(page: Worksheet, columns: int) -> None:
    """Widths from the longest text in each column (Chinese counts double), wrapped when long."""
    for index in range(1, columns + 1):
        cells = list(next(page.iter_cols(min_col=index, max_col=index)))
        longest = max((width(str(c.value)) for c in cells if c.value is not None), default=8)
        page.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), MAX_WIDTH)
        if longest > WRAP_OVER:
            for cell in cells[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _sheet_title(title: str, used: set[str]) -> str:
    """A legal, unique tab name: no []:*?/\\ and at most 31 characters."""
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"
    candidate, number = clean, 2
    while candidate in used:
        suffix = f" ({number})"
        candidate, number = clean[: 31 - len(suffix)] + suffix, number + 1
    return candidate


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _reproducible(data: bytes) -> bytes:
    """The same workbook with fixed timestamps (openpyxl writes the time of saving)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIME.encode(), content
                )
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()
