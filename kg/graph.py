"""The graph as a network (networkx): entities are nodes, facts between entities are edges."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from kg.classes import class_name
from kg.errors import BadValue, NotFound
from kg.names import resolve
from kg.namespaces import short
from kg.sparql import Source, internal_rows

RANKINGS = ("degree", "betweenness", "pagerank")


def to_networkx(source: Source) -> nx.MultiDiGraph:
    """A MultiDiGraph keyed by IRI: node attributes `type`, `label_zh`, `label_en`; edge
    attributes `predicate` (also the edge key), `label_zh`, `label_en`. Literals and evidence
    are left out."""
    graph = nx.MultiDiGraph()
    for row in internal_rows(source, "graph-nodes.rq"):
        iri = str(row["entity"])
        graph.add_node(
            iri,
            type=short(str(row["class"])).removeprefix("zkg:"),
            label_zh=str(row["labelZh"] or row["labelEn"] or short(iri)),
            label_en=str(row["labelEn"] or row["labelZh"] or short(iri)),
        )
    for row in internal_rows(source, "graph-edges.rq"):
        predicate = short(str(row["predicate"]))
        graph.add_edge(
            str(row["subject"]),
            str(row["object"]),
            key=predicate,
            predicate=predicate,
            label_zh=str(row["labelZh"] or predicate),
            label_en=str(row["labelEn"] or predicate),
        )
    return graph


@dataclass(frozen=True)
class Edge:
    """A relation between two entities, by IRI: the predicate in its short form."""

    subject: str
    predicate: str
    object: str


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
    undirected = graph.to_undirected(as_view=True)
    distances = nx.single_source_shortest_path_length(undirected, node, cutoff=depth)
    result = []
    for other, distance in sorted(distances.items(), key=lambda item: (item[1], node_label(graph, item[0]))):
        if other == node:
            continue
        facts = [
            f
            for prev in undirected.neighbors(other)
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
        nodes = nx.shortest_path(graph.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath:
        raise NotFound(f"no chain of facts connects {short(a)} and {short(b)}") from None
    return [edges_between(graph, x, y)[0] for x, y in itertools.pairwise(nodes)]


def rank(
    graph: nx.MultiDiGraph, by: str = "degree", type_: str | None = None, top: int = 10
) -> list[tuple[str, float]]:
    """The most central entities by degree, betweenness or PageRank, optionally of one class."""
    simple = nx.Graph(graph.to_undirected(as_view=True))
    if by == "degree":
        scores = dict(graph.degree())
    elif by == "betweenness":
        scores = nx.betweenness_centrality(simple)
    elif by == "pagerank":
        scores = nx.pagerank(simple)
    else:
        raise BadValue(f"unknown ranking {by!r}; use one of {', '.join(RANKINGS)}")
    nodes = [n for n in graph if type_ is None or graph.nodes[n].get("type") == type_]
    return sorted(((n, float(scores[n])) for n in nodes), key=lambda item: (-item[1], item[0]))[:top]


@dataclass(frozen=True)
class Neighbor:
    steps: int
    label: str
    type: str
    via: list[str]


def neighbors_of(source: Source, name: str, depth: int = 1, lang: str = "zh") -> list[Neighbor]:
    """The entities within `depth` steps of the entity `name` names, with the relations that reach them."""
    graph = to_networkx(source)
    return [
        Neighbor(
            steps,
            node_label(graph, other, lang),
            graph.nodes[other]["type"],
            [edge_text(graph, e, lang) for e in edges],
        )
        for other, steps, edges in neighbors(graph, str(resolve(source, name)), depth)
    ]


def path_between(source: Source, a: str, b: str, lang: str = "zh") -> list[str]:
    """The shortest chain of relations between the entities `a` and `b` name, as text in `lang`."""
    graph = to_networkx(source)
    return [edge_text(graph, edge, lang) for edge in path(graph, str(resolve(source, a)), str(resolve(source, b)))]


@dataclass(frozen=True)
class Ranked:
    label: str
    type: str
    score: float


def ranking(
    source: Source, by: str = "degree", type_: str | None = None, top: int = 10, lang: str = "zh"
) -> list[Ranked]:
    """The `top` most central entities (of the class `type_`, as people type it) by `by`."""
    graph = to_networkx(source)
    cls = class_name(type_) if type_ is not None else None
    return [Ranked(node_label(graph, n, lang), graph.nodes[n]["type"], score) for n, score in rank(graph, by, cls, top)]
