"""The graph as a network (networkx): entities are nodes, facts between entities are edges."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import networkx as nx
from rdflib import URIRef

from kg.bindings import with_rows
from kg.classes import class_name
from kg.errors import BadValue, NotFound
from kg.index.dataset import IndexedDataset
from kg.index.tables import (
    EdgeRow,
    NodeRow,
    network_edges,
    network_nodes,
    ranked,
    top_scores,
    write_scores,
)
from kg.names import resolve
from kg.namespaces import short
from kg.resources import internal_query
from kg.sparql import Source, run

RANKINGS = ("degree", "betweenness", "pagerank")
ENTITY_VARIABLE = {"subject": "subject", "object": "object"}


def node_rows(source: Source, entities: Collection[str] | None = None) -> list[NodeRow]:
    """The entities of the network (all, or those of `entities` that are entities), in IRI order:
    (IRI, class name, Chinese label, English label), each label falling back on the other.

    An index answers from its tables; any other source through `graph-nodes.rq`."""
    if entities is not None and not entities:
        return []
    if isinstance(source, IndexedDataset):
        return network_nodes(source.tables, None if entities is None else sorted(entities))
    text = internal_query("graph-nodes.rq")
    if entities is not None:
        text = with_rows(text, ["entity"], [[URIRef(e)] for e in sorted(entities)])
    found: dict[str, NodeRow] = {}
    columns = ("entity", "class", "labelZh", "labelEn")
    for row in sorted(run(source, text, own=True).rows, key=lambda r: tuple(str(r[c]) for c in columns)):
        iri = str(row["entity"])
        if iri in found:  # of an entity's classes and labels, those first in code-point order
            continue
        zh, en = row["labelZh"], row["labelEn"]
        found[iri] = (
            iri,
            short(str(row["class"])).removeprefix("zkg:"),
            str(zh or en or short(iri)),
            str(en or zh or short(iri)),
        )
    return list(found.values())


def edge_rows(source: Source, entities: Collection[str] | None = None, end: str = "subject") -> list[EdgeRow]:
    """The relations between entities (all, or those whose `end`, subject or object, is one of
    `entities`), sorted: (subject, predicate in short form, object, Chinese and English label of
    the predicate)."""
    if entities is not None and not entities:
        return []
    if isinstance(source, IndexedDataset):
        return network_edges(source.tables, None if entities is None else sorted(entities), end)
    text = internal_query("graph-edges.rq")
    if entities is not None:
        text = with_rows(text, [ENTITY_VARIABLE[end]], [[URIRef(e)] for e in sorted(entities)])
    found: dict[tuple[str, str, str], EdgeRow] = {}
    for row in run(source, text, own=True).rows:
        predicate = short(str(row["predicate"]))
        edge = (str(row["subject"]), predicate, str(row["object"]))
        labelled = (*edge, str(row["labelZh"] or predicate), str(row["labelEn"] or predicate))
        found[edge] = min(
            found.get(edge, labelled), labelled
        )  # a predicate with two labels: one, whatever the row order
    return sorted(found.values())


def network(nodes: Iterable[NodeRow], edges: Iterable[EdgeRow]) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by IRI: node attributes `type`, `label_zh`, `label_en`; edge
    attributes `predicate` (also the edge key), `label_zh`, `label_en`; only the edges between
    the given nodes. Nodes and edges go in sorted, so that ties are broken alike everywhere."""
    graph = nx.MultiDiGraph()
    for iri, type_, label_zh, label_en in sorted(nodes):
        graph.add_node(iri, type=type_, label_zh=label_zh, label_en=label_en)
    for subject, predicate, obj, label_zh, label_en in sorted(set(edges)):
        if subject in graph and obj in graph:
            graph.add_edge(subject, obj, key=predicate, predicate=predicate, label_zh=label_zh, label_en=label_en)
    return graph


def to_networkx(source: Source) -> nx.MultiDiGraph:
    """The whole graph as a network (see `network`). Literals and evidence are left out."""
    return network(node_rows(source), edge_rows(source))


