"""SPARQL text for a remote endpoint: its form (which answer to accept), and the project's
prefixes declared where it uses them undeclared. Parameters are already bound by a VALUES block
(kg.bindings) when a query reaches an endpoint. The text is read by kg.sparql_tokens, not parsed.
"""

from __future__ import annotations

from kg.errors import BadQuery
from kg.namespaces import PREFIXES
from kg.sparql_tokens import tokens

_FORMS = (
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or the first keyword of an update."""
    for kind, token, _, _ in tokens(text):
        if kind == "word" and token.upper() in _FORMS:
            return token.upper()
    raise BadQuery("malformed SPARQL: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def with_prefixes(text: str) -> str:
    """The query with the project's prefixes declared where it uses them undeclared (as
    queries run locally with them)."""
    read = tokens(text)
    declared = {
        read[i + 1][1].lower()
        for i, (kind, token, _, _) in enumerate(read[:-1])
        if kind == "word" and token.upper() == "PREFIX"
    }
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if f"{p}:" not in declared]
    return "\n".join([*missing, text])
