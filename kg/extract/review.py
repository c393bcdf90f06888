"""The review workbook of a draft: what a reviewer keeps, renames and labels, without writing RDF.

Sheet "entities": one row per entity (name, class, aliases, whether the graph holds it, IRI,
English label, whether that label is a proposal to check, confidence, rule, keep?). Sheet
"facts": one row per proposed fact (sentence, subject, property, object or value, confidence,
rule, keep?). A hidden key column maps each row back to the draft, so rows may be sorted,
filtered or deleted (a deleted row is not kept). The reviewer edits the yellow columns: keep?,
and on entities the IRI (to merge with an entity the graph holds, or a better slug) and the
English label. Unedited, every proposal is kept with its proposed IRI and English label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kg.errors import BadValue, DataFileError
from kg.extract.model import Draft, ProposedEntity, ProposedFact
from kg.namespaces import ID, ZKG, short
from kg.output.xlsx import Column, Row, Sheet, read_table, write_workbook
from kg.resources import ontology_file

ENTITIES, FACTS = "entities", "facts"
KEY, KEEP, IRI, ENGLISH = "key", "keep? 保留", "IRI", "English label 英文名"
YES, NO = "yes", "no"
KEEP_WORDS = {
    "yes": True,
    "y": True,
    "是": True,
    "保留": True,
    "1": True,
    "true": True,
    "x": True,
    "✓": True,
    "no": False,
    "n": False,
    "否": False,
    "不保留": False,
    "删除": False,
    "0": False,
    "false": False,
    "": False,
}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

ENTITY_COLUMNS = (
    Column("name 名称", 28),
    Column("class 类别", 16),
    Column("aliases 别名", 28, wrap=True),
    Column("in graph? 已有", 10),
    Column(IRI, 40, editable=True),
    Column(ENGLISH, 40, editable=True),
    Column("label to check? 英文名待审", 12),
    Column("confidence 置信度", 10),
    Column("rule 规则", 18),
    Column(KEEP, 10, editable=True, choices=(YES, NO)),
    Column(KEY, 30, hidden=True),
)
FACT_COLUMNS = (
    Column("sentence 原文", 60, wrap=True),
    Column("subject 主语", 26),
    Column("property 属性", 22),
    Column("object or value 宾语或数值", 30, wrap=True),
    Column("confidence 置信度", 10),
    Column("rule 规则", 18),
    Column(KEEP, 10, editable=True, choices=(YES, NO)),
    Column("evidence 证据", 26),
    Column(KEY, 30, hidden=True),
)


def write_review(draft: Draft, path: str | Path) -> Path:
    """Write the review workbook of `draft` to `path` (XLSX, atomically)."""
    return write_workbook(path, review_sheets(draft))


def review_sheets(draft: Draft) -> list[Sheet]:
    names = {entity.iri: entity.name for entity in draft.entities}
    entities = sorted(draft.entities, key=lambda e: (e.known, str(e.cls), e.name, str(e.iri)))
    facts = [(evidence, fact) for evidence, fact in _facts_in_order(draft)]
    return [
        Sheet(ENTITIES, ENTITY_COLUMNS, [_entity_row(entity) for entity in entities]),
        Sheet(FACTS, FACT_COLUMNS, [_fact_row(evidence, fact, names) for evidence, fact in facts]),
    ]


def _facts_in_order(draft: Draft) -> list[tuple[URIRef, ProposedFact]]:
    evidence = draft.evidence_iris()
    return sorted(
        ((evidence[(f.start, f.quote)], f) for f in draft.facts),
        key=lambda pair: (pair[1].start, str(pair[0]), fact_key(*pair)),
    )


def _entity_row(entity: ProposedEntity) -> list:
    return [
        entity.name,
        _label(entity.cls),
        "、".join(a for a in entity.aliases if a != entity.name),
        YES if entity.known else NO,
        short(str(entity.iri)),
        entity.label_en or "",
        YES if entity.label_en_needs_review else NO,
        round(entity.confidence, 2),
        entity.rule,
        YES,
        str(entity.iri),
    ]


def _fact_row(evidence: URIRef, fact: ProposedFact, names: dict[URIRef, str]) -> list:
    return [
        fact.quote,
        _name(fact.subject_iri, names),
        f"{_label(fact.predicate_iri)} ({short(str(fact.predicate_iri))})",
        _value(fact, names),
        round(fact.confidence, 2),
        fact.rule,
        YES,
        short(str(evidence)),
        fact_key(evidence, fact),
    ]


def fact_key(evidence: URIRef, fact: ProposedFact) -> str:
    """The fact's identity in the draft: its evidence and its triple."""
    return " ".join(str(term) if not isinstance(term, Literal) else term.n3() for term in (evidence, *fact.triple))


