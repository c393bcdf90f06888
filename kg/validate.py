"""Validation of the curated data: syntax, SHACL shapes, and the rules SHACL cannot express."""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg import shapes
from kg.classes import ENTITY_CLASSES
from kg.data_files import data_files, rdf_format
from kg.errors import KgError, NotFound
from kg.extract.source import read_article
from kg.hierarchy import broader_cycles
from kg.money import yuan_forms
from kg.namespaces import EV, SRC, ZKG, short
from kg.parse_errors import one_line, syntax_location, syntax_message
from kg.resources import ontology_file, shapes_file
from kg.terms import to_rdflib

DECLARATION_PREDICATES = {RDF.type, RDFS.label, SKOS.altLabel, SKOS.broader}
MONEY_PREDICATES = {ZKG.totalInvestment}
HIERARCHIES = (ZKG.IndustryChain, ZKG.Honor)
MAX_LITERAL = 100_000
"""No quote, name or figure is near this many characters; a longer literal is an error, not data."""
BLANK_TEXT: dict[Node, str] = {
    ZKG.quote: "quote",
    RDFS.label: "label",
    SKOS.altLabel: "alternative name",
    ZKG.metric: "metric",
}
Progress = Callable[[str], None]
TOO_LONG = "a literal or IRI too long to parse (over 16 MiB): no quote or name is near that long"


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
    owners: dict[Node, Node] = field(default_factory=dict)
    cycles: list[list[Node]] = field(default_factory=list)
    terms: dict[object, Node] = field(default_factory=dict)
    """Each distinct pyoxigraph term converted once: conversion dominated reading."""

    def term(self, value: object) -> Node:
        converted = self.terms.get(value)
        if converted is None:
            converted = self.terms[value] = to_rdflib(value)  # type: ignore[arg-type]
        return converted

    def where(self, node: Node) -> str:
        return self.origin.get(self.owner(node), "?")

    def owner(self, node: Node) -> Node:
        """The IRI (or top blank node) a blank node hangs from; `find_owners` fills the map."""
        return self.owners.get(node, node)

    def name(self, node: Node) -> str:
        owner = self.owner(node)
        return "[]" if isinstance(owner, BNode) else short(str(owner))

    def problem(self, node: Node, message: str) -> Problem:
        """A problem of the entity the node describes (a blank node's owner)."""
        return Problem(self.where(node), self.name(node), message)

    def problem_at(self, node: Node, message: str) -> Problem:
        """A problem of the node itself (an evidence, a chain), named as written."""
        return Problem(self.where(node), short(str(node)), message)

    def find_owners(self) -> None:
        """Each blank node's owner, in one pass over the parent links (linear, however deep the
        nesting); blank nodes whose parent links go round in a circle are kept in `cycles`."""
        for start in self.parent:
            if start in self.owners:
                continue
            walk: list[Node] = []
            on_walk: set[Node] = set()
            node: Node = start
            while isinstance(node, BNode) and node in self.parent and node not in self.owners and node not in on_walk:
                walk.append(node)
                on_walk.add(node)
                node = self.parent[node]
            if node in on_walk:
                cycle = walk[walk.index(node) :]
                self.cycles.append(cycle)
                owner: Node = cycle[0]
            else:
                owner = self.owners.get(node, node)
            for visited in walk:
                self.owners[visited] = owner


def _read(paths: list[Path], report: Report, progress: Progress) -> _Data:
    data = _Data()
    for path in paths:
        shown = display_path(path)
        try:
            content = path.read_bytes()
            quads = ox.parse(content, format=rdf_format(path))
        except OSError as error:
            report.problems.append(Problem(shown, "", error.strerror or str(error)))
            continue
        except (KgError, ValueError) as error:
            report.problems.append(Problem(shown, "", one_line(error)))
            continue
        progress(f"reading {shown} ({len(content):,} bytes)")
        try:
            parsed = list(quads)
        except SyntaxError as error:
            report.problems.append(Problem(syntax_location(path, error), "", syntax_message(error)))
            continue
        except MemoryError:  # Oxigraph's parser refuses a term longer than its buffer (16 MiB)
            report.problems.append(Problem(shown, "", TOO_LONG))
            continue
        if not parsed:
            report.problems.append(Problem(shown, "", "no triples: the data file is empty"))
        for quad in parsed:
            _add(data, quad, shown, report)
    progress(f"read {len(data.dataset):,} quads")
    data.terms.clear()
    data.find_owners()
    return data


