"""RDF terms: conversion between rdflib (the API users see) and pyoxigraph (the fast engine),
and the text people read for a term."""

from __future__ import annotations

import logging
from typing import Any, cast

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.namespaces import short

_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph
log = logging.getLogger("kg")


def to_rdflib(term: OxTerm) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_ox(term: Node) -> OxTerm:
    if term is None or term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def ox_quad(quad: tuple[Node, Node, Node, Node | None]) -> ox.Quad:
    """A pyoxigraph quad for an rdflib (s, p, o, graph) tuple (graph None: the default graph)."""
    s, p, o, g = (to_ox(cast(Node, t)) for t in quad)
    return ox.Quad(cast(ox.NamedNode, s), cast(ox.NamedNode, p), cast(ox.NamedNode, o), cast(ox.NamedNode, g))


def rdflib_quad(quad: ox.Quad) -> tuple[Node, Node, Node, Any]:
    """An rdflib (s, p, o, graph) tuple for a pyoxigraph quad (kg's data holds no RDF-star triples)."""
    terms = cast(tuple[OxTerm, OxTerm, OxTerm, OxTerm], (quad.subject, quad.predicate, quad.object, quad.graph_name))
    s, p, o, g = (to_rdflib(t) for t in terms)
    return s, p, o, g


def shown(term: Node | None, term_label: Node | str | None = None) -> str:
    """What a person reads for a term: its label when given, an IRI's short form, a literal's text
    (an ill-typed one as written, with a warning)."""
    if term_label is not None:
        return str(term_label)
    if isinstance(term, URIRef):
        return short(str(term))
    if isinstance(term, Literal) and term.ill_typed:
        return as_written(term)
    return "" if term is None else str(term)


def as_written(term: object) -> str:
    """The text of a value that is not what its datatype says ("lots"^^xsd:decimal), with one
    warning on the `kg` logger: readers show the raw text rather than fail; `kg validate`
    reports the value as a problem."""
    datatype = getattr(term, "datatype", None)
    kind = f"a valid {short(str(datatype))}" if datatype is not None else "a number"
    log.warning("%r is not %s: shown as written (kg validate names the file)", str(term), kind)
    return str(term)


def optional_text(term: Node | str | None) -> str | None:
    """A term's text, None for no term."""
    return None if term is None else str(term)
