"""Industrial chains: who belongs to a chain (and its narrower chains), by zone; the chain tree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.labels import label, with_labels
from kg.named import run_named
from kg.names import resolve
from kg.namespaces import ZKG, short
from kg.sparql import Answer, Source, internal_rows
from kg.terms import shown


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
    chain_iri, answer = _members_answer(source, chain, zone, lang)
    members: dict[tuple[Node | None, Node | None], Member] = {}
    for row in answer.rows:
        key = (row["member"], row["memberZone"])
        if key not in members:
            zone_label = shown(row["memberZone"], row["memberZoneLabel"]) if row["memberZone"] else None
            members[key] = Member(
                row["member"],
                shown(row["member"], row["memberLabel"]),
                shown(row["type"], row["typeLabel"]),
                row["memberZone"],
                zone_label,
            )
        member = members[key]
        chain_label = shown(row["memberChain"], row["memberChainLabel"])
        if chain_label not in member.chain_labels:
            member.chain_labels.append(chain_label)
        if row["quote"] is not None:
            quote = (str(row["quote"]), short(str(row["source"])))
            if quote not in member.quotes:
                member.quotes.append(quote)
    return ChainMembers(chain_iri, shown(chain_iri, label(source, chain_iri, lang)), list(members.values()))


def chain_answer(source: Source, chain: str, zone: str | None = None, lang: str = "zh") -> Answer:
    """The rows behind `chain_members`, with labels beside their IRIs: for JSON and CSV."""
    return with_labels(source, _members_answer(source, chain, zone, lang)[1], lang)


def _members_answer(source: Source, chain: str, zone: str | None, lang: str) -> tuple[URIRef, Answer]:
    chain_iri = resolve(source, chain, ZKG.IndustryChain)
    values = {"chain": chain_iri, "lang": lang} | ({"zone": zone} if zone else {})
    return chain_iri, run_named(source, "chain-members", values)


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
        chain = row["chain"]
        node = nodes.setdefault(chain, ChainNode(chain, shown(chain, row["chainLabel"]), set()))
        if row["member"] is not None:
            node.direct.add(row["member"])
        if row["broader"] is not None:
            parents[chain] = row["broader"]
    roots: list[ChainNode] = []
    for chain, node in nodes.items():
        parent = nodes.get(parents.get(chain))  # type: ignore[arg-type]
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: n.label)
    return sorted(roots, key=lambda n: n.label)
