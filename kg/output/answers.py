"""SPARQL answers as text: SELECT rows as a table, JSON or CSV; ASK as true/false; CONSTRUCT
as Turtle or JSON-LD; and the list of named queries."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal

from rdflib import BNode, Literal
from rdflib.term import Node

from kg.named import NamedQuery
from kg.output.safe import escaped
from kg.output.tables import as_csv, as_json, table
from kg.sparql import Answer, Row
from kg.terms import as_written, shown


def json_value(term: Node | None) -> object:
    """A JSON value for an RDF term: numbers as numbers, everything else as its string."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.ill_typed:
        return as_written(term)
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (bool, int, float)):
            return value
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
    return str(term)


def render_rows(columns: list[str], rows: list[Row], fmt: str) -> str:
    """SELECT rows as an aligned table (labels shown for IRIs), a JSON array of objects keyed by
    variable (labels beside IRIs), or CSV."""
    rows = stable_blank_nodes(rows)
    if fmt == "json":
        return as_json([{c: json_value(row.get(c)) for c in columns} for row in rows])
    if fmt == "csv":
        return as_csv(columns, [[json_value(row.get(c)) for c in columns] for row in rows]).rstrip("\r\n")
    visible = [c for c in columns if not (c.endswith("Label") and c[: -len("Label")] in columns)]
    cells = [[shown(row.get(c), row.get(f"{c}Label")) for c in visible] for row in rows]
    return table(visible, cells)


def stable_blank_nodes(rows: list[Row]) -> list[Row]:
    """The rows with their blank nodes named b1, b2, … in order of appearance: the store's own
    labels are new on every run, and the same query on the same data must print the same."""
    names: dict[BNode, BNode] = {}

    def renamed(term: Node | None) -> Node | None:
        return names.setdefault(term, BNode(f"b{len(names) + 1}")) if isinstance(term, BNode) else term

    return [{column: renamed(value) for column, value in row.items()} for row in rows]


def render_answer(answer: Answer, fmt: str) -> str:
    """Any answer in `fmt` (table, json or csv): ASK as true/false, CONSTRUCT and DESCRIBE as
    Turtle (JSON-LD for json).

    Control characters in the data are `\\u` escapes in JSON and Turtle, gone from tables.
    """
    if answer.kind == "ASK":
        return json.dumps({"boolean": answer.boolean}) if fmt == "json" else str(answer.boolean).lower()
    if answer.graph is not None:
        return escaped(answer.graph.serialize(format="json-ld" if fmt == "json" else "turtle"))
    return render_rows(answer.columns, answer.rows, fmt)


def query_list(queries: Iterable[NamedQuery]) -> str:
    """Each named query with its signature, what it answers, and each parameter (`-p name=…`)."""
    lines = []
    for query in queries:
        lines.append(f"{query.name}({query.signature()})\n    {query.summary}")
        for p in query.parameters:
            lines.append(f"    -p {p.name}=…  {p.kind}, {'required' if p.required else 'optional'}: {p.doc}")
    return "\n".join(lines)
