"""The zones × chains matrix: members and projects' investment of each top-level chain in each
zone — where a zone is strong, and where it has nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rdflib.namespace import SKOS

from kg.chain import members_of
from kg.namespaces import ZKG
from kg.report.common import Count, counts_by_zone, zone_columns
from kg.report.data import read_facts
from kg.sparql import Source


@dataclass
class Matrix:
    lang: str
    zones: list[str]
    chains: list[str]
    cells: dict[tuple[str, str], Count]
    no_zone: dict[str, int]

    def members(self, zone: str, chain: str) -> int:
        return self.cells[(zone, chain)].total

    def investment(self, zone: str, chain: str) -> Decimal:
        return self.cells[(zone, chain)].investment


def zones_matrix(source: Source, lang: str = "zh") -> Matrix:
    """Every zone against every top-level chain (members of its narrower chains included)."""
    facts = read_facts(source, (), lang)
    zones = zone_columns(facts)
    roots = [c for c in facts.of_class(ZKG.IndustryChain) if not facts.objects(c, SKOS.broader)]
    cells, no_zone = {}, {}
    for chain in roots:
        counts = counts_by_zone(members_of(source, chain, lang=lang))
        for zone in zones:
            cells[(facts.label(zone), facts.label(chain))] = counts.get(zone, Count())
        no_zone[facts.label(chain)] = counts[None].total if None in counts else 0
    return Matrix(lang, [facts.label(z) for z in zones], [facts.label(c) for c in roots], cells, no_zone)
