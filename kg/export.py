"""Exports of the built dataset to the standard RDF formats, written atomically."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset

from kg.describe import description, is_description
from kg.errors import BadValue
from kg.load import oxigraph_store
from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES, expand
from kg.resources import package_path
from kg.sparql import internal_rows
from kg.terms import rdflib_quad, to_ox

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


def export_quads(dataset: Dataset, merged: bool, with_ontology: bool = False) -> list[ox.Quad]:
    """The quads an export holds, in a fixed order, with the dataset's description (kg.describe)
    in the default graph: the merged default graph only, or every evidence graph too."""
    body: set[ox.Quad] = set()
    default_graph = []
    for quad in dataset_quads(dataset):
        if is_description(quad):
            continue
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default_graph.append(quad)
        if quad.graph_name == _ONTOLOGY:
            if with_ontology:
                body.add(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()) if merged else quad)
        elif not merged or isinstance(quad.graph_name, ox.DefaultGraph):
            body.add(quad)
    body.update(description(default_graph))
    return sorted(body, key=quad_order)


def quad_order(quad: ox.Quad) -> tuple[str, str]:
    """By graph, then subject, predicate, object as N-Quads text: the same order on every engine."""
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return graph, str(quad)


def export(dataset: Dataset, fmt: str, with_ontology: bool = False) -> bytes:
    """The dataset serialised in `fmt`, byte for byte the same for the same data.

    turtle and ntriples hold the merged facts; nquads, trig and jsonld keep one named graph
    per quote. The ontology is left out unless `with_ontology`. Every RDF export carries the
    dataset's VoID and DCAT description.
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


def _serialized(quads: Iterable[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """The quads in `fmt` with the project's prefixes (ox.serialize gives None only when it writes a file)."""
    return ox.serialize(quads, format=fmt, prefixes=PREFIXES) or b""


def jsonld_context() -> dict:
    return json.loads(package_path("ontology", "context.jsonld").read_text(encoding="utf-8"))["@context"]


def jsonld(dataset: Dataset, with_ontology: bool = False) -> bytes:
    """JSON-LD compacted with the context shipped in `ontology/context.jsonld`."""
    plain = Dataset()
    for quad in export_quads(dataset, False, with_ontology):
        plain.add(rdflib_quad(quad))
    document = json.loads(plain.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
    return json.dumps(_ordered(_default_graph_at_top(document)), ensure_ascii=False, indent=2).encode("utf-8")


def _ordered(value: object) -> object:
    """The JSON-LD document with its keys and its unordered arrays sorted (rdflib writes them
    in the order of its hash tables); `@list` arrays keep their order."""
    if isinstance(value, dict):
        return {key: (item if key == "@list" else _ordered(item)) for key, item in sorted(value.items())}
    if isinstance(value, list):
        return sorted(
            (_ordered(item) for item in value), key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True)
        )
    return value


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
    for Gephi, yEd and Cytoscape, nodes and edges in a fixed order.

    Nodes (id: the IRI) carry `label` (Chinese), `label_zh`, `label_en`, `type` (the class) and
    `iri`; edges (id: the three IRIs of the fact, space-separated: unique) carry `label` (Chinese),
    `label_zh`, `label_en`, `predicate` (the full IRI) and their evidence: `quote`, `source`
    (the article's IRI) and `source_title`, several quotes one per line in the same order.
    Literals are left out."""
    from kg.graph import to_networkx  # networkx only for these formats: `kg push` need not load it

    graph = to_networkx(dataset)
    evidence: dict[tuple[str, str, str], set[tuple[str, str, str]]] = {}
    for row in internal_rows(dataset, "graph-edge-evidence.rq"):
        fact = (str(row["subject"]), str(row["predicate"]), str(row["object"]))
        evidence.setdefault(fact, set()).add((str(row["quote"]), str(row["source"]), str(row["title"] or "")))
    ordered = nx.MultiDiGraph()
    for node in sorted(graph):
        attributes = graph.nodes[node]
        ordered.add_node(
            node, **{k: attributes[k] for k in sorted(attributes)}, label=attributes.get("label_zh", node), iri=node
        )
    for subject, obj, attributes in sorted(
        graph.edges(data=True), key=lambda e: (e[0], expand(e[2]["predicate"]), e[1])
    ):
        predicate = str(expand(attributes["predicate"]))
        quotes = sorted(evidence.get((subject, predicate, obj), ()))
        ordered.add_edge(
            subject,
            obj,
            key=f"{subject} {predicate} {obj}",
            predicate=predicate,
            label=attributes.get("label_zh") or predicate,
            label_zh=attributes.get("label_zh", ""),
            label_en=attributes.get("label_en", ""),
            quote="\n".join(q for q, _, _ in quotes),
            source="\n".join(s for _, s, _ in quotes),
            source_title="\n".join(t for _, _, t in quotes),
        )
    _stringify(ordered)
    buffer = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(ordered, buffer, encoding="utf-8")
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue())


def _stringify(graph: nx.MultiDiGraph) -> None:
    """GraphML and GEXF take strings, numbers and booleans only: everything else as text."""
    plain = (str, int, float, bool)
    for attributes in [graph.graph, *(a for _, a in graph.nodes(data=True)), *(a for *_, a in graph.edges(data=True))]:
        for key, value in attributes.items():
            if not isinstance(value, plain):
                attributes[key] = "" if value is None else str(value)
