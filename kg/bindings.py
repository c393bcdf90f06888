"""Binding query parameters the standard SPARQL 1.1 way: a VALUES block placed first inside the
query's WHERE group, as the headers of `kg/queries/*.rq` tell users of any engine to do.

kg binds every query this way, in process and on a remote endpoint alike, so both evaluate
the same text. Terms are written by pyoxigraph (N-Triples syntax, which SPARQL accepts): it
validates IRIs and language tags and escapes literals, so no value can change the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode
from rdflib.term import Node

from kg.errors import BadQuery, BadValue
from kg.sparql_tokens import tokens
from kg.terms import to_ox


def sparql_term(name: str, term: Node) -> str:
    """One parameter's term as SPARQL text."""
    if isinstance(term, BNode):
        raise BadValue(f"parameter {name}: a blank node cannot be bound in a query")
    try:
        return str(to_ox(term))
    except (ValueError, TypeError) as error:
        raise BadValue(f"parameter {name}: not a valid RDF term: {term!r} ({error})") from None


def where_group_start(text: str) -> int:
    """The offset just after the `{` that opens the query's WHERE group."""
    construct, seen_where = False, False
    for kind, token, _, end in tokens(text):
        if kind == "word":
            word = token.upper()
            construct = construct or word == "CONSTRUCT"
            seen_where = seen_where or word == "WHERE"
        elif kind == "open" and (seen_where or not construct):
            return end
    raise BadQuery("cannot bind parameters: the query has no WHERE group")


def with_values(text: str, bindings: dict[str, Node] | None) -> str:
    """The query with its parameters bound by a VALUES block first inside its WHERE group."""
    return with_rows(text, list(bindings), [list(bindings.values())]) if bindings else text


def with_rows(text: str, variables: list[str], rows: Iterable[Iterable[Node]]) -> str:
    """The query with a VALUES block of many rows first inside its WHERE group: one question
    asked of many entities at once (`VALUES ?entity { <a> <b> … }`)."""
    for name in variables:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise BadValue(f"not a SPARQL variable name: {name!r}")
    block = " ".join(f"({' '.join(sparql_term(n, t) for n, t in zip(variables, row, strict=True))})" for row in rows)
    start = where_group_start(text)
    return f"{text[:start]}\n  VALUES ({' '.join('?' + v for v in variables)}) {{ {block} }}\n{text[start:]}"