def _add(data: _Data, quad: ox.Quad, shown: str, report: Report) -> None:
    """Add one quad, unless its literal is too long to be a quote, label or figure."""
    if isinstance(quad.object, ox.Literal) and len(quad.object.value) > MAX_LITERAL:
        subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else "[]"
        report.problems.append(
            Problem(
                shown,
                short(subject),
                f"{short(quad.predicate.value)}: a literal of {len(quad.object.value):,} characters, "
                f"more than the {MAX_LITERAL:,} any quote or name may have",
            )
        )
        return
    s, p, o, g = (data.term(t) for t in (quad.subject, quad.predicate, quad.object, quad.graph_name))
    data.dataset.add((s, p, o, g))  # type: ignore[arg-type]
    data.origin.setdefault(s, shown)
    data.origin.setdefault(g, shown)
    if isinstance(o, BNode):
        data.parent.setdefault(o, s)


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
    """The SHACL shapes, by kg's own checker in one pass (`kg.shapes`; pySHACL takes a
    millisecond per triple), on the data together with the ontology; the SPARQL constraints
    are `check_sparql_shapes`."""
    triples = {(s, p, o) for s, p, o, _ in data.dataset.quads((None, None, None, None))}
    rules = shapes.read_shapes(Graph().parse(shapes_file(), format="turtle"))
    problems = []
    for violation in shapes.check(rules, shapes.Data(triples | set(ontology))):
        focus, path, value = violation.focus, violation.path, violation.value
        detail = violation.message
        if path is not None and not isinstance(path, BNode):
            detail = f"{short(str(path))}: {detail}"
        if value is not None and not isinstance(value, BNode) and str(value) not in detail:
            detail = f"{detail} (value {short(str(value)) if isinstance(value, URIRef) else value.n3()})"
        problems.append(data.problem(focus, detail))
    return problems


