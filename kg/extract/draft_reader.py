"""A draft's TriG read back into the model of `kg.extract.model`: what `kg accept` works on."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DC, DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.classes import ENTITY_CLASSES
from kg.errors import DataFileError, NotFound
from kg.extract.model import ArticleMeta, Draft, ProposedEntity, ProposedFact
from kg.namespaces import SRC, ZKG
from kg.parse_errors import syntax_location, syntax_message
from kg.terms import to_rdflib


def read_draft(path: str | Path) -> Draft:
    """The draft in the TriG file at `path`, with its proposals, in reading order."""
    dataset = _parse(Path(path))
    source = _one_source(dataset, Path(path))
    meta = _meta(dataset, source)
    entities = [_entity(dataset, proposal) for proposal in dataset.objects(source, ZKG.proposedEntity)]
    facts = [fact for evidence in _evidence_in_order(dataset, source) for fact in _facts(dataset, evidence)]
    return Draft(meta=meta, entities=sorted(entities, key=lambda e: str(e.iri)), facts=facts)


def _parse(path: Path) -> Dataset:
    if not path.is_file():
        raise NotFound(f"{path}: no such draft")
    dataset = Dataset()
    try:
        quads = ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
        for quad in quads:
            s, p, o, g = (to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object, quad.graph_name))
            dataset.add((s, p, o, g))  # type: ignore[arg-type]
    except SyntaxError as error:
        raise DataFileError(f"{syntax_location(path, error)}: {syntax_message(error)}") from None
    except (OSError, ValueError) as error:
        raise DataFileError(f"{path}: {' '.join(str(error).split())}") from None
    return dataset


def _one_source(dataset: Dataset, path: Path) -> URIRef:
    sources = sorted(s for s in dataset.subjects(RDF.type, ZKG.Source) if isinstance(s, URIRef))
    if len(sources) != 1 or not str(sources[0]).startswith(str(SRC)):
        raise DataFileError(f"{path}: a draft names exactly one source src:…, this one {len(sources)}")
    return sources[0]


def _meta(dataset: Dataset, source: URIRef) -> ArticleMeta:
    creators = sorted(str(c) for c in dataset.objects(source, DC.creator))
    url = dataset.value(source, DCTERMS.source)
    year = dataset.value(source, ZKG.year)
    return ArticleMeta(
        stem=str(source)[len(SRC) :],
        title=str(dataset.value(source, DCTERMS.title) or ""),
        year=_integer(year) or 0,
        url=str(url) if url is not None else None,
        author=";".join(creators) or None,
    )


def _integer(value: Node | None) -> int | None:
    return int(value.toPython()) if isinstance(value, Literal) else None


def _number(value: Node | None) -> float:
    return float(value.toPython()) if isinstance(value, Literal) else 0.0


def _iri(value: Node | None) -> URIRef:
    if not isinstance(value, URIRef):
        raise DataFileError(f"a proposal of the draft names {value!r} where an IRI belongs")
    return value


def _entity(dataset: Dataset, proposal: Node) -> ProposedEntity:
    iri = _iri(dataset.value(proposal, ZKG.entity))
    labels = list(dataset.objects(iri, RDFS.label))
    name = next((str(label) for label in labels if getattr(label, "language", None) == "zh"), "")
    english = next((str(label) for label in labels if getattr(label, "language", None) == "en"), None)
    cls = next((c for c in ENTITY_CLASSES if (iri, RDF.type, c) in dataset), ZKG.Enterprise)
    return ProposedEntity(
        key=name,
        name=name,
        cls=cls,
        iri=iri,
        known=_true(dataset.value(proposal, ZKG.known)),
        aliases=tuple(sorted(str(a) for a in dataset.objects(iri, SKOS.altLabel))),
        label_en=english,
        label_en_needs_review=_true(dataset.value(proposal, ZKG.labelNeedsReview)),
        confidence=_number(dataset.value(proposal, ZKG.confidence)),
        rule=str(dataset.value(proposal, ZKG.rule) or ""),
    )


def _true(value: Node | None) -> bool:
    return isinstance(value, Literal) and value.toPython() is True


def _evidence_in_order(dataset: Dataset, source: URIRef) -> list[URIRef]:
    return sorted(
        (e for e in dataset.subjects(PROV.wasDerivedFrom, source) if isinstance(e, URIRef)), key=_evidence_number
    )


def _facts(dataset: Dataset, evidence: URIRef) -> list[ProposedFact]:
    quote = str(dataset.value(evidence, ZKG.quote) or "")
    graph = dataset.graph(evidence)
    order = _evidence_number(evidence)
    facts = []
    for proposal in dataset.objects(evidence, ZKG.proposedFact):
        s, p = _iri(dataset.value(proposal, RDF.subject)), _iri(dataset.value(proposal, RDF.predicate))
        o = dataset.value(proposal, RDF.object)
        if not isinstance(o, URIRef | Literal):
            raise DataFileError(f"{evidence}: a proposed fact of {s} has no IRI or literal object")
        qualifier = graph.value(s, ZKG.valueQualifier) if p == ZKG.totalInvestment else None
        facts.append(
            ProposedFact(
                subject_iri=s,
                predicate_iri=p,
                object=o,
                quote=quote,
                start=order,
                confidence=_number(dataset.value(proposal, ZKG.confidence)),
                rule=str(dataset.value(proposal, ZKG.rule) or ""),
                qualifier=qualifier if isinstance(qualifier, URIRef) else None,
                year=_award_year(graph, s, o) if p == ZKG.hasHonor else None,
            )
        )
    return sorted(facts, key=lambda f: (str(f.subject_iri), str(f.predicate_iri), str(f.object)))


def _award_year(graph: Graph, holder: URIRef, honor: Node) -> int | None:
    for award in graph.objects(holder, ZKG.honorAward):
        if isinstance(award, BNode) and graph.value(award, ZKG.honor) == honor:
            return _integer(graph.value(award, ZKG.year))
    return None


def _evidence_number(evidence: URIRef) -> int:
    """The reading-order number at the end of an evidence IRI (`ev:stem-07` → 7)."""
    tail = str(evidence).rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0
