"""Rows for people and programs: aligned tables (Chinese is double width), JSON, CSV for Excel."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from wcwidth import wcswidth

from kg.output.safe import escaped, printable, safe_cell


def width(text: str) -> int:
    """The columns `text` takes in a terminal."""
    measured = wcswidth(text)
    return measured if measured >= 0 else len(text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table whose columns line up in a terminal, CJK characters included; no
    control character of the data reaches the terminal."""
    headers = [_cell(h) for h in headers]
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _cell(value: object) -> str:
    return "" if value is None else " ".join(printable(str(value)).split())


def as_json(value: object) -> str:
    """JSON with Chinese as it is, control characters as \\u escapes (`escaped`)."""
    return escaped(json.dumps(value, ensure_ascii=False, indent=2))


def as_csv(headers: Sequence[str], rows: Sequence[Sequence[object]], bom: bool = True) -> str:
    """CSV, by default with a UTF-8 byte-order mark so that Excel opens the Chinese intact; no
    cell from the data can run as a formula (`safe_cell`)."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([["" if v is None else safe_cell(v) for v in row] for row in rows])
    return buffer.getvalue()
