"""The draft an extraction produces: the article, the entities it names, the facts it states.

A draft is written as TriG in the project's own layout (one evidence graph per verbatim quote,
the `zkg:Source`, a declaration of every entity it mentions) plus review annotations that the
curated data never carries and `kg accept` drops:

- on the source, one `zkg:proposedEntity [ a zkg:EntityProposal ; zkg:entity … ; zkg:known … ;
  zkg:labelNeedsReview … ; zkg:confidence … ; zkg:rule … ]` per entity;
- on each evidence node, one `zkg:proposedFact [ a zkg:FactProposal ; rdf:subject … ;
  rdf:predicate … ; rdf:object … ; zkg:confidence … ; zkg:rule … ]` per fact.

Both sit on the source and evidence nodes, outside the (closed) entity shapes, so the draft is
checked by the same SHACL shapes as the curated data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kg.files import write_atomic
from kg.namespaces import EV, PREFIXES, SRC, ZKG, short


@dataclass(frozen=True)
class ArticleMeta:
    """The article: `stem` is its file name without extension, the source's identifier."""

    stem: str
    title: str
    year: int
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class ProposedEntity:
    """One entity the article names.

    `key` is the normalised name mentions are matched on; `name` the Chinese label (the graph's
    label for a known entity, else the longest name the text uses); `aliases` every other name
    (the graph's altLabels and the article's other spellings). A known entity keeps its IRI and
    English label; a new one gets a pinyin IRI and an English proposal that needs review.
    """

    key: str
    name: str
    cls: URIRef
    iri: URIRef
    known: bool
    aliases: tuple[str, ...] = ()
    label_en: str | None = None
    label_en_needs_review: bool = True
    confidence: float = 1.0
    rule: str = ""


@dataclass(frozen=True)
class ProposedFact:
    """One triple and the verbatim clause that states it.

    `quote` is an exact substring of the article starting at `start`, once the line breaks inside
    its sentences are left out (`kg.extract.text.joined`; most quotes have none). `qualifier` (a
    zkg:ValueQualifier) goes with a zkg:totalInvestment; `year` with a zkg:hasHonor is the year
    of the award (written as a zkg:HonorAward beside it). Project years are facts of their own
    (zkg:signedYear, zkg:startYear, zkg:productionYear with an xsd:integer object).
    """

    subject_iri: URIRef
    predicate_iri: URIRef
    object: URIRef | Literal
    quote: str
    start: int
    confidence: float
    rule: str
    qualifier: URIRef | None = None
    year: int | None = None

    @property
    def triple(self) -> tuple[URIRef, URIRef, URIRef | Literal]:
        return (self.subject_iri, self.predicate_iri, self.object)


@dataclass
class Draft:
    meta: ArticleMeta
    entities: list[ProposedEntity] = field(default_factory=list)
    facts: list[ProposedFact] = field(default_factory=list)

    def quotes(self) -> list[tuple[int, str]]:
        """The distinct quotes in reading order, as (start, quote)."""
        return sorted({(f.start, f.quote) for f in self.facts})

    def evidence_iris(self) -> dict[tuple[int, str], URIRef]:
        """Each quote's evidence IRI: stem + two digits (three when there are more than 99)."""
        quotes = self.quotes()
        width = 2 if len(quotes) <= 99 else 3
        return {q: EV[f"{self.meta.stem}-{n:0{width}d}"] for n, q in enumerate(quotes, start=1)}


def source_iri(meta: ArticleMeta) -> URIRef:
    return SRC[meta.stem]


def draft_to_dataset(draft: Draft) -> Dataset:
    """The draft as an rdflib Dataset (parsed back from its TriG, so both always agree)."""
    dataset = Dataset()
    dataset.parse(data=draft_trig(draft), format="trig")
    return dataset


def write_draft_trig(draft: Draft, path: str | Path) -> Path:
    """Write the draft's TriG to `path` atomically."""
    return write_atomic(path, draft_trig(draft).encode("utf-8"))


def draft_trig(draft: Draft, review: bool = True) -> str:
    """The draft as TriG text: same draft, same bytes.

    Without `review`, the article's file as curated data has it (`kg accept`): the source and
    the evidence graphs, no review annotations and no entity declarations (those go to
    entities.ttl, see `entity_turtle`).
    """
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items() if p not in ("schema", "org", "owl")]
    lines += ["", "# ---- source ----", ""]
    lines += _source_block(draft, review)
    lines += ["", "# ---- evidence ----", ""]
    for (start, quote), evidence in draft.evidence_iris().items():
        facts = [f for f in draft.facts if (f.start, f.quote) == (start, quote)]
        lines += _evidence_block(draft.meta, evidence, quote, facts if review else [], _unique(facts))
    if review:
        lines += ["# ---- entities ----", ""]
        lines += entity_turtle(draft.entities).splitlines()
    return "\n".join(lines).rstrip("\n") + "\n"


def entity_turtle(entities: list[ProposedEntity]) -> str:
    """Turtle declarations of the entities (type, labels, altLabels), ordered by IRI."""
    lines: list[str] = []
    for entity in sorted(entities, key=lambda e: str(e.iri)):
        lines += _entity_block(entity)
    return "\n".join(lines)


