"""The facts a report is made of: those of its part of the graph with their quotes, read once,
and what a report asks of them (an entity's zones, honours with years, figures, investment, status).

Membership of chains is not decided here: `kg.chain.members_of` is the one definition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.bindings import with_rows
from kg.chain import Quote, refuse_circles
from kg.graph import node_rows
from kg.labels import CHUNK, label
from kg.money import yuan_text
from kg.namespaces import ZKG, short
from kg.resources import internal_query
from kg.sparql import Row, Source, in_one_order, run


@dataclass(frozen=True)
class Figure:
    """An indicator as the text gives it: metric, value and unit (or a rank), qualifier, year."""

    metric: str
    value: Decimal | None
    unit: str
    qualifier: str | None
    rank: int | None
    year: int | None
    quotes: tuple[Quote, ...] = ()

    def shown(self) -> str:
        """'超过 1043.7亿元', '第29位', '99家'."""
        if self.rank is not None:
            return f"第{self.rank}位"
        if self.value is None:
            return ""
        amount = yuan_text(self.value) if self.unit == "元" else f"{format(self.value.normalize(), 'f')}{self.unit}"
        return f"{self.qualifier} {amount}" if self.qualifier else amount


@dataclass(frozen=True)
class Award:
    honour: str
    year: int | None
    quotes: tuple[Quote, ...] = ()


@dataclass
class Facts:
    """Every fact as subject → predicate → object → its quotes, and the labels of the entities."""

    source: Source
    lang: str
    labels: dict[Node, str]
    types: dict[Node, URIRef]
    facts: dict[Node, dict[Node, dict[Node, list[Quote]]]] = field(default_factory=dict)
    _term_labels: dict[Node, str] = field(default_factory=dict)
    _subjects: dict[tuple[Node, Node], list[Node]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for subject, by_predicate in sorted(self.facts.items(), key=lambda item: str(item[0])):
            for predicate, by_object in by_predicate.items():
                for obj in by_object:
                    self._subjects.setdefault((predicate, obj), []).append(subject)
        chains = (c for c, cls in self.types.items() if cls == ZKG.IndustryChain)
        refuse_circles({chain: self.objects(chain, SKOS.broader) for chain in chains}, self.label)

    def objects(self, subject: Node, predicate: URIRef) -> list[Node]:
        return list(self.facts.get(subject, {}).get(predicate, {}))

    def value(self, subject: Node, predicate: URIRef) -> Node | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def quotes(self, subject: Node, predicate: URIRef, obj: Node | None = None) -> list[Quote]:
        """The quotes behind one fact, or behind every fact of `subject` with `predicate`."""
        by_object = self.facts.get(subject, {}).get(predicate, {})
        found = by_object.get(obj, []) if obj is not None else [q for qs in by_object.values() for q in qs]
        return list(dict.fromkeys(found))

    def subjects(self, predicate: URIRef, obj: Node) -> list[Node]:
        return list(self._subjects.get((predicate, obj), []))

    def label(self, term: Node | None) -> str:
        """An entity's or a vocabulary term's label in the report's language."""
        if term is None:
            return ""
        if term in self.labels:
            return self.labels[term]
        if term not in self._term_labels:
            found = label(self.source, term, self.lang)
            self._term_labels[term] = str(found) if found is not None else short(str(term))
        return self._term_labels[term]

    def of_class(self, cls: URIRef) -> list[Node]:
        """The entities of a class, by label."""
        return sorted((e for e, t in self.types.items() if t == cls), key=lambda e: (self.labels[e], str(e)))

    def zones(self, entity: Node) -> list[Node]:
        """The zones the entity is in, directly or through the platforms and zones it is in."""
        found, seen, todo = [], set(), [entity]
        while todo:
            for place in self.objects(todo.pop(0), ZKG.locatedIn):
                if place in seen:
                    continue
                seen.add(place)
                if self.types.get(place) == ZKG.Zone:
                    found.append(place)
                todo.append(place)
        return found

    def inside(self, zone: Node) -> set[Node]:
        """Everything located in the zone, directly or through what is located in it."""
        return self._subjects_reaching(zone, ZKG.locatedIn)

    def zone_labels(self, entity: Node) -> str:
        return "、".join(self.label(z) for z in self.zones(entity))

    def narrower(self, chain: Node) -> list[Node]:
        """The chains directly narrower than `chain`, by label."""
        return sorted(self.subjects(SKOS.broader, chain), key=lambda c: self.label(c))

    def walk_chains(self, chain: Node, into: Callable[[Node], object] | None = None) -> Iterator[tuple[int, Node]]:
        """(depth, chain) for the chain and its narrower chains, depth first, by label; the narrower
        chains of one for which `into` gives a false value (no members, say) are left out. Without recursion: a hierarchy may be
        thousands of levels deep (its circles were refused when the facts were read)."""
        stack = [(0, chain)]
        while stack:
            depth, node = stack.pop()
            yield depth, node
            if into is None or into(node):
                stack.extend((depth + 1, child) for child in reversed(self.narrower(node)))

    def below(self, chain: Node) -> set[Node]:
        """The chain and every chain narrower than it, at any depth."""
        return {chain} | self._subjects_reaching(chain, SKOS.broader)

    def _subjects_reaching(self, target: Node, predicate: URIRef) -> set[Node]:
        """Every node that reaches `target` by a path of `predicate` links (without recursion)."""
        found: set[Node] = set()
        todo = [target]
        while todo:
            for subject in self.subjects(predicate, todo.pop()):
                if subject not in found:
                    found.add(subject)
                    todo.append(subject)
        return found

    def investment(self, entity: Node) -> tuple[Decimal | None, str | None]:
        """Total investment in yuan and its qualifier's label (超过, 约, 预计), if the text gives one."""
        amount = self.value(entity, ZKG.totalInvestment)
        qualifier = self.value(entity, ZKG.valueQualifier)
        return (
            Decimal(str(amount)) if amount is not None else None,
            self.label(qualifier) if qualifier is not None and amount is not None else None,
        )

    def year(self, entity: Node, predicate: URIRef) -> int | None:
        found = self.value(entity, predicate)
        return int(found) if isinstance(found, Literal) else None

    def awards(self, entity: Node) -> list[Award]:
        """The entity's honours, each with its year where the text dates it; by year, then name."""
        dated = {}
        for node in self.objects(entity, ZKG.honorAward):
            honour = self.value(node, ZKG.honor)
            if honour is not None:
                dated[honour] = (self.year(node, ZKG.year), self.quotes(entity, ZKG.honorAward, node))
        awards = [
            Award(
                self.label(h),
                dated.get(h, (None, []))[0],
                tuple(dict.fromkeys(self.quotes(entity, ZKG.hasHonor, h) + dated.get(h, (None, []))[1])),
            )
            for h in self.objects(entity, ZKG.hasHonor)
        ]
        return sorted(awards, key=lambda a: (a.year is None, a.year or 0, a.honour))

    def figures(self, entity: Node) -> list[Figure]:
        """The entity's indicators, by metric and year."""
        found = []
        for node in self.objects(entity, ZKG.hasIndicator):
            value = self.value(node, ZKG.value)
            rank = self.value(node, ZKG.rank)
            qualifier = self.value(node, ZKG.valueQualifier)
            found.append(
                Figure(
                    str(self.value(node, ZKG.metric) or ""),
                    Decimal(str(value)) if value is not None else None,
                    str(self.value(node, ZKG.unit) or ""),
                    self.label(qualifier) if qualifier is not None else None,
                    int(str(rank)) if rank is not None else None,
                    self.year(node, ZKG.year),
                    tuple(self.quotes(entity, ZKG.hasIndicator, node)),
                )
            )
        return sorted(found, key=lambda f: (f.metric, f.year or 0, f.shown()))


