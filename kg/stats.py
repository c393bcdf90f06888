"""What the graph holds: entities per class, facts per property, quotes, evidence coverage."""

from __future__ import annotations

from dataclasses import dataclass

from kg.namespaces import short
from kg.sparql import Source, internal_rows


@dataclass
class Stats:
    classes: dict[str, int]
    properties: dict[str, tuple[int, int]]
    sources: dict[str, int]

    @property
    def facts(self) -> int:
        return sum(total for total, _ in self.properties.values())

    @property
    def quoted_facts(self) -> int:
        return sum(quoted for _, quoted in self.properties.values())

    @property
    def quotes(self) -> int:
        return sum(self.sources.values())

    @property
    def coverage(self) -> float:
        return self.quoted_facts / self.facts if self.facts else 1.0

    def as_dict(self) -> dict:
        return {
            "classes": self.classes,
            "properties": {p: {"facts": t, "quoted": q} for p, (t, q) in self.properties.items()},
            "sources": self.sources,
            "facts": self.facts,
            "quotes": self.quotes,
            "evidence_coverage": round(self.coverage, 4),
        }


def stats(dataset: Source) -> Stats:
    return Stats(
        classes={short(str(r["class"])): int(r["count"]) for r in internal_rows(dataset, "stats-classes.rq")},
        properties={
            short(str(r["property"])): (int(r["facts"]), int(r["quoted_facts"]))
            for r in internal_rows(dataset, "stats-facts.rq")
        },
        sources={short(str(r["source"])): int(r["quotes"]) for r in internal_rows(dataset, "stats-sources.rq")},
    )
