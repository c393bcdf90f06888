"""Running SPARQL on a source: an rdflib `Dataset` in process, or a remote endpoint.

A *source* is either a `Dataset` or an object with a `query(text) -> Answer` method (see
`kg.remote.endpoint.SparqlEndpoint`). Bindings are RDF terms bound by a VALUES block written by
kg.bindings, never pasted into query text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph
from rdflib.term import Node

from kg.bindings import with_values
from kg.errors import BadQuery, StoreUnreachable
from kg.load import oxigraph_store
from kg.namespaces import PREFIXES
from kg.oxigraph_dataset import OxigraphDataset
from kg.parse_errors import one_line
from kg.resources import internal_query
from kg.sparql_tokens import distinct_answer
from kg.terms import to_rdflib

Row = dict[str, Any]
"""A solution by variable: each cell an rdflib term, or None when unbound. The cells are `Any`
to mypy: which variables a query always binds only the query text knows."""


@dataclass
class Answer:
    """What a query gives: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class Endpoint(Protocol):
    def query(self, text: str) -> Answer: ...


@runtime_checkable
class KeepsAnswers(Protocol):
    """A dataset with answers computed beforehand (an index: `kg.index.answers`)."""

    def kept_answer(self, text: str) -> Answer | None: ...


Source = Dataset | Endpoint


def run(source: Source, text: str, bindings: dict[str, Node] | None = None, own: bool = False) -> Answer:
    """Run one SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the source.

    Parameters are bound the standard way on every source, in process and remote alike: a
    VALUES block first inside the WHERE group (kg.bindings). SPARQL that does not parse is a
    `BadQuery`; a binding that is not an RDF term a TypeError.

    `own` says the text is one of kg's own queries (kg/queries), which never read the ontology's
    graph: on a dataset whose layout is not complete yet (`kg.load.build_graph`), one whose rows
    are distinct runs on the union of the graphs, which gives it the same rows.
    """
    bindings = bindings or {}
    for name, value in bindings.items():
        if not isinstance(value, Node):
            raise TypeError(f"binding {name!r} is not an RDF term: {value!r}")
    text = with_values(text, bindings)
    if not isinstance(source, Dataset):
        return source.query(text)
    if isinstance(source, KeepsAnswers) and (kept := source.kept_answer(text)) is not None:
        return kept
    deferred = source.deferred_store if own and isinstance(source, OxigraphDataset) else None
    union = deferred if deferred is not None and distinct_answer(text) else None
    store = union or oxigraph_store(source)
    try:
        if store is not None:
            return _run_on_oxigraph(store, source, text, union is not None)
        return _run_on_rdflib(source, text)
    except SyntaxError as error:  # Oxigraph's parser
        raise BadQuery(f"malformed SPARQL: {one_line(error)}") from None
    except OSError as error:  # a SERVICE clause whose endpoint fails
        raise StoreUnreachable(f"a SERVICE of the query failed: {one_line(error)}") from None


def _run_on_rdflib(dataset: Dataset, text: str) -> Answer:
    """The query run by rdflib's own engine. Its parser is imported here, not with the module:
    building its grammar takes a tenth of a second that queries on Oxigraph need not pay."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        query = prepareQuery(text, initNs=PREFIXES)
    except (
        Exception
    ) as error:  # pyparsing's ParseException, and rdflib's algebra's bare Exception ("Unknown namespace prefix")
        raise BadQuery(f"malformed SPARQL: {one_line(error)}") from None
    result = dataset.query(query)
    if result.type == "SELECT":
        columns = [str(v) for v in result.vars or []]
        return Answer("SELECT", columns, [dict.fromkeys(columns) | row.asdict() for row in result])  # type: ignore[union-attr]
    if result.type == "ASK":
        return Answer("ASK", boolean=bool(result.askAnswer))
    return Answer(result.type, graph=prefixed_graph(result))  # type: ignore[arg-type]


def _run_on_oxigraph(store: ox.Store, dataset: Dataset, text: str, union: bool) -> Answer:
    """The query run by Oxigraph itself, as oxrdflib would run it, with each distinct term of
    the answer converted to rdflib once: conversion, not the query, dominated large answers."""
    prefixes = {prefix: str(namespace) for prefix, namespace in dataset.namespaces()} | PREFIXES
    result = store.query(text, prefixes=prefixes, use_default_graph_as_union=union)
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(result))
    converted: dict[Any, Node] = {}

    def term(value: Any) -> Node | None:
        if value is None:
            return None
        if value not in converted:
            converted[value] = to_rdflib(value)
        return converted[value]

    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        return Answer("SELECT", columns, [dict(zip(columns, map(term, solution), strict=True)) for solution in result])
    blank: dict[Any, BNode] = {}

    def constructed(value: Any) -> Node | None:
        """Blank nodes named in order of appearance: Oxigraph's labels are new on every run,
        and the same query on the same data must print the same graph."""
        if isinstance(value, ox.BlankNode):
            return blank.setdefault(value, BNode(f"b{len(blank) + 1}"))
        return term(value)

    triples = ((constructed(t.subject), term(t.predicate), constructed(t.object)) for t in result)
    return Answer("CONSTRUCT", graph=prefixed_graph(triples))  # type: ignore[arg-type]


def prefixed_graph(triples: Iterable[tuple[Node, Node, Node]] = ()) -> Graph:
    """A graph of the triples with the project's prefixes bound, for readable serialisations."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add(triple)
    return graph


def in_one_order(rows: Iterable[Row]) -> list[Row]:
    """Rows of a query without ORDER BY in one order, whichever order the store gave them in:
    by their cells as N-Triples terms, column by column. For rows folded into one entry each."""
    return sorted(rows, key=lambda row: tuple("" if cell is None else cell.n3() for cell in row.values()))


def internal_rows(source: Source, name: str, **bindings: Node) -> list[Row]:
    """Rows of one of the code's own queries (kg/queries/internal/)."""
    return run(source, internal_query(name), bindings, own=True).rows