PLACING = (ZKG.locatedIn, ZKG.hasIndicator, ZKG.honorAward, ZKG.cooperatesWith)
"""The links whose far end a report reads the facts of too: the places an entity is in, its
indicators, its dated awards and its partners."""


def read_facts(source: Source, about: Collection[Node], lang: str = "zh") -> Facts:
    """The facts a report on the entities `about` reads, with their quotes, and the labels of
    every entity in `lang`: the facts of these entities, of what is located in one of them or is
    in one as a chain (report-part.rq) and of every chain, then of the places, indicators, awards
    and partners all these lead to and of what cooperates with any of them. A report on one zone
    of a province thus reads its part of the graph, not every fact of the province."""
    labels: dict[Node, str] = {}
    types: dict[Node, URIRef] = {}
    by_class: dict[str, list[Node]] = defaultdict(list)
    for iri, name, zh, en in node_rows(source):
        entity = URIRef(iri)
        labels[entity] = zh if lang == "zh" else en
        by_class[name].append(entity)
    for name, entities in by_class.items():
        types.update(dict.fromkeys(entities, ZKG[name]))
    near = {row["node"] for row in _rows_about(source, "report-part.rq", "seed", set(about))}
    return Facts(source, lang, labels, types, _facts_of(source, set(about) | set(by_class["IndustryChain"]) | near))


def _facts_of(source: Source, entities: set[Node]) -> dict[Node, dict[Node, dict[Node, list[Quote]]]]:
    """The facts of the entities, of the places, indicators, awards and partners these lead to
    and of what cooperates with any of them (followed until none is new), each with its quotes
    by source."""
    facts: dict[Node, dict[Node, dict[Node, list[Quote]]]] = defaultdict(lambda: defaultdict(dict))
    todo, read = entities, set()
    while todo:
        _add_facts(facts, _rows_about(source, "report-facts.rq", "subject", todo))
        read |= todo
        led_to = {o for s in todo for p in PLACING for o in facts.get(s, {}).get(p, {})}
        partners = {row["node"] for row in _rows_about(source, "report-partners.rq", "seed", todo)}
        todo = (led_to | partners) - read
    for by_predicate in facts.values():
        for by_object in by_predicate.values():
            for quotes in by_object.values():
                quotes.sort(key=lambda q: (q.source, q.text))
    return {s: dict(p) for s, p in facts.items()}


def _add_facts(facts: dict[Node, dict[Node, dict[Node, list[Quote]]]], rows: list[Row]) -> None:
    for row in rows:
        quotes = facts[row["subject"]][row["predicate"]].setdefault(row["object"], [])
        if row["quote"] is not None:
            quote = Quote.of_row(row)
            if quote not in quotes:
                quotes.append(quote)


def _rows_about(source: Source, name: str, variable: str, entities: set[Node]) -> list[Row]:
    """Rows of an internal query asked of many entities at once (a VALUES block on `variable`),
    in chunks an endpoint accepts, in one order (`in_one_order`)."""
    rows = [[entity] for entity in sorted(entities, key=str)]
    found: list[Row] = []
    for start in range(0, len(rows), CHUNK):
        found += run(source, with_rows(internal_query(name), [variable], rows[start : start + CHUNK]), own=True).rows
    return in_one_order(found)
