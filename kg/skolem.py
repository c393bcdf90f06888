"""Stable IRIs for blank nodes, derived from what the data says about them.

Authors write figures and dated awards as blank nodes (`[ a zkg:Indicator ; … ]`); a user's
`--data` may hold blank nodes of any shape. Parsers give them random labels, so exports,
pushes and query answers would differ run to run. At load time every blank node becomes an
IRI under `id:` named for its class and a hash of its content: the quads it takes part in,
the other blank nodes among them described by their own content in turn. `id:indicator-…`
for a zkg:Indicator, `id:honor-award-…` for a zkg:HonorAward, `id:genid-…` otherwise.

Each group of linked blank nodes is hashed on its own, so a node's IRI depends only on what
the data says around it. A blank node "holds" the blank nodes below it in a quad (the graph
holds its subject and object, the subject its object). The usual shapes take time linear in
the quads, however deep the nesting: a tree (`[ … [ … ] ]`, RDF lists) is hashed bottom-up
(each node from its quads and its children's hashes), then top-down (each node with its
parent's final hash); a simple ring (`_:a :p _:b . _:b :p _:a`) is read from its least
rotation. Any other shape falls back to colour refinement, with the nodes still alike told
apart one at a time. Blank nodes that the data cannot tell apart (the same content in the
same place) are told apart deterministically, so the result is the same whichever of them
the parser met first: the skolemised dataset is isomorphic to the parsed one, whatever the
labels.
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
_RANK = {"g": 2, "s": 1, "o": 0}
_HASH_CHARS = 16
_Mentions = dict[ox.BlankNode, list[tuple[str, ox.Quad]]]


def has_blank(quad: ox.Quad) -> bool:
    return (
        isinstance(quad.subject, ox.BlankNode)
        or isinstance(quad.object, ox.BlankNode)
        or isinstance(quad.graph_name, ox.BlankNode)
    )


def skolem_iris(
    quads: Iterable[ox.Quad], keep_blank_in: ox.NamedNode | None = None
) -> dict[ox.BlankNode, ox.NamedNode | ox.BlankNode]:
    """A stable IRI for every blank node of the quads (only the quads with blank nodes matter).

    Blank nodes found only in the graph `keep_blank_in` (the ontology, whose class expressions
    and lists OWL wants blank) stay blank nodes, with a stable label (`b` and the hash)."""
    mentions: dict[ox.BlankNode, list[tuple[str, ox.Quad]]] = defaultdict(list)
    for quad in quads:
        for position, term in _blank_places(quad):
            mentions[term].append((position, quad))
    colours: dict[ox.BlankNode, str] = {}
    alike: dict[tuple[str, ...], list[dict[ox.BlankNode, str]]] = defaultdict(list)
    for component in _components(mentions):
        coloured = _component_colours({node: mentions[node] for node in component})
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


def _component_colours(mentions: _Mentions) -> dict[ox.BlankNode, str]:
    """Colours that tell apart every node of one connected group, the same whatever the labels."""
    above, below = _links(mentions)
    if all(len(nodes) <= 1 for nodes in above.values()):
        order = _top_down_order(above, below)
        if order is not None:
            return _tree_colours(mentions, order, below)
        if all(len(nodes) == 1 for nodes in below.values()):
            return _ring_colours(mentions, below)
    return _canonical_colours(mentions)


def _links(mentions: _Mentions) -> tuple[dict[ox.BlankNode, set[ox.BlankNode]], dict[ox.BlankNode, set[ox.BlankNode]]]:
    """For each node, the blank nodes that hold it and the blank nodes it holds (a node in a
    quad with itself in two places is both)."""
    above: dict[ox.BlankNode, set[ox.BlankNode]] = {node: set() for node in mentions}
    below: dict[ox.BlankNode, set[ox.BlankNode]] = {node: set() for node in mentions}
    for node, found in mentions.items():
        for position, quad in found:
            for other_position, other in _blank_places(quad):
                if _RANK[other_position] > _RANK[position]:
                    above[node].add(other)
                elif _RANK[other_position] < _RANK[position]:
                    below[node].add(other)
    return above, below


def _blank_places(quad: ox.Quad) -> list[tuple[str, ox.BlankNode]]:
    return [
        (position, term)
        for position, term in (("s", quad.subject), ("o", quad.object), ("g", quad.graph_name))
        if isinstance(term, ox.BlankNode)
    ]


def _top_down_order(
    above: dict[ox.BlankNode, set[ox.BlankNode]], below: dict[ox.BlankNode, set[ox.BlankNode]]
) -> list[ox.BlankNode] | None:
    """The nodes of a tree, each after the node holding it; None if the group is no tree."""
    roots = [node for node, nodes in above.items() if not nodes]
    if len(roots) != 1:
        return None
    order = roots
    for node in order:
        order.extend(below[node])
    return order if len(order) == len(above) else None


def _tree_colours(
    mentions: _Mentions,
    order: list[ox.BlankNode],
    below: dict[ox.BlankNode, set[ox.BlankNode]],
) -> dict[ox.BlankNode, str]:
    """Bottom-up, each node's hash from its quads with the hashes of the nodes it holds ("^"
    for the node holding it); top-down, each node's final hash from that and its holder's final
    hash. Twins (alike children of one node) are numbered: swapping them changes nothing."""
    content: dict[ox.BlankNode, str] = {}
    for node in reversed(order):
        content[node] = _digest("\n".join(sorted(_signature(node, p, q, content, "^") for p, q in mentions[node])))
    colours = {order[0]: content[order[0]]}
    for node in order:
        twins: dict[str, int] = defaultdict(int)
        for child in below[node]:
            colour = _digest(f"{content[child]}<{colours[node]}")
            colours[child] = _digest(f"{colour}#{twins[colour]}")
            twins[colour] += 1
    return colours


def _ring_colours(mentions: _Mentions, below: dict[ox.BlankNode, set[ox.BlankNode]]) -> dict[ox.BlankNode, str]:
    """A ring, each node holding the next: each node's content with "^" for the previous node
    and "v" for the next, read from the least rotation; each node is named for the ring and its
    place in it (places alike in a symmetric ring are interchangeable)."""
    ring = [next(iter(mentions))]
    while len(ring) < len(mentions):
        ring.append(next(iter(below[ring[-1]])))
    placeholders = dict.fromkeys(mentions, "v")
    content = [
        _digest("\n".join(sorted(_signature(node, p, q, placeholders, "^") for p, q in mentions[node])))
        for node in ring
    ]
    start = _least_rotation(content)
    ring, content = ring[start:] + ring[:start], content[start:] + content[:start]
    whole = _digest("\n".join(content))
    return {node: _digest(f"{whole}@{index}") for index, node in enumerate(ring)}


def _least_rotation(items: list[str]) -> int:
    """Where the lexicographically least rotation of `items` starts (linear time)."""
    size = len(items)
    first, second, offset = 0, 1, 0
    while first < size and second < size and offset < size:
        a, b = items[(first + offset) % size], items[(second + offset) % size]
        if a == b:
            offset += 1
            continue
        if a > b:
            first += offset + 1
        else:
            second += offset + 1
        if first == second:
            second += 1
        offset = 0
    return min(first, second)


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


def _signature(
    node: ox.BlankNode, position: str, quad: ox.Quad, colours: dict[ox.BlankNode, str], holder: str | None = None
) -> str:
    """The quad as seen from `node` at `position`: "@" for the node, other blank nodes by their
    colour, or by `holder` if given and they hold the node in this quad."""
    rank = _RANK[position]
    texts = [position]
    for term_position, term in (
        ("s", quad.subject),
        ("p", quad.predicate),
        ("o", quad.object),
        ("g", quad.graph_name),
    ):
        if not isinstance(term, ox.BlankNode):
            texts.append("" if isinstance(term, ox.DefaultGraph) else str(term))
        elif term == node:
            texts.append("@")
        elif holder is not None and _RANK.get(term_position, -1) > rank:
            texts.append(holder)
        else:
            texts.append(f"_:{colours[term]}")
    return " ".join(texts)


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
