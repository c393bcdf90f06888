"""Accepting a reviewed draft into the data: the kept rows become `<stem>.trig` and new declarations.

The result is validated first, on a copy of the data folder with the new files in it; only when
it validates are the files written, both renamed into place together. An article file that
exists is never overwritten unless asked (`overwrite_refused` says so). A new entity that no
kept fact mentions is not declared: it would be held by nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.data_files import data_files, rdf_format
from kg.errors import NotFound
from kg.extract.draft_reader import read_draft
from kg.extract.model import Draft, ProposedEntity, ProposedFact, draft_trig, entity_turtle
from kg.extract.review import Review, fact_key, read_review
from kg.files import write_all_atomic
from kg.namespaces import PREFIXES, short
from kg.terms import to_rdflib
from kg.validate import Problem, validate

ENTITIES_FILE = "entities.ttl"
DECLARATION_PREFIXES = ("zkg", "id", "rdfs", "skos")


@dataclass
class Acceptance:
    """What `accept` did, or would have done: the files, the counts, and the problems that stopped it."""

    article_file: Path
    entities_file: Path
    new_entities: list[URIRef] = field(default_factory=list)
    new_aliases: int = 0
    facts: int = 0
    quotes: int = 0
    dropped_with_entity: int = 0
    unmentioned: list[URIRef] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    quotes_checked: bool = False
    overwrite_refused: bool = False

    @property
    def written(self) -> bool:
        return not self.problems and not self.overwrite_refused


@dataclass(frozen=True)
class _Graph:
    """The data folder as far as accepting needs it: each entity's class and names."""

    classes: dict[URIRef, set[URIRef]]
    names: dict[URIRef, set[str]]


def accept(
    workbook: str | Path,
    data: str | Path,
    draft: str | Path | None = None,
    corpus: str | Path | None = None,
    overwrite: bool = False,
) -> Acceptance:
    """Turn the kept rows of the reviewed `workbook` into files of the `data` folder, if they validate.

    `draft` is the draft the workbook was made for (default: the .trig of the same name beside
    it). `corpus` holds the article, for the quotes.
    """
    workbook, folder = Path(workbook), Path(data)
    if not folder.is_dir():
        raise NotFound(f"{folder}: no such data folder")
    proposed = read_draft(Path(draft) if draft is not None else workbook.with_suffix(".trig"))
    review = read_review(workbook, proposed)
    article_file, entities_file = folder / f"{proposed.meta.stem}.trig", folder / ENTITIES_FILE
    if article_file.exists() and not overwrite:
        return Acceptance(article_file, entities_file, overwrite_refused=True)
    graph = _read_graph(folder)
    result = Acceptance(article_file, entities_file)
    targets = _targets(proposed, review)
    accepted = _accepted_facts(proposed, review, targets, result)
    kept = _declarations(proposed, review, _mentioned(accepted), graph, workbook, result)
    article = draft_trig(Draft(meta=proposed.meta, facts=accepted), review=False)
    new_files = {article_file: article}
    if kept.new or kept.aliases:
        new_files[entities_file] = _entities_text(entities_file, proposed.meta.stem, kept)
    if not result.problems:
        result.problems, result.quotes_checked = _validation(folder, new_files, corpus)
    if not result.problems:
        write_all_atomic({path: text.encode("utf-8") for path, text in new_files.items()})
    return result


def _read_graph(folder: Path) -> _Graph:
    classes: dict[URIRef, set[URIRef]] = defaultdict(set)
    names: dict[URIRef, set[str]] = defaultdict(set)
    for path in data_files(folder):
        try:
            quads = list(ox.parse(path=str(path), format=rdf_format(path)))
        except (SyntaxError, OSError, ValueError):
            continue  # validation of the result names the broken file
        for quad in quads:
            s, p, o = (to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object))
            if p == RDF.type and isinstance(s, URIRef) and isinstance(o, URIRef):
                classes[s].add(o)
            elif p in (RDFS.label, SKOS.altLabel) and isinstance(s, URIRef) and getattr(o, "language", None) == "zh":
                names[s].add(str(o))
    return _Graph(dict(classes), dict(names))


def _targets(draft: Draft, review: Review) -> dict[URIRef, URIRef]:
    """The IRI each kept entity of the draft goes to (its own, or the one the reviewer wrote)."""
    targets = {}
    for entity in draft.entities:
        decision = review.entities.get(entity.iri)
        if decision is not None and decision.keep:
            targets[entity.iri] = decision.iri
    return targets


def _mentioned(facts: list[ProposedFact]) -> set[URIRef]:
    return {f.subject_iri for f in facts} | {f.object for f in facts if isinstance(f.object, URIRef)}


@dataclass
class _Kept:
    """The declarations still to write: new entities, and new names of entities the data has."""

    new: list[ProposedEntity] = field(default_factory=list)
    aliases: dict[URIRef, list[str]] = field(default_factory=dict)