def _source_block(draft: Draft, review: bool = True) -> list[str]:
    meta = draft.meta
    props = [f"dcterms:title {_text(meta.title, 'zh')}"]
    if meta.author:
        props += [
            f"dc:creator {_text(a.strip(), 'zh')}" for a in meta.author.replace("；", ";").split(";") if a.strip()
        ]
    if meta.url:
        props.append(f"dcterms:source {_quoted(meta.url)}^^xsd:anyURI")
    props.append(f"zkg:year {int(meta.year)}")
    for entity in sorted(draft.entities, key=lambda e: str(e.iri)) if review else []:
        props.append(
            "zkg:proposedEntity [ a zkg:EntityProposal ; "
            f"zkg:entity {_node(entity.iri)} ; "
            f"zkg:known {_bool(entity.known)} ; "
            f"zkg:labelNeedsReview {_bool(entity.label_en_needs_review)} ; "
            f"zkg:confidence {_decimal(entity.confidence)} ; "
            f"zkg:rule {_text(entity.rule)} ]"
        )
    return [f"{_node(source_iri(meta))} a zkg:Source ;", *_props(props)]


def _evidence_block(
    meta: ArticleMeta, evidence: URIRef, quote: str, proposals: list[ProposedFact], facts: list[ProposedFact]
) -> list[str]:
    ev = _node(evidence)
    props = [f"zkg:quote {_text(quote, 'zh')}", f"prov:wasDerivedFrom {_node(source_iri(meta))}"]
    for fact in proposals:
        props.append(
            "zkg:proposedFact [ a zkg:FactProposal ; "
            f"rdf:subject {_node(fact.subject_iri)} ; "
            f"rdf:predicate {_node(fact.predicate_iri)} ; "
            f"rdf:object {_node(fact.object)} ; "
            f"zkg:confidence {_decimal(fact.confidence)} ; "
            f"zkg:rule {_text(fact.rule)} ]"
        )
    lines = [f"{ev} a zkg:Evidence ;", *_props(props), "", f"{ev} {{"]
    for fact in facts:
        lines += [f"    {line}" for line in _fact_lines(fact)]
    return [*lines, "}", ""]


def _unique(facts: list[ProposedFact]) -> list[ProposedFact]:
    seen: set[tuple] = set()
    kept = []
    for fact in facts:
        if fact.triple not in seen:
            seen.add(fact.triple)
            kept.append(fact)
    return kept


def _fact_lines(fact: ProposedFact) -> list[str]:
    s, p = _node(fact.subject_iri), _node(fact.predicate_iri)
    lines = [f"{s} {p} {_node(fact.object)} ."]
    if fact.predicate_iri == ZKG.totalInvestment and fact.qualifier is not None:
        lines.append(f"{s} zkg:valueQualifier {_node(fact.qualifier)} .")
    if fact.predicate_iri == ZKG.hasHonor and fact.year is not None:
        lines.append(
            f"{s} zkg:honorAward [ a zkg:HonorAward ; zkg:honor {_node(fact.object)} ; zkg:year {int(fact.year)} ] ."
        )
    return lines


def _entity_block(entity: ProposedEntity) -> list[str]:
    labels = [_text(entity.name, "zh")]
    if entity.label_en:
        labels.append(_text(entity.label_en, "en"))
    props = [f"rdfs:label {' , '.join(labels)}"]
    aliases = [a for a in entity.aliases if a != entity.name]
    if aliases:
        props.append(f"skos:altLabel {' , '.join(_text(a, 'zh') for a in aliases)}")
    return [f"{_node(entity.iri)} a {_node(entity.cls)} ;", *_props(props), ""]


def _props(props: list[str]) -> list[str]:
    return [f"    {p} {';' if i < len(props) - 1 else '.'}" for i, p in enumerate(props)]


def _node(term: URIRef | Literal | BNode) -> str:
    if isinstance(term, URIRef):
        text = short(str(term))
        return text if not text.startswith("<") and _safe_local(text) else f"<{_iri_text(str(term))}>"
    if isinstance(term, Literal):
        if term.datatype == XSD.integer:
            return str(int(term))
        if term.datatype == XSD.decimal:
            return f'"{_plain_decimal(Decimal(str(term)))}"^^xsd:decimal'
        if term.language:
            return _text(str(term), term.language)
        if term.datatype is not None:
            return f"{_quoted(str(term))}^^<{term.datatype}>"
        return _quoted(str(term))
    raise TypeError(f"cannot write {term!r}")


def _safe_local(prefixed: str) -> bool:
    local = prefixed.split(":", 1)[1]
    return bool(local) and all(c.isascii() and (c.isalnum() or c in "-_") for c in local) and local[0].isalnum()


def _iri_text(iri: str) -> str:
    return "".join(c if c not in '<>"{}|^`\\ ' and ord(c) > 0x20 else f"%{ord(c):02X}" for c in iri)


def _quoted(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _text(text: str, lang: str | None = None) -> str:
    return _quoted(text) + (f"@{lang}" if lang else "")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _decimal(value: float) -> str:
    return f'"{value:.2f}"^^xsd:decimal'


def _plain_decimal(number: Decimal) -> str:
    return format(number.normalize(), "f")