def check_sparql_shapes(data: _Data) -> list[Problem]:
    """The shapes' two SPARQL constraints (kg/ontology/shapes.ttl), each in one pass over the data:
    an award's holder also has the plain honour; an evidence IRI starts with its source's stem."""
    ds = data.dataset
    problems = []
    for holder, award in ds.subject_objects(ZKG.honorAward):
        for honour in ds.objects(award, ZKG.honor):
            if (holder, ZKG.hasHonor, honour) not in ds:
                problems.append(
                    data.problem(
                        award,
                        f"The holder of a zkg:honorAward also needs the plain zkg:hasHonor of the same honour (value {short(str(honour))})",
                    )
                )
    for evidence in ds.subjects(RDF.type, ZKG.Evidence):
        for source in ds.objects(evidence, PROV.wasDerivedFrom):
            if not (isinstance(evidence, URIRef) and isinstance(source, URIRef)):
                continue
            stem = str(source)[len(SRC) :] if str(source).startswith(str(SRC)) else ""
            if not str(evidence).startswith(f"{EV}{stem}-"):
                problems.append(
                    data.problem_at(
                        evidence,
                        f"The Evidence IRI must start with the file stem of its prov:wasDerivedFrom source (value {short(str(source))})",
                    )
                )
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
                    data.problem_at(
                        evidence,
                        f"source {short(str(source))} has no file in {corpus}",
                    )
                )
            elif _squash(str(quote)) not in text:
                problems.append(
                    data.problem_at(
                        evidence,
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
            data.problem(
                s,
                f"fact {short(str(p))} is outside any evidence graph: put it in the graph of its quote",
            )
        )
    evidence = set(ds.subjects(RDF.type, ZKG.Evidence))
    for graph in _named_graphs(ds):
        if graph.identifier not in evidence:
            problems.append(
                data.problem_at(graph.identifier, "named graph is not declared a zkg:Evidence with its quote")
            )
    filled = {g.identifier for g in _named_graphs(ds) if len(g)}
    for node in sorted(evidence - filled, key=str):
        problems.append(data.problem_at(node, "evidence has no graph of facts"))
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
            data.problem(
                s,
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
                    data.problem_at(
                        first,
                        f"name {folded!r} is also a name of {', '.join(short(str(e)) for e in others)} ({short(str(cls))}): merge them or rename",
                    )
                )
    return problems


def corpus_dir(corpus: str | Path) -> Path:
    path = Path(corpus)
    if not path.is_dir():
        raise NotFound(f"{path}: corpus folder not found")
    return path


def check_blank_node_cycles(data: _Data) -> list[Problem]:
    """Blank nodes describe one figure or award of one subject: they never contain themselves."""
    return [
        Problem(
            data.where(cycle[0]),
            "[]",
            f"blank nodes contain each other in a circle ({len(cycle)} of them): "
            "an indicator or award must hang from one entity",
        )
        for cycle in data.cycles
    ]


def check_literals(data: _Data) -> list[Problem]:
    """Values that are not what their datatype says ("lots"^^xsd:decimal), and quotes and names
    of whitespace only."""
    problems = []
    for s, p, o, _ in data.dataset.quads((None, None, None, None)):
        if not isinstance(o, Literal):
            continue
        if o.ill_typed:
            problems.append(data.problem(s, f"{short(str(p))}: {str(o)!r} is not a valid {short(str(o.datatype))}"))
        elif p in BLANK_TEXT and not str(o).strip():
            problems.append(data.problem(s, f"{short(str(p))}: the {BLANK_TEXT[p]} is only whitespace"))
    return problems


def check_hierarchies(data: _Data) -> list[Problem]:
    """The skos:broader links of chains and honours form trees: every cycle is named, chain by chain."""
    problems = []
    for cls in HIERARCHIES:
        members = set(data.dataset.subjects(RDF.type, cls))
        broader: dict[Node, set[Node]] = defaultdict(set)
        for s, o in data.dataset.subject_objects(SKOS.broader):
            if s in members:
                broader[s].add(o)
        for cycle in broader_cycles(broader):
            names = " → ".join(_label(data.dataset, node) for node in [*cycle, cycle[0]])
            problems.append(data.problem_at(cycle[0], f"skos:broader goes round in a circle: {names}"))
    return problems


def _label(dataset: Dataset, node: Node) -> str:
    labels = sorted(
        dataset.objects(node, RDFS.label), key=lambda name: (getattr(name, "language", None) != "zh", str(name))
    )
    return str(labels[0]) if labels else short(str(node))


def validate(
    data: str | Path | None = None,
    corpus: str | Path | None = None,
    draft: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Check the data (curated, or a folder or file) and return every problem found.

    Quotes are checked against their sources in the `corpus` folder only when one is given:
    `report.quotes_checked` says whether they were. `progress` hears what is being done, one
    short line per step (for long validations).

    A `draft` (written by `kg extract`) is checked on its own like curated data, except for
    what only a reviewer can supply: an English label still to be written for an entity whose
    proposal says its label needs review. It must also propose every entity and fact it holds.
    """
    with cyclic_gc_paused():
        return _validate(data, corpus, draft, progress or (lambda _: None))


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector paused: validation builds millions of small, acyclic objects,
    and every collection would walk all of them again (a million triples: minutes)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate(data: str | Path | None, corpus: str | Path | None, draft: bool, say: Progress) -> Report:
    report = Report()
    corpus_path = corpus_dir(corpus) if corpus is not None else None
    parsed = _read(data_files(data), report, say)
    ontology = Graph().parse(ontology_file(), format="turtle")
    if draft:
        report.problems += check_draft(parsed)
        fill_pending_labels(parsed)
    checks: list[tuple[str, Callable[[], list[Problem]]]] = [
        ("shapes", lambda: check_shapes(parsed, ontology)),
        ("SPARQL shapes", lambda: check_sparql_shapes(parsed)),
        ("blank nodes", lambda: check_blank_node_cycles(parsed)),
        ("values", lambda: check_literals(parsed)),
        ("hierarchies", lambda: check_hierarchies(parsed)),
        ("evidence", lambda: check_evidence_placement(parsed)),
        ("declarations", lambda: check_declared_objects(parsed, ontology)),
        ("figures", lambda: check_money(parsed)),
        ("names", lambda: check_unique_names(parsed)),
    ]
    if corpus_path is not None:
        checks.append(("quotes", lambda: check_quotes(parsed, corpus_path)))
        report.quotes_checked = True
    for name, check in checks:
        started = time.perf_counter()
        report.problems += check()
        say(f"checked {name} ({time.perf_counter() - started:.1f} s)")
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
                data.problem_at(entity, f"declared entity has {proposed[entity]} zkg:EntityProposal, not one")
            )
    for entity in sorted(set(proposed) - declared, key=str):
        problems.append(data.problem_at(entity, "proposed entity is not declared with an entity class and its labels"))
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
                    data.problem_at(evidence, f"proposed fact {_triple_text(triple)} is not in the graph of its quote")
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
                    data.problem_at(evidence, f"fact {_triple_text(triple)} has no zkg:FactProposal for a reviewer")
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
