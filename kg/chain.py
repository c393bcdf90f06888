"""Industrial chains: who belongs to a chain (and its narrower chains), by zone; the chain tree."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.namespaces import ZKG, short
from kg.query import Answer, Source, internal_rows, label, run_named


@dataclass
class Member:
    member: Node
    label: str
    type_label: str
    zone: Node | None
    zone_label: str | None
    chain_labels: list[str] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ChainMembers:
    chain: URIRef
    label: str
    answer: Answer
    members: list[Member]

    def distinct_members(self) -> int:
        return len({m.member for m in self.members})

    def by_zone(self) -> dict[str | None, list[Member]]:
        """Members grouped by zone label; members in no zone under None, last."""
        groups: dict[str | None, list[Member]] = defaultdict(list)
        for member in self.members:
            groups[member.zone_label].append(member)
        return dict(sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or "")))


def chain_members(source: Source, chain: str, zone: str | None = None, lang: str = "zh") -> ChainMembers:
    """Every member of the chain named `chain` and of its narrower chains, each with its quotes."""
    from kg.names import resolve

    chain_iri = resolve(source, chain, ZKG.IndustryChain)
    values = {"chain": chain_iri, "lang": lang} | ({"zone": zone} if zone else {})
    answer = run_named(source, "chain-members", values)
    members: dict[tuple, Member] = {}
    for row in answer.rows:
        key = (row["member"], row["memberZone"])
        if key not in members:
            members[key] = Member(
                row["member"], _text(row["memberLabel"], row["member"]), _text(row["typeLabel"], row["type"]),
                row["memberZone"], _text(row["memberZoneLabel"], row["memberZone"]) if row["memberZone"] else None,
            )
        member = members[key]
        chain_label = _text(row["memberChainLabel"], row["memberChain"])
        if chain_label not in member.chain_labels:
            member.chain_labels.append(chain_label)
        quote = (str(row["quote"]), short(str(row["source"]))) if row["quote"] is not None else None
        if quote and quote not in member.quotes:
            member.quotes.append(quote)
    return ChainMembers(chain_iri, _text(label(source, chain_iri, lang), chain_iri), answer, list(members.values()))


def _text(value: Node | None, fallback: Node | None) -> str:
    return str(value) if value is not None else short(str(fallback))


@dataclass
class ChainNode:
    chain: URIRef
    label: str
    direct: set[Node]
    children: list[ChainNode] = field(default_factory=list)

    def members(self) -> set[Node]:
        """Members of this chain and of every narrower chain."""
        found = set(self.direct)
        for child in self.children:
            found |= child.members()
        return found


def chain_tree(source: Source, lang: str = "zh") -> list[ChainNode]:
    """The chain hierarchy as a forest of top-level chains, children sorted by label."""
    nodes: dict[Node, ChainNode] = {}
    parents: dict[Node, Node] = {}
    for row in internal_rows(source, "chain-tree.rq", lang=Literal(lang)):
        node = nodes.setdefault(row["chain"], ChainNode(row["chain"], _text(row["chainLabel"], row["chain"]), set()))
        if row["member"] is not None:
            node.direct.add(row["member"])
        if row["broader"] is not None:
            parents[row["chain"]] = row["broader"]
    roots = []
    for chain, node in nodes.items():
        parent = nodes.get(parents.get(chain))
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: n.label)
    return sorted(roots, key=lambda n: n.label)
