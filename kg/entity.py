"""An entity's page: its names and type, then every fact about it with quote and source."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.namespaces import ZKG, short
from kg.query import Source, internal_rows, label, run_named

YI = 10**8


@dataclass
class Fact:
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
    from kg.names import resolve

    iri = resolve(source, name)
    rows = internal_rows(source, "entity-card.rq", entity=iri)
    types = [_term_text(source, r["value"], lang) for r in rows if r["property"] == RDF.type]
    labels = {r["value"].language: str(r["value"]) for r in rows if r["property"] == RDFS.label}
    alt_labels = sorted(str(r["value"]) for r in rows if r["property"] == SKOS.altLabel)
    answer = run_named(source, "evidence", {"entity": iri, "lang": lang})
    details = blank_node_details(answer.rows, lambda term: _term_text(source, term, lang), lang)
    facts = []
    for row in answer.rows:
        if isinstance(row["subject"], BNode):
            continue
        facts.append(Fact(
            _shown(row["subject"], row["subjectLabel"]),
            _shown(row["predicate"], row["predicateLabel"]),
            details.get(row["object"]) or _object_text(row),
            _opt(row["quote"]), _opt(row["source"] and short(str(row["source"]))), _opt(row["title"]),
        ))
    return EntityCard(iri, types, labels, alt_labels, facts)


def blank_node_details(rows: list[dict], term_label: Callable[[Node], str], lang: str = "zh") -> dict[Node, str]:
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
        amount = money(fields[ZKG.value]) if unit == "元" else f"{fields[ZKG.value]}{unit}"
        qualifier = fields.get(ZKG.valueQualifier)
        parts.append(f"{term_label(qualifier)} {amount}" if qualifier is not None else amount)
    if ZKG.rank in fields:
        parts.append(f"第{fields[ZKG.rank]}位" if lang == "zh" else f"#{fields[ZKG.rank]}")
    if ZKG.year in fields:
        parts.append(str(fields[ZKG.year]))
    return " · ".join(parts)


def money(value: Node) -> str:
    """Yuan as the text writes them: 5894000000 → 58.94亿元, 30000000 → 3000万元, 80000 → 8万元."""
    amount = Decimal(str(value))
    for unit, size in (("亿元", YI), ("万元", 10**4)):
        if abs(amount) >= size:
            return f"{format((amount / size).normalize(), 'f')}{unit}"
    return f"{format(amount.normalize(), 'f')}元"


def _term_text(source: Source, term: Node, lang: str) -> str:
    return str(label(source, term, lang) or short(str(term)))


def _object_text(row: dict) -> str:
    if row["predicate"] == ZKG.totalInvestment:
        return money(row["object"])
    return _shown(row["object"], row["objectLabel"])


def _shown(term: Node | None, term_label: Node | None) -> str:
    if term_label is not None:
        return str(term_label)
    return str(term) if isinstance(term, Literal) else short(str(term))


def _opt(value: Node | str | None) -> str | None:
    return None if value is None else str(value)
