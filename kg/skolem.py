"""Stable IRIs for blank nodes, derived from what the data says about them.

Authors write figures and dated awards as blank nodes (`[ a zkg:Indicator ; … ]`); a user's
`--data` may hold blank nodes of any shape. Parsers give them random labels, so exports,
pushes and query answers would differ run to run. At load time every blank node becomes an
IRI under `id:` named for its class and a hash of its content: the quads it takes part in,
the other blank nodes among them described by their own content in turn (colour refinement,
so cycles are handled). `id:indicator-…` for a zkg:Indicator, `id:honor-award-…` for a
zkg:HonorAward, `id:genid-…` otherwise.

Each group of linked blank nodes is hashed on its own, so a node's IRI depends only on what
the data says around it. Blank nodes that the data cannot tell apart (the same content in the
same place) are told apart one at a time, so the result is the same whichever of them the
parser met first: the skolemised dataset is isomorphic to the parsed one, whatever the labels.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.namespaces import ID

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_POSITIONS = ("s", "p", "o", "g")
_HASH_CHARS = 16


def has_blank(quad: ox.Quad) -> bool:
    return any(isinstance(t, ox.BlankNode) for t in (quad.subject, quad.object, quad.graph_name))


def skolem_iris(
    quads: Iterable[ox.Quad], keep_blank_in: ox.NamedNode | None = None
) -> dict[ox.BlankNode, ox.NamedNode | ox.BlankNode]:
    """A stable IRI for every blank node of the quads (only the quads with blank nodes matter).

    Blank nodes found only in the graph `keep_blank_in` (the ontology, whose class expressions
    and lists OWL wants blank) stay blank nodes, with a stable label (`b` and the hash)."""
    mentions: dict[ox.BlankNode, list[tuple[str, ox.Quad]]] = defaultdict(list)
    for quad in quads:
        for position, term in zip(
            _POSITIONS, (quad.subject, quad.predicate, quad.object, quad.graph_name), strict=True
        ):
            if isinstance(term, ox.BlankNode):
                mentions[term].append((position, quad))
    colours: dict[ox.BlankNode, str] = {}
    alike: dict[tuple[str, ...], list[dict[ox.BlankNode, str]]] = defaultdict(list)
    for component in _components(mentions):
        coloured = _canonical_colours({node: mentions[node] for node in component})
        alike[tuple(sorted(coloured.values()))].append(coloured)
    for same in alike.values():
        for index, coloured in enumerate(same):
            suffix = f"#{index}" if len(same) > 1 else ""
            colours.update({node: _digest(colour + suffix) if suffix else colour for node, colour in coloured.items()})
    return {
        node: _stable_term(node, found, colours[node][:_HASH_CHARS], keep_blank_in) for node, found in mentions.items()
    }


def _components(mentions: dict[ox.BlankNode, list[tuple[str, ox.Quad]]]) -> list[list[ox.BlankNode]]:
    """The blank nodes grouped by the quads that link them: each group is hashed on its own, so
    a node's IRI depends on its own neighbourhood only."""
    parent = {node: node for node in mentions}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for node, found in mentions.items():
        for _, quad in found:
            for other in (quad.subject, quad.object, quad.graph_name):
                if isinstance(other, ox.BlankNode):
                    parent[root(other)] = root(node)
    groups: dict[ox.BlankNode, list[ox.BlankNode]] = defaultdict(list)
    for node in mentions:
        groups[root(node)].append(node)
    return list(groups.values())


def _canonical_colours(mentions: dict[ox.BlankNode, list[tuple[str, ox.Quad]]]) -> dict[ox.BlankNode, str]:
    """Colours that tell apart every node of one connected group: refinement, then nodes still
    alike told apart one at a time (alike nodes are interchangeable, so which goes first does
    not change the result)."""
    colours = _refine(mentions, dict.fromkeys(mentions, ""))
    while (tied := _smallest_tie(colours)) is not None:
        colours[tied[0]] = _digest(colours[tied[0]] + "!")
        colours = _refine(mentions, colours)
    return colours


def _stable_term(
    node: ox.BlankNode, found: list[tuple[str, ox.Quad]], digest: str, keep_blank_in: ox.NamedNode | None
) -> ox.NamedNode | ox.BlankNode:
    if keep_blank_in is not None and all(q.graph_name == keep_blank_in for _, q in found):
        return ox.BlankNode(f"b{digest}")
    return ox.NamedNode(f"{ID}{_kind(node, found)}-{digest}")


def skolemised(quad: ox.Quad, iris: dict[ox.BlankNode, ox.NamedNode | ox.BlankNode]) -> ox.Quad:
    def term(value: Any) -> Any:
        return iris[value] if isinstance(value, ox.BlankNode) else value

    return ox.Quad(term(quad.subject), quad.predicate, term(quad.object), term(quad.graph_name))


def _refine(
    mentions: dict[ox.BlankNode, list[tuple[str, ox.Quad]]], colours: dict[ox.BlankNode, str]
) -> dict[ox.BlankNode, str]:
    """Recolour each node from its quads and its neighbours' colours until the partition is stable."""
    classes = len(set(colours.values()))
    for _ in range(len(colours) + 1):
        colours = {
            node: _digest("\n".join([colours[node], *sorted(_signature(node, p, q, colours) for p, q in found)]))
            for node, found in mentions.items()
        }
        if len(set(colours.values())) == classes:
            return colours
        classes = len(set(colours.values()))
    return colours


def _signature(node: ox.BlankNode, position: str, quad: ox.Quad, colours: dict[ox.BlankNode, str]) -> str:
    def text(term: object) -> str:
        if term == node:
            return "@"
        if isinstance(term, ox.BlankNode):
            return f"_:{colours[term]}"
        return "" if isinstance(term, ox.DefaultGraph) else str(term)

    return " ".join([position, *(text(t) for t in (quad.subject, quad.predicate, quad.object, quad.graph_name))])


def _smallest_tie(colours: dict[ox.BlankNode, str]) -> list[ox.BlankNode] | None:
    groups: dict[str, list[ox.BlankNode]] = defaultdict(list)
    for node, colour in colours.items():
        groups[colour].append(node)
    tied = sorted(colour for colour, nodes in groups.items() if len(nodes) > 1)
    return groups[tied[0]] if tied else None


def _kind(node: ox.BlankNode, found: list[tuple[str, ox.Quad]]) -> str:
    """`indicator`, `honor-award`, …: the node's class in lower-case words, or `genid`."""
    types = sorted(
        q.object.value for p, q in found if p == "s" and q.predicate == RDF_TYPE and isinstance(q.object, ox.NamedNode)
    )
    if not types:
        return "genid"
    local = re.split(r"[#/]", types[0])[-1]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", local).lower()
    return re.sub(r"[^a-z0-9-]", "", words) or "genid"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
