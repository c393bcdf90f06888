"""Industrial chains: who belongs to a chain (and its narrower chains), by zone; the chain tree.

The *members* of a chain, everywhere in kg (`kg chain`, `kg chains`, the reports, the page):
the enterprises, projects and platforms in the chain or in any chain narrower than it, each
counted once. A chain with two broader chains counts under both. A zone that names the chain
among its industries serves it but is not a member.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.classes import class_name
from kg.errors import BadValue, DataFileError
from kg.hierarchy import broader_cycles
from kg.labels import label, label_text
from kg.named import run_named
from kg.names import resolve
from kg.namespaces import ZKG, short
from kg.sparql import Row, Source, in_one_order, internal_rows
from kg.terms import optional_text, shown

MEMBER_CLASSES = (ZKG.Enterprise, ZKG.Project, ZKG.Platform)


def member_classes(names: Iterable[str]) -> tuple[URIRef, ...]:
    """The member classes named as people type them ('enterprise', 'Project'); all when none."""
    chosen = tuple(ZKG[class_name(name)] for name in names)
    for cls in chosen:
        if cls not in MEMBER_CLASSES:
            raise BadValue(
                f"a chain has no members of the class {class_name(cls.removeprefix(str(ZKG)))}: "
                "its members are enterprises, projects and platforms (Enterprise, Project, Platform)"
            )
    return chosen or MEMBER_CLASSES


@dataclass(frozen=True)
class Quote:
    """A verbatim quote with its source: the article's IRI, title and year."""

    text: str
    source: str
    title: str | None
    year: int | None

    @classmethod
    def of_row(cls, row: Row) -> Quote:
        """The quote of a query row with `quote`, `source`, `title` and `year` columns."""
        year = row["year"]
        return cls(
            str(row["quote"]), str(row["source"]), optional_text(row["title"]), int(year) if year is not None else None
        )

    def cited(self) -> str:
        """'title (year)', as a reader cites the article."""
        title = self.title or short(self.source)
        return f"{title} ({self.year})" if self.year is not None else title


@dataclass
class Member:
    member: Node
    label: str
    type: str
    type_label: str
    zone: Node | None
    zone_label: str | None
    chain_labels: list[str] = field(default_factory=list)
    investment: Decimal | None = None
    qualifier: str | None = None
    status: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    chains: list[Node] = field(default_factory=list)


@dataclass
class ChainMembers:
    chain: Node
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

    def by_member(self) -> list[Member]:
        """One entry per member: its zones joined (、), chains and quotes merged, in listing order."""
        merged: dict[Node, Member] = {}
        for m in (m for members in self.by_zone().values() for m in members):
            if m.member not in merged:
                merged[m.member] = replace(
                    m, chain_labels=list(m.chain_labels), quotes=list(m.quotes), chains=list(m.chains)
                )
                continue
            into = merged[m.member]
            if m.zone_label and m.zone_label not in (into.zone_label or "").split("、"):
                into.zone_label = "、".join(filter(None, [into.zone_label, m.zone_label]))
            into.chain_labels += [c for c in m.chain_labels if c not in into.chain_labels]
            into.chains += [c for c in m.chains if c not in into.chains]
            into.quotes += [q for q in m.quotes if q not in into.quotes]
        return list(merged.values())

    def within(self, chain: Node, chains: set[Node], label: str) -> ChainMembers:
        """The members of `chain`, a chain below this one whose narrower chains (itself
        included) are `chains`: those of these members that are in any of them."""
        return ChainMembers(chain, label, [m for m in self.members if chains & set(m.chains)])


def chain_members(
    source: Source, chain: str, zone: str | None = None, lang: str = "zh", types: tuple[URIRef, ...] = MEMBER_CLASSES
) -> ChainMembers:
    """Every member of the chain named `chain` and of its narrower chains, each with its quotes;
    only those in `zone` and of the classes `types`, when given."""
    chain_iri = resolve(source, chain, ZKG.IndustryChain)
    zone_iri = resolve(source, zone, ZKG.Zone) if zone else None
    return members_of(source, chain_iri, zone_iri, lang, types)


def members_of(
    source: Source,
    chain: Node,
    zone: Node | None = None,
    lang: str = "zh",
    types: tuple[URIRef, ...] = MEMBER_CLASSES,
) -> ChainMembers:
    """`chain_members` for a chain (and zone) given by IRI.

    The zone narrows the chain's rows here rather than in the query (the rows the query's zone
    parameter keeps are those whose member zone it is): the listing of a chain is then one
    query whatever the zone, which an index keeps for a large chain."""
    rows = [
        row
        for row in run_named(source, "chain-members", {"chain": chain, "lang": lang}).rows
        if row["type"] in types and (zone is None or row["memberZone"] == zone)
    ]
    figures = member_figures(source, chain, lang)
    members: dict[tuple[Node, Node | None], Member] = {}
    for row in rows:
        key = (row["member"], row["memberZone"])
        if key not in members:
            members[key] = _member(row, figures.get(row["member"], Figures()))
        member = members[key]
        if row["memberChain"] not in member.chains:
            member.chains.append(row["memberChain"])
            member.chain_labels.append(shown(row["memberChain"], row["memberChainLabel"]))
        if row["quote"] is not None:
            quote = Quote.of_row(row)
            if quote not in member.quotes:
                member.quotes.append(quote)
    return ChainMembers(chain, shown(chain, label(source, chain, lang)), list(members.values()))