def touching(source: Source, entities: Collection[str]) -> list[EdgeRow]:
    """The relations from or to any of the entities."""
    return edge_rows(source, entities, "subject") + edge_rows(source, entities, "object")


def ends(edges: Iterable[EdgeRow]) -> set[str]:
    return {node for subject, _, obj, _, _ in edges for node in (subject, obj)}


def around(source: Source, entity: str, depth: int) -> nx.MultiDiGraph:
    """The network of the entities within `depth` steps of `entity`, asked of the source step by
    step: each step one question about the entities the last step reached."""
    seen, frontier, edges = {entity}, {entity}, set()
    for _ in range(depth):
        found = touching(source, frontier)
        edges.update(found)
        frontier = ends(found) - seen
        seen |= frontier
        if not frontier:
            break
    return network(node_rows(source, seen), edges)


def connecting(source: Source, a: str, b: str) -> nx.MultiDiGraph:
    """A network that holds every shortest chain of relations between `a` and `b`: the entities
    within steps of `a` and within steps of `b`, grown from the side with fewer entities to
    reach until the two meet (or one side has nowhere left to go)."""
    seen = {a: {a}, b: {b}}
    frontier = {a: {a}, b: {b}}
    edges: set[EdgeRow] = set()
    while frontier[a] and frontier[b] and not seen[a] & seen[b]:
        side = a if len(frontier[a]) <= len(frontier[b]) else b
        found = touching(source, frontier[side])
        edges.update(found)
        frontier[side] = ends(found) - seen[side]
        seen[side] |= frontier[side]
    return network(node_rows(source, seen[a] | seen[b]), edges)


@dataclass(frozen=True)
class Edge:
    """A relation between two entities, by IRI: the predicate in its short form."""

    subject: str
    predicate: str
    object: str


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The network with directions and parallel relations dropped, each node's neighbours in the
    order of the relations (networkx's undirected view iterates them as a set: in an order that
    changes from one process to the next)."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((subject, obj) for subject, obj, _ in graph.edges(keys=True))
    return simple


def node_label(graph: nx.MultiDiGraph, node: str, lang: str = "zh") -> str:
    return graph.nodes[node].get(f"label_{lang}", short(node))


def edge_text(graph: nx.MultiDiGraph, edge: Edge, lang: str = "zh") -> str:
    """'比亚迪 —位于→ 嵊州经济开发区': a relation with labels in `lang`."""
    relation = graph.edges[edge.subject, edge.object, edge.predicate].get(f"label_{lang}", edge.predicate)
    return f"{node_label(graph, edge.subject, lang)} —{relation}→ {node_label(graph, edge.object, lang)}"


def _check(graph: nx.MultiDiGraph, node: str) -> None:
    if node not in graph:
        raise NotFound(f"{short(node)} is not an entity of the graph")


def edges_between(graph: nx.MultiDiGraph, a: str, b: str) -> list[Edge]:
    found = [Edge(a, p, b) for p in graph.get_edge_data(a, b, default={})]
    return found + [Edge(b, p, a) for p in graph.get_edge_data(b, a, default={})]


def neighbors(graph: nx.MultiDiGraph, node: str, depth: int = 1) -> list[tuple[str, int, list[Edge]]]:
    """Entities within `depth` steps of `node` (either direction): (entity, distance, facts that reach it)."""
    _check(graph, node)
    if depth < 1:
        raise BadValue(f"depth must be at least 1, not {depth}")
    simple = undirected(graph)
    distances = nx.single_source_shortest_path_length(simple, node, cutoff=depth)
    result = []
    for other, distance in sorted(distances.items(), key=lambda item: (item[1], node_label(graph, item[0]))):
        if other == node:
            continue
        facts = [
            f
            for prev in simple.neighbors(other)
            if distances.get(prev) == distance - 1
            for f in edges_between(graph, prev, other)
        ]
        result.append((other, distance, facts))
    return result


