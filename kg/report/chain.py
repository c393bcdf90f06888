"""The chain dossier (一链一图N清单): the chain's map across zones and its lists."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rdflib import URIRef
from rdflib.term import Node

from kg.chain import ChainMembers, Member, Quote, members_of
from kg.names import resolve
from kg.namespaces import ZKG
from kg.report.common import Count, counts_by_zone, zone_columns
from kg.report.data import Award, Facts, Figure, read_facts
from kg.sparql import Source


@dataclass
class MapRow:
    """One chain of the map (the chain itself or a narrower one) and its members per zone."""

    chain: str
    depth: int
    cells: dict[str, Count]
    gaps: list[str]


@dataclass
class EnterpriseRow:
    name: str
    zones: str
    chains: list[str]
    honours: list[Award]
    figures: list[Figure]
    quotes: list[Quote]


@dataclass
class ProjectRow:
    name: str
    zones: str
    chains: list[str]
    investment: Decimal | None
    qualifier: str | None
    status: str | None
    signed: int | None
    started: int | None
    producing: int | None
    investors: list[str]
    quotes: list[Quote]


@dataclass
class PlatformRow:
    name: str
    zones: str
    chains: list[str]
    leaders: list[str]
    investment: Decimal | None
    qualifier: str | None
    honours: list[Award]
    quotes: list[Quote]


@dataclass
class InstitutionRow:
    name: str
    zones: str
    partners: list[str]
    quotes: list[Quote]


@dataclass
class ChainDossier:
    chain: URIRef
    label: str
    lang: str
    members: int
    zones: list[str]
    serving_zones: list[str]
    no_zone: str
    map: list[MapRow]
    enterprises: list[EnterpriseRow]
    projects: list[ProjectRow]
    platforms: list[PlatformRow]
    institutions: list[InstitutionRow]


def chain_dossier(source: Source, name: str, lang: str = "zh") -> ChainDossier:
    """The dossier of the chain `name`: how many members each of its chains has in each zone
    (and where none), and one list per class of what is in it, each row with its quotes."""
    chain = resolve(source, name, ZKG.IndustryChain)
    members = members_of(source, chain, lang=lang)
    facts = read_facts(source, {chain} | {m.member for m in members.members}, lang)
    zones = zone_columns(facts)
    no_zone = "(no zone)" if lang == "en" else "（无所属园区）"
    merged = members.by_member()
    by_member = {m.member: m for m in merged}
    return ChainDossier(
        chain,
        facts.label(chain),
        lang,
        len(by_member),
        [facts.label(z) for z in zones],
        [facts.label(z) for z in facts.subjects(ZKG.inChain, chain) if facts.types.get(z) == ZKG.Zone],
        no_zone,
        chain_map(members, facts, zones, no_zone),
        [enterprise_row(facts, m, chains) for m, chains in _of_type(merged, facts, ZKG.Enterprise)],
        [project_row(facts, m, chains) for m, chains in _of_type(merged, facts, ZKG.Project)],
        [platform_row(facts, m, chains) for m, chains in _of_type(merged, facts, ZKG.Platform)],
        institution_rows(facts, set(by_member)),
    )


def chain_map(members: ChainMembers, facts: Facts, zones: list[Node], no_zone: str) -> list[MapRow]:
    """The chain and every narrower chain (depth first), with their members counted per zone."""
    rows = []
    for depth, node in facts.walk_chains(members.chain):
        counts = counts_by_zone(members.within(node, facts.below(node), facts.label(node)))
        cells = {facts.label(z): counts.get(z, Count()) for z in zones}
        gaps = [zone for zone, count in cells.items() if count.total == 0]
        if None in counts:
            cells[no_zone] = counts[None]
        rows.append(MapRow(facts.label(node), depth, cells, gaps))
    no_zone_used = any(no_zone in row.cells for row in rows)
    for row in rows:
        if no_zone_used:
            row.cells.setdefault(no_zone, Count())
    return rows


def _of_type(merged: list[Member], facts: Facts, cls: URIRef) -> list[tuple[Node, list[str]]]:
    """The members (one merged row each) of one class, by label, each with the chains (of this
    dossier) it is in."""
    chosen = [m for m in merged if facts.types.get(m.member) == cls]
    return [(m.member, m.chain_labels) for m in sorted(chosen, key=lambda m: (m.label, str(m.member)))]


def _quotes(facts: Facts, entity: Node, placing: URIRef, *others: URIRef) -> list[Quote]:
    """The quotes that place the entity (in the chain, in the zone) first, then those of its figures."""
    return list(dict.fromkeys(q for p in (placing, *others) for q in facts.quotes(entity, p)))


def enterprise_row(facts: Facts, entity: Node, chains: list[str], placing: URIRef = ZKG.inChain) -> EnterpriseRow:
    return EnterpriseRow(
        facts.label(entity),
        facts.zone_labels(entity),
        chains,
        facts.awards(entity),
        facts.figures(entity),
        _quotes(facts, entity, placing),
    )


def project_row(facts: Facts, entity: Node, chains: list[str], placing: URIRef = ZKG.inChain) -> ProjectRow:
    amount, qualifier = facts.investment(entity)
    status = facts.value(entity, ZKG.status)
    return ProjectRow(
        facts.label(entity),
        facts.zone_labels(entity),
        chains,
        amount,
        qualifier,
        facts.label(status) if status is not None else None,
        facts.year(entity, ZKG.signedYear),
        facts.year(entity, ZKG.startYear),
        facts.year(entity, ZKG.productionYear),
        [facts.label(i) for i in facts.objects(entity, ZKG.investor)],
        _quotes(facts, entity, placing, ZKG.totalInvestment, ZKG.status),
    )


def platform_row(facts: Facts, entity: Node, chains: list[str], placing: URIRef = ZKG.inChain) -> PlatformRow:
    amount, qualifier = facts.investment(entity)
    return PlatformRow(
        facts.label(entity),
        facts.zone_labels(entity),
        chains,
        [facts.label(e) for e in facts.objects(entity, ZKG.leadingEnterprise)],
        amount,
        qualifier,
        facts.awards(entity),
        _quotes(facts, entity, placing),
    )


def institution_rows(facts: Facts, partners: set[Node]) -> list[InstitutionRow]:
    """The talent institutions that cooperate with any of `partners` (either direction), or with
    the zones and platforms these are in, each with everything it cooperates with."""
    places = {z for p in partners for z in facts.objects(p, ZKG.locatedIn)} | partners
    rows = []
    for institution in facts.of_class(ZKG.TalentInstitution):
        others = facts.objects(institution, ZKG.cooperatesWith) + facts.subjects(ZKG.cooperatesWith, institution)
        if not set(others) & places:
            continue
        quotes = facts.quotes(institution, ZKG.cooperatesWith) + [
            q
            for o in facts.subjects(ZKG.cooperatesWith, institution)
            for q in facts.quotes(o, ZKG.cooperatesWith, institution)
        ]
        rows.append(
            InstitutionRow(
                facts.label(institution),
                facts.zone_labels(institution),
                sorted({facts.label(o) for o in others}),
                list(dict.fromkeys(quotes)),
            )
        )
    return rows
