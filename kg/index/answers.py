"""Answers computed once per data set and kept beside its index: the statistics, the chain tree
and the listings of the large industrial chains, in every language.

A chain of ten thousand members is a listing of ten thousand rows, each with its zone, labels,
quote and source: from the on-disk store that is some fifteen lookups a row, seconds at a million
triples, where the same query in memory takes a fraction of that. So the build, which has the
data in memory anyway, asks these questions (`kg.index.build.kept_answers`) and keeps every
answer it got, keyed by the SHA-256 of the query text as run (values bound): a later command that
runs the very same text reads the rows instead (`kg.sparql.run`). Any other text — another zone,
a narrower type, a query of the user's — goes to the store as before, so a kept answer can only
ever be the answer of the same query on the same data.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.index.tables import connected
from kg.sparql import Answer

Encoded = list[str | None]


def answer_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_answers(path: Path, answers: dict[str, Answer]) -> None:
    with connected(path, write=True) as db:
        db.executemany(
            "INSERT OR REPLACE INTO answers VALUES (?, ?)",
            ((answer_key(text), _encoded(answer)) for text, answer in sorted(answers.items())),
        )


def kept_answer(path: Path, text: str) -> Answer | None:
    """The answer kept for this very query text, if the build kept one."""
    with connected(path) as db:
        found = db.execute("SELECT answer FROM answers WHERE key = ?", (answer_key(text),)).fetchone()
    return None if found is None else _decoded(found[0])


def _encoded(answer: Answer) -> bytes:
    """The answer as compressed JSON: each distinct term once, the rows as indexes into them."""
    terms: dict[Node, int] = {}
    rows = [
        [-1 if row[c] is None else terms.setdefault(row[c], len(terms)) for c in answer.columns] for row in answer.rows
    ]
    table = [_term_cells(term) for term in terms]
    return zlib.compress(json.dumps({"columns": answer.columns, "terms": table, "rows": rows}).encode("utf-8"))


def _decoded(blob: bytes) -> Answer:
    data = json.loads(zlib.decompress(blob))
    columns: list[str] = data["columns"]
    terms = [_term(*cells) for cells in data["terms"]]
    rows = [{c: (terms[i] if i >= 0 else None) for c, i in zip(columns, row, strict=True)} for row in data["rows"]]
    return Answer("SELECT", columns, rows)


def _term_cells(term: Node) -> Encoded:
    if isinstance(term, Literal):
        if term.language:
            return ["lang", str(term), term.language]
        return ["typed", str(term), str(term.datatype) if term.datatype else None]
    return ["blank" if isinstance(term, BNode) else "iri", str(term), None]


def _term(kind: str, value: str, extra: str | None) -> Node:
    if kind == "iri":
        return URIRef(value)
    if kind == "blank":
        return BNode(value)
    if kind == "lang":
        return Literal(value, lang=extra)
    return Literal(value, datatype=URIRef(extra)) if extra else Literal(value)
