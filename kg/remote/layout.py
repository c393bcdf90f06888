"""Which quads go into which graph of a store, so that the named queries give the local rows
on a store with default settings:

- stores whose default graph is a graph of its own (Oxigraph, Fuseki) get the local layout as
  it is: the default graph (declarations, evidence, merged facts), one named graph per quote,
  the ontology's graph. Blank nodes are shared between a quote's graph and the default graph;
- stores whose default graph is the union of all graphs (Virtuoso, GraphDB) get the quote
  graphs, the ontology's graph and `DEFAULT_GRAPH` holding the rest of the local default
  graph: their union is the local default graph, and no blank node spans two graphs.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import BadValue
from kg.export import dataset_quads
from kg.namespaces import ONTOLOGY_GRAPH, ZKG

DEFAULT_GRAPH = "https://w3id.org/zonekg/default-graph"
"""Where the local default graph's own triples go in stores whose default graph is the union."""

GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DEFAULT = ox.DefaultGraph()
ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)


def local_quads(dataset: Dataset) -> list[ox.Quad]:
    """Every quad of the dataset once, in the store's own order: what a push lays out."""
    return list(dict.fromkeys(dataset_quads(dataset)))


def layout(
    quads: list[ox.Quad],
    union_default: bool,
    graph: str | None = None,
    default: bool = False,
    facts_only: bool = False,
) -> list[ox.Quad]:
    """The `local_quads` to push, in the store's graphs (see the module docstring).

    `graph` or `default` put everything (facts, declarations, ontology) into that one graph;
    `facts_only` leaves out the quote graphs and the evidence and source descriptions.
    """
    if facts_only:
        cited = {
            q.subject
            for q in quads
            if q.graph_name == DEFAULT
            and q.predicate == RDF_TYPE
            and q.object in (ox.NamedNode(ZKG.Evidence), ox.NamedNode(ZKG.Source))
        }
        quads = [q for q in quads if q.graph_name in (DEFAULT, ONTOLOGY) and q.subject not in cited]
    if graph is not None or default:
        target = ox.NamedNode(checked_iri(graph)) if graph is not None else DEFAULT
        return list(dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object, target) for q in quads))
    if not union_default:
        return quads
    base = ox.NamedNode(DEFAULT_GRAPH)
    facts = {ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.graph_name not in (DEFAULT, ONTOLOGY)}
    return [
        ox.Quad(q.subject, q.predicate, q.object, base) if q.graph_name == DEFAULT else q
        for q in quads
        if q.graph_name != DEFAULT or ox.Triple(q.subject, q.predicate, q.object) not in facts
    ]


def description_graph(union_default: bool, graph: str | None = None, default: bool = False) -> GraphName:
    """The graph a push puts the local default graph's own triples in (see `layout`)."""
    if graph is not None:
        return ox.NamedNode(checked_iri(graph))
    return ox.NamedNode(DEFAULT_GRAPH) if union_default and not default else DEFAULT


def checked_iri(value: str) -> str:
    """The value, when it is an absolute IRI; a BadValue naming it otherwise."""
    try:
        return ox.NamedNode(value).value
    except ValueError as error:
        raise BadValue(f"not an IRI: {value!r} ({error})") from None