def _name(node: URIRef, names: dict[URIRef, str]) -> str:
    return names.get(node) or _label(node)


def _value(fact: ProposedFact, names: dict[URIRef, str]) -> str:
    value = fact.object
    if isinstance(value, URIRef):
        text = _name(value, names)
        return f"{text} ({fact.year})" if fact.year is not None else text
    if value.datatype == XSD.decimal and fact.predicate_iri == ZKG.totalInvestment:
        amount = Decimal(str(value))
        text = f"{_plain(amount / Decimal(10) ** 8)}亿元 ({_plain(amount)} 元)"
        return f"{text}, {_label(fact.qualifier)}" if fact.qualifier is not None else text
    return str(value)


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _label(term: URIRef | None) -> str:
    """A vocabulary term as a reviewer reads it: its Chinese label and its name (`企业 Enterprise`)."""
    if term is None:
        return ""
    labels = _vocabulary_labels()
    local = short(str(term)).split(":", 1)[-1]
    return f"{labels[term]} {local}" if term in labels else short(str(term))


@cache
def _vocabulary_labels() -> dict[URIRef, str]:
    ontology = Graph().parse(ontology_file(), format="turtle")
    return {
        s: str(o)
        for s, o in ontology.subject_objects(RDFS.label)
        if isinstance(s, URIRef) and getattr(o, "language", None) == "zh"
    }


@dataclass(frozen=True)
class EntityDecision:
    keep: bool
    iri: URIRef
    label_en: str


@dataclass(frozen=True)
class Review:
    """What the reviewer decided: per entity (by its draft IRI) and per fact (by `fact_key`)."""

    entities: dict[URIRef, EntityDecision]
    facts: dict[str, bool]

    def keeps_fact(self, key: str) -> bool:
        return self.facts.get(key, False)


def read_review(path: str | Path, draft: Draft) -> Review:
    """The reviewer's decisions in the workbook at `path` on `draft`; rows missing from it are not kept."""
    path = Path(path)
    entity_rows = read_table(path, ENTITIES, (KEY, KEEP, IRI, ENGLISH))
    fact_rows = read_table(path, FACTS, (KEY, KEEP))
    known_entities = {str(entity.iri) for entity in draft.entities}
    known_facts = {fact_key(evidence, fact) for evidence, fact in _facts_in_order(draft)}
    entities = {}
    for row in entity_rows:
        _check_key(path, ENTITIES, row, known_entities)
        entities[URIRef(row[KEY])] = EntityDecision(_keep(path, ENTITIES, row), _iri(path, row), row[ENGLISH])
    facts = {}
    for row in fact_rows:
        _check_key(path, FACTS, row, known_facts)
        facts[row[KEY]] = _keep(path, FACTS, row)
    return Review(entities=entities, facts=facts)


def _where(path: Path, sheet: str, row: Row) -> str:
    return f"{path}: sheet {sheet!r} row {row.number}"


def _check_key(path: Path, sheet: str, row: Row, known: set[str]) -> None:
    if row[KEY] not in known:
        raise DataFileError(
            f"{_where(path, sheet, row)}: key {row[KEY]!r} is not in the draft this workbook was made for"
        )


def _keep(path: Path, sheet: str, row: Row) -> bool:
    word = row[KEEP].casefold()
    if word not in KEEP_WORDS:
        raise BadValue(f"{_where(path, sheet, row)}: keep? must be {YES} or {NO}, not {row[KEEP]!r}")
    return KEEP_WORDS[word]


def _iri(path: Path, row: Row) -> URIRef:
    """The IRI cell: `id:slug` or the full IRI, a slug of lowercase ASCII letters, digits and hyphens."""
    text = row[IRI]
    slug = text[3:] if text.startswith("id:") else text[len(str(ID)) :] if text.startswith(str(ID)) else None
    if slug is None or not SLUG.fullmatch(slug):
        raise BadValue(
            f"{_where(path, ENTITIES, row)}: IRI {text!r} is not id: followed by a slug such as id:zhejiang-haiwei-auto"
        )
    return ID[slug]
