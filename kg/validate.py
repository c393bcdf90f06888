"""Validation of the curated data: syntax, SHACL shapes, and the rules SHACL cannot express."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.classes import ENTITY_CLASSES
from kg.errors import NotFound
from kg.extract.source import read_article
from kg.load import data_files, rdf_format
from kg.money import yuan_forms
from kg.namespaces import SRC, ZKG, short
from kg.parse_errors import one_line, syntax_location, syntax_message
from kg.resources import ontology_file, shapes_file
from kg.terms import to_rdflib

DECLARATION_PREDICATES = {RDF.type, RDFS.label, SKOS.altLabel, SKOS.broader}
MONEY_PREDICATES = {ZKG.totalInvestment}


@dataclass(frozen=True, order=True)
class Problem:
    location: str
    entity: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.entity}: {self.message}" if self.entity else f"{self.location}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    quotes_checked: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Data:
    """The parsed files, kept apart from the merge so each rule can name the file at fault."""

    dataset: Dataset = field(default_factory=Dataset)
    origin: dict[Node, str] = field(default_factory=dict)
    parent: dict[BNode, Node] = field(default_factory=dict)

    def where(self, node: Node) -> str:
        return self.origin.get(self.owner(node), "?")

    def owner(self, node: Node) -> Node:
        while isinstance(node, BNode) and node in self.parent:
            node = self.parent[node]
        return node

    def name(self, node: Node) -> str:
        owner = self.owner(node)
        return "[]" if isinstance(owner, BNode) else short(str(owner))


def _read(paths: list[Path], report: Report) -> _Data:
    data = _Data()
    for path in paths:
        try:
            quads = list(ox.parse(path=str(path), format=rdf_format(path)))
        except SyntaxError as error:
            report.problems.append(Problem(syntax_location(path, error), "", syntax_message(error)))
            continue
        except (OSError, ValueError) as error:
            report.problems.append(Problem(str(path), "", one_line(error)))
            continue
        shown = display_path(path)
        for quad in quads:
            s, p, o, g = (to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object, quad.graph_name))
            data.dataset.add((s, p, o, g))  # type: ignore[arg-type]
            data.origin.setdefault(s, shown)
            data.origin.setdefault(g, shown)
            if isinstance(o, BNode):
                data.parent.setdefault(o, s)
    return data


def display_path(path: Path) -> str:
    """The path as the user can open it: relative to the working folder when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _named_graphs(dataset: Dataset) -> list[Graph]:
    return [g for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID]


def check_shapes(data: _Data, ontology: Graph) -> list[Problem]:
    union = Graph()
    for s, p, o, _ in data.dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    shapes = Graph().parse(shapes_file(), format="turtle")
    _, results, _ = pyshacl.validate(
        union, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=False
    )
    SH = "http://www.w3.org/ns/shacl#"
    problems = []
    for result in results.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        focus = results.value(result, URIRef(SH + "focusNode"))
        path = results.value(result, URIRef(SH + "resultPath"))
        value = results.value(result, URIRef(SH + "value"))
        message = str(results.value(result, URIRef(SH + "resultMessage")) or "violates a shape")
        detail = " ".join(message.split())
        if path is not None and not isinstance(path, BNode):
            detail = f"{short(str(path))}: {detail}"
        if value is not None and not isinstance(value, BNode) and str(value) not in detail:
            detail = f"{detail} (value {short(str(value)) if isinstance(value, URIRef) else value.n3()})"
        problems.append(Problem(data.where(focus), data.name(focus), detail))
    return problems


def check_quotes(data: _Data, corpus: Path) -> list[Problem]:
    """Every quote occurs verbatim in its source, whitespace removed from both."""
    texts: dict[Node, str | None] = {}
    problems = []
    for evidence, quote in data.dataset.subject_objects(ZKG.quote):
        for source in data.dataset.objects(evidence, PROV.wasDerivedFrom):
            if source not in texts:
                texts[source] = _source_text(corpus, source)
            text = texts[source]
            if text is None:
                problems.append(
                    Problem(
                        data.where(evidence),
                        short(str(evidence)),
                        f"source {short(str(source))} has no file in {corpus}",
                    )
                )
            elif _squash(str(quote)) not in text:
                problems.append(
                    Problem(
                        data.where(evidence),
                        short(str(evidence)),
                        f"quote not found verbatim in {short(str(source))}: {_clip(str(quote))}",
                    )
                )
    return problems


ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def _source_text(corpus: Path, source: Node) -> str | None:
    """The article a source names, whitespace removed: `<stem>.txt` (UTF-8 or GBK) or `<stem>.html` in the corpus."""
    if not str(source).startswith(str(SRC)):
        return None
    stem = str(source)[len(SRC) :]
    for suffix in ARTICLE_SUFFIXES:
        path = corpus / f"{stem}{suffix}"
        if path.is_file():
            return _squash(read_article(path).text)
    return None


