"""An entity's page: its names and type, then every fact about it with quote and source."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.labels import label_text
from kg.money import yuan_text
from kg.named import run_named
from kg.names import resolve
from kg.namespaces import ZKG, short
from kg.sparql import Row, Source, in_one_order, internal_rows
from kg.terms import optional_text, shown


@dataclass
class Fact:
    """One fact as people read it (labels, amounts in 亿元), with the quote and source behind it."""

    subject: str
    predicate: str
    object: str
    quote: str | None
    source: str | None
    title: str | None


@dataclass
class EntityCard:
    iri: URIRef
    types: list[str]
    labels: dict[str, str]
    alt_labels: list[str]
    facts: list[Fact] = field(default_factory=list)


def entity_card(source: Source, name: str, lang: str = "zh") -> EntityCard:
    """The entity `name` names (any label, alias or IRI), with every fact in which it takes part."""
    iri = resolve(source, name)
    rows = in_one_order(internal_rows(source, "entity-card.rq", entity=iri))
    types = [label_text(source, r["value"], lang) for r in rows if r["property"] == RDF.type]
    labels: dict[str, str] = {}
    for row in rows:  # of two labels in one language, the first in code-point order, as `kg.labels` shows
        if row["property"] == RDFS.label:
            labels.setdefault(row["value"].language, str(row["value"]))
    alt_labels = sorted(str(r["value"]) for r in rows if r["property"] == SKOS.altLabel)
    answer = run_named(source, "evidence", {"entity": iri, "lang": lang})
    facts = [
        Fact(
            shown(row["subject"], row["subjectLabel"]),
            shown(row["predicate"], row["predicateLabel"]),
            detail_text(row, lang) or _object_text(row),
            optional_text(row["quote"]),
            optional_text(row["source"] and short(str(row["source"]))),
            optional_text(row["title"]),
        )
        for row in answer.rows
    ]
    return EntityCard(iri, types, labels, alt_labels, facts)


def detail_text(row: Row, lang: str = "zh") -> str | None:
    """A figure or dated award of an `evidence` row in one line: '规上工业产值 · 超过 1043.7亿元 ·
    2023', '浙江省“未来工厂” · 2023'; None for a row about anything else."""
    if row.get("metric") is None and row.get("honourLabel") is None:
        return None
    parts = [str(row[key]) for key in ("metric", "honourLabel") if row.get(key) is not None]
    if row.get("value") is not None:
        unit = str(row.get("unit") or "")
        amount = yuan_text(row["value"]) if unit == "元" else f"{row['value']}{unit}"
        qualifier = row.get("qualifierLabel")
        parts.append(f"{qualifier} {amount}" if qualifier is not None else amount)
    if row.get("rank") is not None:
        parts.append(f"第{row['rank']}位" if lang == "zh" else f"#{row['rank']}")
    if row.get("year") is not None:
        parts.append(str(row["year"]))
    return " · ".join(parts)


def _object_text(row: Row) -> str:
    if row["predicate"] == ZKG.totalInvestment:
        return yuan_text(row["object"])
    return shown(row["object"], row["objectLabel"])
