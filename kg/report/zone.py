"""The zone profile: its chains, leading enterprises, platforms, project pipeline, honours and
indicators by year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from rdflib import URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.chain import ChainMembers, Quote, members_of
from kg.names import resolve
from kg.namespaces import ZKG
from kg.report.chain import (
    EnterpriseRow,
    InstitutionRow,
    PlatformRow,
    ProjectRow,
    enterprise_row,
    institution_rows,
    platform_row,
    project_row,
)
from kg.report.data import Award, Facts, Figure, read_facts
from kg.sparql import Source

STAGES = (ZKG.Signed, ZKG.UnderConstruction, ZKG.InProduction)


@dataclass
class ChainCount:
    chain: str
    depth: int
    members: int


@dataclass
class Stage:
    """One step of the project pipeline: its projects and their investment in yuan."""

    status: str
    projects: int
    investment: Decimal


@dataclass
class ZoneProfile:
    zone: URIRef
    label: str
    lang: str
    chains: list[ChainCount]
    leaders: list[tuple[str, list[Quote]]]
    enterprises: list[EnterpriseRow]
    platforms: list[PlatformRow]
    projects: list[ProjectRow]
    pipeline: list[Stage]
    institutions: list[InstitutionRow]
    honours: list[Award]
    figures: list[Figure]

    def honours_by_year(self) -> dict[int | None, list[Award]]:
        found: dict[int | None, list[Award]] = defaultdict(list)
        for award in self.honours:
            found[award.year].append(award)
        return dict(found)


def zone_profile(source: Source, name: str, lang: str = "zh") -> ZoneProfile:
    """The profile of the zone `name`: what is in it (directly, in its platforms), by chain and
    class, the projects by stage, its honours and its indicators."""
    zone = resolve(source, name, ZKG.Zone)
    facts = read_facts(source, {zone}, lang)
    inside = facts.inside(zone)
    entities = {
        cls: [e for e in facts.of_class(cls) if e in inside] for cls in (ZKG.Enterprise, ZKG.Platform, ZKG.Project)
    }
    projects = [project_row(facts, p, _chains(facts, p), ZKG.locatedIn) for p in entities[ZKG.Project]]
    return ZoneProfile(
        zone,
        facts.label(zone),
        lang,
        chain_counts(source, facts, zone, lang),
        leaders(facts, zone, entities[ZKG.Platform]),
        [enterprise_row(facts, e, _chains(facts, e), ZKG.locatedIn) for e in entities[ZKG.Enterprise]],
        [platform_row(facts, p, _chains(facts, p), ZKG.locatedIn) for p in entities[ZKG.Platform]],
        projects,
        pipeline(facts, entities[ZKG.Project]),
        institution_rows(facts, {zone} | inside),
        facts.awards(zone),
        facts.figures(zone),
    )


def _chains(facts: Facts, entity: Node) -> list[str]:
    return sorted(facts.label(c) for c in facts.objects(entity, ZKG.inChain))


def chain_counts(source: Source, facts: Facts, zone: Node, lang: str) -> list[ChainCount]:
    """Every chain with members in the zone (narrower chains included), as a tree, depth first."""
    found = []
    for root in facts.of_class(ZKG.IndustryChain):
        if not facts.objects(root, SKOS.broader):
            count = _member_count(facts, members_of(source, root, zone, lang))
            walk = facts.walk_chains(root, into=count)
            found += [ChainCount(facts.label(chain), depth, count(chain)) for depth, chain in walk if count(chain)]
    return found


def _member_count(facts: Facts, members: ChainMembers) -> Callable[[Node], int]:
    """How many members a chain has, narrower chains included; each chain counted once."""

    @cache
    def count(chain: Node) -> int:
        return members.within(chain, facts.below(chain), facts.label(chain)).distinct_members()

    return count


def leaders(facts: Facts, zone: Node, platforms: list[Node]) -> list[tuple[str, list[Quote]]]:
    """The leading enterprises (龙头企业, 链主) of the zone and of its platforms."""
    found: dict[str, list[Quote]] = {}
    for owner in [zone, *platforms]:
        for enterprise in facts.objects(owner, ZKG.leadingEnterprise):
            found.setdefault(facts.label(enterprise), []).extend(facts.quotes(owner, ZKG.leadingEnterprise, enterprise))
    return sorted(found.items())


def pipeline(facts: Facts, projects: list[Node]) -> list[Stage]:
    """Signed → under construction → in production: projects and investment at each stage, then
    the projects whose stage the texts do not give."""
    unknown = "（未注明）" if facts.lang == "zh" else "(not given)"
    stages = []
    for status in (*STAGES, None):
        chosen = [p for p in projects if facts.value(p, ZKG.status) == status]
        total = sum((facts.investment(p)[0] or Decimal(0) for p in chosen), Decimal(0))
        stages.append(Stage(facts.label(status) if status is not None else unknown, len(chosen), total))
    return stages