def _squash(text: str) -> str:
    return "".join(text.split())


def _clip(text: str, width: int = 40) -> str:
    text = _squash(text)
    return text if len(text) <= width else text[:width] + "…"


def check_evidence_placement(data: _Data) -> list[Problem]:
    """Every fact but types, labels and the chain hierarchy sits in an evidence graph."""
    ds = data.dataset
    exempt = set(ds.subjects(RDF.type, ZKG.Evidence)) | set(ds.subjects(RDF.type, ZKG.Source))
    problems = []
    for s, p, _o in ds.default_graph:
        if p in DECLARATION_PREDICATES or data.owner(s) in exempt:
            continue
        problems.append(
            Problem(
                data.where(s),
                data.name(s),
                f"fact {short(str(p))} is outside any evidence graph: put it in the graph of its quote",
            )
        )
    evidence = set(ds.subjects(RDF.type, ZKG.Evidence))
    for graph in _named_graphs(ds):
        if graph.identifier not in evidence:
            problems.append(
                Problem(
                    data.where(graph.identifier),
                    short(str(graph.identifier)),
                    "named graph is not declared a zkg:Evidence with its quote",
                )
            )
    filled = {g.identifier for g in _named_graphs(ds) if len(g)}
    for node in sorted(evidence - filled, key=str):
        problems.append(Problem(data.where(node), short(str(node)), "evidence has no graph of facts"))
    return problems


def check_declared_objects(data: _Data, ontology: Graph) -> list[Problem]:
    """Every IRI used as an object is declared with a type (in the data or the ontology)."""
    ds = data.dataset
    typed = set(ds.subjects(RDF.type, None)) | set(ontology.subjects(RDF.type, None))
    problems = []
    seen = set()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if p == RDF.type or not isinstance(o, URIRef) or o in typed or (s, o) in seen:
            continue
        seen.add((s, o))
        problems.append(
            Problem(
                data.where(s),
                data.name(s),
                f"{short(str(p))} points at {short(str(o))}, which is not declared with a type",
            )
        )
    return problems


def check_money(data: _Data) -> list[Problem]:
    """Every investment figure (and every indicator in 元) appears in its quote in 亿元 or 万元."""
    ds = data.dataset
    problems = []
    for graph in _named_graphs(ds):
        quote = _squash(" ".join(str(q) for q in ds.objects(graph.identifier, ZKG.quote)))
        for s, p, o in graph:
            if not (p in MONEY_PREDICATES or (p == ZKG.value and "元" in map(str, graph.objects(s, ZKG.unit)))):
                continue
            try:
                amount = Decimal(str(o))
            except InvalidOperation:
                continue
            forms = yuan_forms(amount)
            if not any(form in quote for form in forms):
                problems.append(
                    Problem(
                        data.where(graph.identifier),
                        data.name(s),
                        f"{short(str(p))} {o} appears in its quote neither as {' nor '.join(forms)}",
                    )
                )
    return problems


def check_unique_names(data: _Data) -> list[Problem]:
    """No two IRIs of one class share a label or altLabel: one entity, one IRI."""
    ds = data.dataset
    problems = []
    for cls in ENTITY_CLASSES:
        holders: dict[tuple[str, str | None], set[Node]] = defaultdict(set)
        for entity in ds.subjects(RDF.type, cls):
            for predicate in (RDFS.label, SKOS.altLabel):
                for name in ds.objects(entity, predicate):
                    holders[(_squash(str(name)).casefold(), getattr(name, "language", None))].add(entity)
        for (folded, _), entities in sorted(holders.items()):
            if len(entities) > 1:
                first, *others = sorted(entities, key=str)
                problems.append(
                    Problem(
                        data.where(first),
                        short(str(first)),
                        f"name {folded!r} is also a name of {', '.join(short(str(e)) for e in others)} ({short(str(cls))}): merge them or rename",
                    )
                )
    return problems


def corpus_dir(corpus: str | Path) -> Path:
    path = Path(corpus)
    if not path.is_dir():
        raise NotFound(f"{path}: corpus folder not found")
    return path