@dataclass
class Figures:
    """A member's total investment in yuan, its qualifier (超过, 约, 预计) and its status, as labels."""

    investment: Decimal | None = None
    qualifier: str | None = None
    status: str | None = None


def member_figures(source: Source, chain: Node, lang: str = "zh") -> dict[Node, Figures]:
    """The figures of the chain's members that have any (a query of its own: joined into
    chain-members, some stores answer with duplicate rows)."""
    found: dict[Node, Figures] = {}
    labels: dict[Node, str] = {}

    def labelled(term: Node) -> str:
        """A qualifier's or status's label, looked up once: a few of them, over and over."""
        if term not in labels:
            labels[term] = label_text(source, term, lang)
        return labels[term]

    for row in in_one_order(internal_rows(source, "chain-member-figures.rq", chain=chain)):
        figures = found.setdefault(row["member"], Figures())
        if row["investment"] is not None:
            figures.investment = Decimal(str(row["investment"]))
        if row["qualifier"] is not None:
            figures.qualifier = labelled(row["qualifier"])
        if row["status"] is not None:
            figures.status = labelled(row["status"])
    return found


def _member(row: Row, figures: Figures) -> Member:
    return Member(
        row["member"],
        shown(row["member"], row["memberLabel"]),
        short(str(row["type"])).removeprefix("zkg:"),
        shown(row["type"], row["typeLabel"]),
        row["memberZone"],
        shown(row["memberZone"], row["memberZoneLabel"]) if row["memberZone"] else None,
        investment=figures.investment,
        qualifier=figures.qualifier,
        status=figures.status,
    )


@dataclass
class ChainNode:
    chain: URIRef
    label: str
    direct: set[Node]
    children: list[ChainNode] = field(default_factory=list)

    def members(self) -> set[Node]:
        """Members of this chain and of every narrower chain."""
        found: set[Node] = set()
        for _, node in self.walk():
            found |= node.direct
        return found

    def walk(self, depth: int = 0) -> Iterator[tuple[int, ChainNode]]:
        """(depth, node) for this chain and every narrower one, depth first; without recursion,
        for a hierarchy may be thousands of levels deep."""
        stack = [(depth, self)]
        while stack:
            level, node = stack.pop()
            yield level, node
            stack.extend((level + 1, child) for child in reversed(node.children))


def refuse_circles(broader: Mapping[Node, Iterable[Node]], label: Callable[[Node], str]) -> None:
    """A `DataFileError` naming every circle the chains' skos:broader links go round, if any."""
    cycles = broader_cycles(broader)
    if cycles:
        circles = "; ".join(" → ".join(label(chain) for chain in [*cycle, cycle[0]]) for cycle in cycles)
        raise DataFileError(f"the industrial chains' skos:broader goes round in a circle: {circles}")


def chain_tree(source: Source, lang: str = "zh") -> list[ChainNode]:
    """The chain hierarchy as a forest of top-level chains, children sorted by label; a chain
    with several broader chains is a child of each.

    A hierarchy that goes round in a circle has no top for the chains in it: a `DataFileError`
    names them rather than leaving them out.
    """
    rows = internal_rows(source, "chain-tree.rq", lang=Literal(lang))
    labels: dict[Node, set[Node]] = defaultdict(set)  # a chain with two labels shows the first in code-point order
    for row in rows:
        if row["chainLabel"] is not None:
            labels[row["chain"]].add(row["chainLabel"])
    nodes: dict[Node, ChainNode] = {}
    parents: dict[Node, set[Node]] = defaultdict(set)
    for row in rows:
        chain = row["chain"]
        node = nodes.setdefault(chain, ChainNode(chain, shown(chain, min(labels[chain], key=str, default=None)), set()))
        if row["member"] is not None:
            node.direct.add(row["member"])
        if row["broader"] is not None:
            parents[row["chain"]].add(row["broader"])
    refuse_circles(
        {chain: {p for p in broader if p in nodes} for chain, broader in parents.items()}, lambda c: nodes[c].label
    )
    roots = []
    for chain, node in nodes.items():
        broader = [nodes[p] for p in parents[chain] if p in nodes]
        for parent in broader:
            parent.children.append(node)
        if not broader:
            roots.append(node)
    for node in nodes.values():
        node.children.sort(key=_tree_order)
    return sorted(roots, key=_tree_order)


def _tree_order(node: ChainNode) -> tuple[str, str]:
    return node.label, str(node.chain)
