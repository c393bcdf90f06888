"""An entity's page: its names and type, then every fact about it with quote and source."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import BNode, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.labels import label_text
from kg.money import yuan_text
from kg.named import run_named
from kg.names import resolve
from kg.namespaces import ZKG, short
from kg.sparql import Row, Source, internal_rows
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
    rows = internal_rows(source, "entity-card.rq", entity=iri)
    types = [label_text(source, r["value"], lang) for r in rows if r["property"] == RDF.type]
    labels = {r["value"].language: str(r["value"]) for r in rows if r["property"] == RDFS.label}
    alt_labels = sorted(str(r["value"]) for r in rows if r["property"] == SKOS.altLabel)
    answer = run_named(source, "evidence", {"entity": iri, "lang": lang})
    details = blank_node_details(answer.rows, lambda term: label_text(source, term, lang), lang)
    facts = [
        Fact(
            shown(row["subject"], row["subjectLabel"]),
            shown(row["predicate"], row["predicateLabel"]),
            details.get(row["object"]) or _object_text(row),
            optional_text(row["quote"]),
            optional_text(row["source"] and short(str(row["source"]))),
            optional_text(row["title"]),
        )
        for row in answer.rows
        if not isinstance(row["subject"], BNode)
    ]
    return EntityCard(iri, types, labels, alt_labels, facts)


def blank_node_details(rows: list[Row], term_label: Callable[[Node], str], lang: str = "zh") -> dict[Node, str]:
    """A one-line description of each figure or dated award (blank node) among evidence rows."""
    fields: dict[Node, dict[Node, Node]] = {}
    for row in rows:
        if isinstance(row["subject"], BNode):
            fields.setdefault(row["subject"], {})[row["predicate"]] = row["object"]
    return {node: describe(f, term_label, lang) for node, f in fields.items()}


def describe(fields: dict[Node, Node], term_label: Callable[[Node], str], lang: str = "zh") -> str:
    """'规上工业产值 · 超过 1043.7亿元 · 2023' for an indicator, '浙江省“未来工厂” · 2023' for an award."""
    parts = [str(fields[ZKG.metric])] if ZKG.metric in fields else []
    if ZKG.honor in fields:
        parts.append(term_label(fields[ZKG.honor]))
    if ZKG.value in fields:
        unit = str(fields.get(ZKG.unit, ""))
        amount = yuan_text(fields[ZKG.value]) if unit == "元" else f"{fields[ZKG.value]}{unit}"
        qualifier = fields.get(ZKG.valueQualifier)
        parts.append(f"{term_label(qualifier)} {amount}" if qualifier is not None else amount)
    if ZKG.rank in fields:
        parts.append(f"第{fields[ZKG.rank]}位" if lang == "zh" else f"#{fields[ZKG.rank]}")
    if ZKG.year in fields:
        parts.append(str(fields[ZKG.year]))
    return " · ".join(parts)


def _object_text(row: Row) -> str:
    if row["predicate"] == ZKG.totalInvestment:
        return yuan_text(row["object"])
    return shown(row["object"], row["objectLabel"])
