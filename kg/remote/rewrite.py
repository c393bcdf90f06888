"""SPARQL text rewritten for a remote endpoint: bound variables and the project's prefixes.

The SPARQL 1.1 Protocol has no bindings, so a parameter's term replaces its variable in the
WHERE clause (Oxigraph's substitution of bound variables, as the query runs locally) and a
VALUES block keeps the variable bound for the projection. Terms are written by pyoxigraph,
which validates IRIs and language tags and escapes literals: no value can change the query's
structure. The text is read by a tokenizer that knows strings, IRIs and comments, not parsed.
"""

from __future__ import annotations

import re

from rdflib import BNode
from rdflib.term import Node

from kg.errors import BadQuery, BadValue
from kg.namespaces import PREFIXES
from kg.terms import to_ox

_TOKENS = re.compile(
    r'''(?P<comment>\#[^\n]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                   |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$]\w+)
      | (?P<word>[A-Za-z_][\w.-]*:?[\w.-]*)
      | (?P<open>\{) | (?P<close>\}) | (?P<space>\s+) | (?P<other>.)''',
    re.X | re.S,
)
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
Token = tuple[str, str, int, int]


def _tokens(text: str) -> list[Token]:
    """(kind, text, start, end) of each token that matters: no spaces, no comments."""
    return [
        (m.lastgroup or "", m.group(), m.start(), m.end())
        for m in _TOKENS.finditer(text)
        if m.lastgroup not in ("space", "comment")
    ]


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or the first keyword of an update."""
    for kind, token, _, _ in _tokens(text):
        if kind == "word" and token.upper() in _FORMS:
            return token.upper()
    raise BadQuery("malformed SPARQL: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def sparql_terms(bindings: dict[str, Node]) -> dict[str, str]:
    """Each bound variable's term as SPARQL text, written (and validated) by pyoxigraph."""
    terms = {}
    for name, term in bindings.items():
        if not re.fullmatch(r"\w+", name):
            raise BadValue(f"not a SPARQL variable name: {name!r}")
        if isinstance(term, BNode):
            raise BadValue(f"parameter {name}: a blank node cannot be bound in a remote query")
        try:
            terms[name] = str(to_ox(term))
        except (ValueError, TypeError) as error:
            raise BadValue(f"parameter {name}: not a valid RDF term: {term!r} ({error})") from None
    return terms


def with_values(text: str, bindings: dict[str, Node]) -> str:
    """The query with its bound variables replaced by their terms in the WHERE clause (as
    Oxigraph substitutes them locally; Virtuoso's planner needs the constants too), and a
    VALUES block opening the WHERE clause so that they are still bound where projected."""
    if not bindings:
        return text
    terms = sparql_terms(bindings)
    active = query_form(text) in ("SELECT", "ASK", "DESCRIBE")
    edits: list[tuple[int, int, str]] = []
    previous, values_header = "", False
    for kind, token, start, end in _tokens(text):
        word = token.upper() if kind == "word" else ""
        if word == "WHERE":
            active = True
        elif word == "VALUES":
            values_header = True
        elif kind == "open":
            values_header = False
            if active and not edits:
                clause = f" VALUES ({' '.join('?' + n for n in terms)}) {{ ({' '.join(terms.values())}) }} "
                edits.append((end, end, clause))
        elif kind == "var" and edits and token[1:] in terms:
            if previous == "AS" or values_header:
                raise BadQuery(f"cannot bind ?{token[1:]}: the query assigns it itself")
            edits.append((start, end, terms[token[1:]]))
        previous = word
    if not edits:
        raise BadQuery("cannot bind parameters: the query has no WHERE clause")
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


def with_prefixes(text: str) -> str:
    """The query with the project's prefixes declared where it uses them undeclared (as
    queries run locally with them)."""
    tokens = _tokens(text)
    declared = {
        tokens[i + 1][1].lower()
        for i, (kind, token, _, _) in enumerate(tokens[:-1])
        if kind == "word" and token.upper() == "PREFIX"
    }
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if f"{p}:" not in declared]
    return "\n".join([*missing, text])
