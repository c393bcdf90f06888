"""Pieces several reports share: counts of members by class, the zones in column order."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib.term import Node

from kg.chain import ChainMembers
from kg.namespaces import ZKG
from kg.report.data import Facts


@dataclass
class Count:
    """Distinct members of a chain in one zone, by class, and the projects' investment in yuan."""

    enterprises: int = 0
    projects: int = 0
    platforms: int = 0
    investment: Decimal = Decimal(0)
    members: set[Node] = field(default_factory=set)

    @property
    def total(self) -> int:
        return len(self.members)


def counts_by_zone(members: ChainMembers) -> dict[Node | None, Count]:
    """zone → the chain's members there (None: members in no zone)."""
    found: dict[Node | None, Count] = {}
    for m in members.members:
        count = found.setdefault(m.zone, Count())
        if m.member in count.members:
            continue
        count.members.add(m.member)
        if m.type == "Enterprise":
            count.enterprises += 1
        elif m.type == "Platform":
            count.platforms += 1
        else:
            count.projects += 1
            count.investment += m.investment or Decimal(0)
    return found


def zone_columns(facts: Facts) -> list[Node]:
    return facts.of_class(ZKG.Zone)