def validate(data: str | Path | None = None, corpus: str | Path | None = None, draft: bool = False) -> Report:
    """Check the data (curated, or a folder or file) and return every problem found.

    Quotes are checked against their sources in the `corpus` folder only when one is given:
    `report.quotes_checked` says whether they were.

    A `draft` (written by `kg extract`) is checked on its own like curated data, except for
    what only a reviewer can supply: an English label still to be written for an entity whose
    proposal says its label needs review. It must also propose every entity and fact it holds.
    """
    report = Report()
    corpus_path = corpus_dir(corpus) if corpus is not None else None
    parsed = _read(data_files(data), report)
    ontology = Graph().parse(ontology_file(), format="turtle")
    if draft:
        report.problems += check_draft(parsed)
        fill_pending_labels(parsed)
    report.problems += check_shapes(parsed, ontology)
    report.problems += check_evidence_placement(parsed)
    report.problems += check_declared_objects(parsed, ontology)
    report.problems += check_money(parsed)
    report.problems += check_unique_names(parsed)
    if corpus_path is not None:
        report.problems += check_quotes(parsed, corpus_path)
        report.quotes_checked = True
    report.problems = sorted(set(report.problems))
    return report


PENDING_LABEL = "(English label to be written by a reviewer)"
COMPANIONS = {ZKG.valueQualifier, ZKG.honorAward}


def fill_pending_labels(data: _Data) -> None:
    """Stand a placeholder in for each English label a draft leaves to its reviewer."""
    ds = data.dataset
    for proposal in ds.subjects(RDF.type, ZKG.EntityProposal):
        entity = ds.value(proposal, ZKG.entity)
        if entity is None or ds.value(proposal, ZKG.labelNeedsReview) != Literal(True):
            continue
        if not any(getattr(label, "language", None) == "en" for label in ds.objects(entity, RDFS.label)):
            ds.add((entity, RDFS.label, Literal(f"{PENDING_LABEL} {short(str(entity))}", lang="en")))


def check_draft(data: _Data) -> list[Problem]:
    """A draft names one source, proposes each entity it declares once, and proposes each fact in the graph of its quote."""
    ds = data.dataset
    problems = []
    sources = sorted(ds.subjects(RDF.type, ZKG.Source), key=str)
    if len(sources) != 1:
        where = data.where(sources[0]) if sources else "draft"
        problems.append(Problem(where, "", f"a draft holds exactly one zkg:Source, not {len(sources)}"))
    proposed: dict[Node, int] = defaultdict(int)
    for proposal in ds.subjects(RDF.type, ZKG.EntityProposal):
        for entity in ds.objects(proposal, ZKG.entity):
            proposed[entity] += 1
    declared = {e for cls in ENTITY_CLASSES for e in ds.subjects(RDF.type, cls)}
    for entity in sorted(declared, key=str):
        if proposed[entity] != 1:
            problems.append(
                Problem(
                    data.where(entity),
                    short(str(entity)),
                    f"declared entity has {proposed[entity]} zkg:EntityProposal, not one",
                )
            )
    for entity in sorted(set(proposed) - declared, key=str):
        problems.append(
            Problem(
                data.where(entity),
                short(str(entity)),
                "proposed entity is not declared with an entity class and its labels",
            )
        )
    problems += _check_fact_proposals(data)
    return problems


def _check_fact_proposals(data: _Data) -> list[Problem]:
    ds = data.dataset
    problems = []
    for graph in _named_graphs(ds):
        evidence = graph.identifier
        stated = set()
        for proposal in ds.objects(evidence, ZKG.proposedFact):
            triple = (
                ds.value(proposal, RDF.subject),
                ds.value(proposal, RDF.predicate),
                ds.value(proposal, RDF.object),
            )
            stated.add(triple)
            if triple not in graph:
                problems.append(
                    Problem(
                        data.where(evidence),
                        short(str(evidence)),
                        f"proposed fact {_triple_text(triple)} is not in the graph of its quote",
                    )
                )
        for triple in sorted(graph, key=lambda t: tuple(map(str, t))):
            s, p, _ = triple
            if isinstance(s, BNode):
                continue
            if (s, RDF.type, None) not in ds:
                problems.append(
                    Problem(data.where(evidence), short(str(s)), "subject of a fact is not declared with a type")
                )
            if triple not in stated and p not in COMPANIONS:
                problems.append(
                    Problem(
                        data.where(evidence),
                        short(str(evidence)),
                        f"fact {_triple_text(triple)} has no zkg:FactProposal for a reviewer",
                    )
                )
    return problems


def _triple_text(triple: tuple) -> str:
    return " ".join(_term_text(term) for term in triple)


def _term_text(term: Node | None) -> str:
    if isinstance(term, URIRef):
        return short(str(term))
    if isinstance(term, Literal) and term.datatype in (XSD.decimal, XSD.integer):
        return str(term)
    return term.n3() if term is not None else "(none)"