def path(graph: nx.MultiDiGraph, a: str, b: str) -> list[Edge]:
    """The shortest chain of facts connecting two entities, in either direction."""
    _check(graph, a)
    _check(graph, b)
    try:
        nodes = nx.shortest_path(undirected(graph), a, b)
    except nx.NetworkXNoPath:
        raise NotFound(f"no chain of facts connects {short(a)} and {short(b)}") from None
    return [edges_between(graph, x, y)[0] for x, y in itertools.pairwise(nodes)]


def rank(
    graph: nx.MultiDiGraph, by: str = "degree", type_: str | None = None, top: int = 10
) -> list[tuple[str, float]]:
    """The most central entities by degree, betweenness or PageRank, optionally of one class."""
    found = scores(graph, by)
    nodes = [n for n in graph if type_ is None or graph.nodes[n].get("type") == type_]
    return sorted(((n, found[n]) for n in nodes), key=lambda item: (-item[1], item[0]))[:top]


def scores(graph: nx.MultiDiGraph, by: str = "degree") -> dict[str, float]:
    """Every entity's score by degree, betweenness or PageRank."""
    if by == "degree":
        found = dict(graph.degree())
    elif by == "betweenness":
        found = nx.betweenness_centrality(undirected(graph))
    elif by == "pagerank":
        found = nx.pagerank(undirected(graph))
    else:
        raise BadValue(f"unknown ranking {by!r}; use one of {', '.join(RANKINGS)}")
    return {node: float(score) for node, score in found.items()}


def typed_scores(graph: nx.MultiDiGraph, by: str = "degree") -> list[tuple[str, str, float]]:
    """(entity, class name, score) of every entity: a ranking as an index keeps it."""
    return [(node, graph.nodes[node]["type"], score) for node, score in scores(graph, by).items()]


@dataclass(frozen=True)
class Neighbor:
    steps: int
    label: str
    type: str
    via: list[str]


def neighbors_of(source: Source, name: str, depth: int = 1, lang: str = "zh") -> list[Neighbor]:
    """The entities within `depth` steps of the entity `name` names, with the relations that reach them."""
    entity = str(resolve(source, name))
    graph = around(source, entity, depth)
    return [
        Neighbor(
            steps,
            node_label(graph, other, lang),
            graph.nodes[other]["type"],
            [edge_text(graph, e, lang) for e in edges],
        )
        for other, steps, edges in neighbors(graph, entity, depth)
    ]


def path_between(source: Source, a: str, b: str, lang: str = "zh") -> list[str]:
    """The shortest chain of relations between the entities `a` and `b` name, as text in `lang`."""
    first, last = str(resolve(source, a)), str(resolve(source, b))
    graph = connecting(source, first, last)
    return [edge_text(graph, edge, lang) for edge in path(graph, first, last)]


@dataclass(frozen=True)
class Ranked:
    label: str
    type: str
    score: float


def ranking(
    source: Source, by: str = "degree", type_: str | None = None, top: int = 10, lang: str = "zh"
) -> list[Ranked]:
    """The `top` most central entities (of the class `type_`, as people type it) by `by`."""
    cls = class_name(type_) if type_ is not None else None
    if by not in RANKINGS:
        raise BadValue(f"unknown ranking {by!r}; use one of {', '.join(RANKINGS)}")
    if isinstance(source, IndexedDataset):
        best = kept_ranking(source, by, cls, top)
        graph = network(node_rows(source, [n for n, _ in best]), [])
    else:
        graph = to_networkx(source)
        best = rank(graph, by, cls, top)
    return [Ranked(node_label(graph, n, lang), graph.nodes[n]["type"], score) for n, score in best]


def kept_ranking(source: IndexedDataset, by: str, cls: str | None, top: int) -> list[tuple[str, float]]:
    """The best of a ranking kept with the index; one not kept yet is computed and kept (when
    the index folder can be written to)."""
    if not ranked(source.tables, by):
        graph = to_networkx(source)
        try:
            write_scores(source.tables, by, typed_scores(graph, by))
        except sqlite3.Error:
            return rank(graph, by, cls, top)
    return top_scores(source.tables, by, cls, top)
