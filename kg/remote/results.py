"""Answers of a SPARQL endpoint parsed into kg's answers: SPARQL 1.1 Query Results JSON for
SELECT and ASK, N-Triples, Turtle or RDF/XML for CONSTRUCT and DESCRIBE.

Every term is validated by pyoxigraph (IRIs, language tags, datatypes) as the local engine's
are; an answer that is not what the protocol promises is a StoreRefused naming the endpoint.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from kg.errors import StoreRefused
from kg.parse_errors import one_line
from kg.sparql import Answer, prefixed_graph
from kg.terms import to_rdflib

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def results_answer(where: str, body: bytes, media: str) -> Answer:
    """The rows (SELECT) or the boolean (ASK) of SPARQL JSON results."""
    try:
        document = json.loads(body)
    except ValueError:
        raise StoreRefused(
            f"{where}: the answer is not SPARQL JSON results ({media or 'no declared format'})"
        ) from None
    try:
        return _answer(document)
    except (KeyError, TypeError, ValueError) as error:
        raise StoreRefused(f"{where}: unreadable SPARQL JSON results ({_reason(error)})") from None


def _answer(document: Any) -> Answer:
    if not isinstance(document, dict):
        raise ValueError("not a JSON object")
    if "boolean" in document:
        if not isinstance(document["boolean"], bool):
            raise ValueError(f"boolean {document['boolean']!r}")
        return Answer("ASK", boolean=document["boolean"])
    columns, bindings = document["head"]["vars"], document["results"]["bindings"]
    if not (isinstance(columns, list) and all(isinstance(c, str) for c in columns)):
        raise ValueError(f"head.vars {columns!r}")
    if not (isinstance(bindings, list) and all(isinstance(b, dict) for b in bindings)):
        raise ValueError("results.bindings is not a list of objects")
    return Answer("SELECT", columns, [{c: (json_term(b[c]) if c in b else None) for c in columns} for b in bindings])


def _reason(error: Exception) -> str:
    text = f"no {error.args[0]!r}" if isinstance(error, KeyError) else str(error)
    return text[:200]


def json_term(value: Any) -> Node:
    """An rdflib term from one binding of SPARQL JSON results; blank node labels that are no
    N-Triples labels (Virtuoso's `nodeID://b1`) are rewritten, one to one. ValueError for
    anything that is no valid term."""
    if not (isinstance(value, dict) and isinstance(value.get("value"), str)):
        raise ValueError(f"not a term: {value!r}")
    kind, text = value.get("type"), value["value"]
    if kind == "uri":
        return URIRef(ox.NamedNode(text).value)
    if kind == "bnode":
        return BNode(text if re.fullmatch(r"[A-Za-z0-9_]+", text) else "x" + text.encode("utf-8").hex())
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return to_rdflib(ox.Literal(text, language=value["xml:lang"]))
        return to_rdflib(ox.Literal(text, datatype=ox.NamedNode(value.get("datatype", XSD_STRING))))
    raise ValueError(f"unknown term type {kind!r}")


def graph_answer(where: str, form: str, body: bytes, media: str) -> Answer:
    """The graph of a CONSTRUCT or DESCRIBE answer."""
    if media not in GRAPH_FORMATS:
        raise StoreRefused(f"{where}: {form} answered in {media or 'no declared format'}, not N-Triples or Turtle")
    try:
        quads = list(ox.parse(body, format=GRAPH_FORMATS[media], rename_blank_nodes=True))
    except (SyntaxError, ValueError) as error:
        raise StoreRefused(f"{where}: unreadable {form} answer ({one_line(error)[:200]})") from None
    return Answer(
        form, graph=prefixed_graph((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads)
    )