def _declarations(
    draft: Draft, review: Review, mentioned: set[URIRef], graph: _Graph, workbook: Path, result: Acceptance
) -> _Kept:
    """Kept entities that a kept fact mentions; one that none mentions would be held by nothing."""
    kept = _Kept()
    groups: dict[URIRef, list[tuple[ProposedEntity, str]]] = defaultdict(list)
    for entity in draft.entities:
        decision = review.entities.get(entity.iri)
        if decision is None or not decision.keep:
            continue
        if decision.iri in mentioned:
            groups[decision.iri].append((entity, decision.label_en))
        elif decision.iri not in graph.classes:
            result.unmentioned.append(decision.iri)
    for iri, members in sorted(groups.items()):
        names = _names(members)
        if iri in graph.classes:
            _check_class(iri, members, graph.classes[iri], workbook, result)
            extra = [name for name in names if name not in graph.names.get(iri, set())]
            if extra:
                kept.aliases[iri] = extra
            continue
        entity, english = members[0]
        _check_class(iri, members, {entity.cls}, workbook, result)
        if not english:
            result.problems.append(
                Problem(str(workbook), short(str(iri)), f"the English label of {entity.name} is empty: write one")
            )
        kept.new.append(replace(entity, iri=iri, name=names[0], aliases=tuple(names[1:]), label_en=english))
    result.new_entities = [entity.iri for entity in kept.new]
    result.new_aliases = sum(len(names) for names in kept.aliases.values())
    return kept


def _names(members: list[tuple[ProposedEntity, str]]) -> list[str]:
    """Every Chinese name of the merged entities, the first entity's label first."""
    names = [name for entity, _ in members for name in (entity.name, *entity.aliases)]
    return list(dict.fromkeys(names))


def _check_class(
    iri: URIRef, members: list[tuple[ProposedEntity, str]], classes: set, workbook: Path, result: Acceptance
) -> None:
    for entity, _ in members:
        if entity.cls not in classes:
            result.problems.append(
                Problem(
                    str(workbook),
                    short(str(iri)),
                    f"{entity.name} is a {short(str(entity.cls))} but {short(str(iri))} is a "
                    f"{', '.join(sorted(short(str(c)) for c in classes))}: choose another IRI",
                )
            )


def _accepted_facts(
    draft: Draft, review: Review, targets: dict[URIRef, URIRef], result: Acceptance
) -> list[ProposedFact]:
    drafted = {entity.iri for entity in draft.entities}
    evidence = draft.evidence_iris()
    accepted = []
    for fact in draft.facts:
        if not review.keeps_fact(fact_key(evidence[(fact.start, fact.quote)], fact)):
            continue
        ends = [term for term in (fact.subject_iri, fact.object) if term in drafted]
        if any(term not in targets for term in ends):
            result.dropped_with_entity += 1
            continue
        target = targets.get(fact.object, fact.object) if isinstance(fact.object, URIRef) else fact.object
        accepted.append(replace(fact, subject_iri=targets.get(fact.subject_iri, fact.subject_iri), object=target))
    result.facts = len({(f.quote, f.start, f.triple) for f in accepted})
    result.quotes = len({(f.start, f.quote) for f in accepted})
    return accepted


def _entities_text(path: Path, stem: str, kept: _Kept) -> str:
    """entities.ttl with the new declarations and aliases appended (created when the folder has none)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    prefixes = [
        f"@prefix {p}: <{PREFIXES[p]}> ." for p in DECLARATION_PREFIXES if f"@prefix {p}: <{PREFIXES[p]}>" not in text
    ]
    added = [f"# {stem} (kg accept)", ""]
    declarations = entity_turtle(kept.new)
    if declarations:
        added.append(declarations)
    for iri, names in sorted(kept.aliases.items()):
        added.append(f"{short(str(iri))} skos:altLabel {' , '.join(Literal(n, lang='zh').n3() for n in names)} .")
    head = text.rstrip("\n") + "\n\n" if text.strip() else ""
    return head + "\n".join(prefixes + ([""] if prefixes else []) + added).rstrip("\n") + "\n"


def _validation(folder: Path, new_files: dict[Path, str], corpus: str | Path | None) -> tuple[list[Problem], bool]:
    """The problems (named as in the folder) of the folder's data with the new files in it, and
    whether quotes were checked (only with a corpus)."""
    with tempfile.TemporaryDirectory(prefix="kg-accept-") as scratch:
        copy = Path(scratch)
        for path in data_files(folder):
            shutil.copy2(path, copy / path.name)
        for path, text in new_files.items():
            (copy / path.name).write_text(text, encoding="utf-8")
        report = validate(copy, corpus)
        problems = [
            Problem(problem.location.replace(str(copy), str(folder)), problem.entity, problem.message)
            for problem in report.problems
        ]
        return problems, report.quotes_checked
