"""An entity's page: its names and type, then every fact about it with quote and source."""
from __future__ import annotations

from dataclasses import dataclass, field

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
    details = _blank_node_details(answer.rows, source, lang)
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


def _blank_node_details(rows: list[dict], source: Source, lang: str) -> dict[Node, str]:
    """A one-line description of each figure or award (blank node) the entity carries."""
    parts: dict[Node, dict[str, Node]] = {}
    for row in rows:
        if isinstance(row["subject"], BNode):
            parts.setdefault(row["subject"], {})[short(str(row["predicate"]))] = row["objectLabel"] or row["object"]
    return {node: describe(fields, source, lang) for node, fields in parts.items()}


def describe(fields: dict[str, Node], source: Source, lang: str) -> str:
    """'规上工业产值 1043.7亿元 (2023)' for an indicator, '浙江省“未来工厂” (2023)' for an award."""
    year = f" ({fields['zkg:year']})" if "zkg:year" in fields else ""
    if "zkg:honor" in fields:
        return f"{fields['zkg:honor']}{year}"
    qualifier = fields.get("zkg:valueQualifier")
    prefix = f"{_term_text(source, qualifier, lang)} " if qualifier is not None else ""
    amount = ""
    if "zkg:value" in fields:
        amount = f" {prefix}{money(fields['zkg:value']) if str(fields.get('zkg:unit')) == '元' else fields['zkg:value']}"
        if str(fields.get("zkg:unit")) not in ("元", "None"):
            amount += str(fields["zkg:unit"])
    rank = f" 第{fields['zkg:rank']}" if "zkg:rank" in fields else ""
    return f"{fields.get('zkg:metric', '')}{amount}{rank}{year}".strip()


def money(value: Node) -> str:
    """Yuan as the text writes them: 5894000000 → 58.94亿元."""
    from decimal import Decimal

    amount = Decimal(str(value))
    if amount >= YI:
        return f"{format((amount / YI).normalize(), 'f')}亿元"
    return f"{format((amount / 10**4).normalize(), 'f')}万元"


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
