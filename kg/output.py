"""Rendering rows for people: aligned tables (Chinese is double width), JSON, CSV for Excel."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from wcwidth import wcswidth

OUTPUT_FORMATS = ("table", "json", "csv")


def width(text: str) -> int:
    measured = wcswidth(text)
    return measured if measured >= 0 else len(text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table whose columns line up in a terminal, CJK characters included."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def _cell(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def as_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2)


def as_csv(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV with a UTF-8 byte-order mark, so Excel opens the Chinese intact."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([["" if v is None else str(v) for v in row] for row in rows])
    return buffer.getvalue()


def json_value(term: object) -> object:
    """A JSON value for an RDF term: numbers as numbers, everything else as its string."""
    from decimal import Decimal

    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, float):
            return value
    return str(term)


def shown(term: object, term_label: object = None) -> str:
    """What a person reads in a table cell: the label beside an IRI, else its short form."""
    from rdflib import URIRef

    from kg.namespaces import short

    if term_label is not None:
        return str(term_label)
    if isinstance(term, URIRef):
        return short(str(term))
    return "" if term is None else str(term)


def render_rows(columns: list[str], rows: list[dict], fmt: str) -> str:
    """SELECT rows as an aligned table (labels shown for IRIs), a JSON array of objects keyed by
    variable (labels beside IRIs), or CSV."""
    if fmt == "json":
        return as_json([{c: json_value(row.get(c)) for c in columns} for row in rows])
    if fmt == "csv":
        return as_csv(columns, [[json_value(row.get(c)) for c in columns] for row in rows]).rstrip("\r\n")
    visible = [c for c in columns if not (c.endswith("Label") and c[: -len("Label")] in columns)]
    cells = [[shown(row.get(c), row.get(f"{c}Label")) for c in visible] for row in rows]
    return table(visible, cells)
