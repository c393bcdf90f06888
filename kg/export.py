"""Exports of the built dataset to the standard RDF formats, written atomically."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import BadValue
from kg.load import oxigraph_store
from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES
from kg.resources import package_path
from kg.terms import to_ox

DATASET_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
TRIPLE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
NETWORK_FORMATS = ("graphml", "gexf")
EXPORT_FORMATS = (*TRIPLE_FORMATS, *DATASET_FORMATS, "jsonld", *NETWORK_FORMATS)
_ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)


def dataset_quads(dataset: Dataset) -> Iterator[ox.Quad]:
    """Every quad of the dataset as pyoxigraph quads, on either engine."""
    store = oxigraph_store(dataset)
    if store is not None:
        yield from store
        return
    for s, p, o, g in dataset.quads((None, None, None, None)):
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(getattr(g, "identifier", g)))  # type: ignore[arg-type]


def export_quads(dataset: Dataset, merged: bool, with_ontology: bool = False) -> Iterator[ox.Quad]:
    """The quads an export holds: the merged default graph only, or every evidence graph too."""
    for quad in dataset_quads(dataset):
        if quad.graph_name == _ONTOLOGY:
            if with_ontology:
                yield ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()) if merged else quad
        elif not merged or isinstance(quad.graph_name, ox.DefaultGraph):
            yield quad


def export(dataset: Dataset, fmt: str, with_ontology: bool = False) -> bytes:
    """The dataset serialised in `fmt`.

    turtle and ntriples hold the merged facts; nquads, trig and jsonld keep one named graph
    per quote. The ontology is left out unless `with_ontology`.
    """
    if fmt in TRIPLE_FORMATS:
        return _serialized(export_quads(dataset, True, with_ontology), TRIPLE_FORMATS[fmt])
    if fmt in DATASET_FORMATS:
        return _serialized(export_quads(dataset, False, with_ontology), DATASET_FORMATS[fmt])
    if fmt == "jsonld":
        return jsonld(dataset, with_ontology)
    if fmt in NETWORK_FORMATS:
        return network(dataset, fmt)
    raise BadValue(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


def _serialized(quads: Iterator[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """The quads in `fmt` with the project's prefixes (ox.serialize gives None only when it writes a file)."""
    return ox.serialize(quads, format=fmt, prefixes=PREFIXES) or b""


def jsonld_context() -> dict:
    return json.loads(package_path("ontology", "context.jsonld").read_text(encoding="utf-8"))["@context"]


def jsonld(dataset: Dataset, with_ontology: bool = False) -> bytes:
    """JSON-LD compacted with the context shipped in `ontology/context.jsonld`."""
    plain = Dataset()
    nquads = _serialized(export_quads(dataset, False, with_ontology), ox.RdfFormat.N_QUADS)
    plain.parse(data=nquads.decode("utf-8"), format="nquads")
    document = json.loads(plain.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
    return json.dumps(_default_graph_at_top(document), ensure_ascii=False, indent=2).encode("utf-8")


def _default_graph_at_top(document: dict) -> dict:
    """rdflib writes the default graph as an @graph object without @id, which JSON-LD reads as a
    graph named by a blank node; its nodes belong at the top level."""
    top = []
    for node in document.get("@graph", []):
        if set(node) == {"@graph"}:
            top.extend(node["@graph"])
        else:
            top.append(node)
    return {**document, "@graph": top}


def network(dataset: Dataset, fmt: str) -> bytes:
    """The entities and the relations between them (kg.graph.to_networkx) as GraphML or GEXF,
    for Gephi, yEd and Cytoscape: nodes carry `label` (Chinese), `label_zh`, `label_en` and
    `type` (the class), edges `label` (Chinese), `label_zh`, `label_en` and `predicate`.
    Literals and quotes are left out."""
    from kg.graph import to_networkx  # networkx only for these formats: `kg push` need not load it

    graph = to_networkx(dataset)
    for node, attributes in graph.nodes(data=True):
        attributes.update(label=attributes.get("label_zh", node), iri=node)
    for _, _, attributes in graph.edges(data=True):
        attributes["label"] = attributes.get("label_zh") or attributes.get("predicate", "")
    _stringify(graph)
    buffer = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def _stringify(graph: nx.MultiDiGraph) -> None:
    """GraphML and GEXF take strings, numbers and booleans only: everything else as text."""
    plain = (str, int, float, bool)
    for attributes in [graph.graph, *(a for _, a in graph.nodes(data=True)), *(a for *_, a in graph.edges(data=True))]:
        for key, value in attributes.items():
            if not isinstance(value, plain):
                attributes[key] = "" if value is None else str(value)
