"""Labels of entities and vocabulary terms in the language people read: beside answers' IRIs,
and in place of IRIs in text."""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from kg.errors import BadValue
from kg.namespaces import ONTOLOGY_GRAPH, short
from kg.sparql import Answer, Source, internal_rows, run

LANGUAGES = ("zh", "en")


def checked_language(value: str) -> str:
    """The language code, when labels exist in it."""
    if value not in LANGUAGES:
        raise BadValue(f"language must be one of {', '.join(LANGUAGES)}, not {value!r}")
    return value


def label(source: Source, iri: Node, lang: str = "zh") -> Literal | None:
    """The entity's label in `lang`, falling back to any label; None when it has none."""
    labels: list[Node | None]
    if isinstance(source, Dataset):
        labels = list(source.objects(iri, RDFS.label))
        if not labels:
            labels = list(source.graph(URIRef(ONTOLOGY_GRAPH)).objects(iri, RDFS.label))
    else:
        labels = [r["name"] for r in internal_rows(source, "entity-label.rq", entity=iri)]
    preferred = [name for name in labels if getattr(name, "language", None) == lang]
    found = (preferred or labels or [None])[0]
    return found if isinstance(found, Literal) else None


def label_text(source: Source, term: Node, lang: str = "zh") -> str:
    """The term's label in `lang`, else its short IRI."""
    return str(label(source, term, lang) or short(str(term)))


def with_labels(source: Source, answer: Answer, lang: str = "zh") -> Answer:
    """Add a `<column>Label` beside every column of IRIs that has none, in the chosen language."""
    lookups: dict[Node, Node | None] = {}
    for column in list(answer.columns):
        if f"{column}Label" in answer.columns:
            continue
        iris = {row[column] for row in answer.rows if isinstance(row.get(column), URIRef)}
        if not iris:
            continue
        for iri in iris - lookups.keys():
            lookups[iri] = label(source, iri, lang)
        if all(lookups[iri] is None for iri in iris):
            continue
        answer.columns.insert(answer.columns.index(column) + 1, f"{column}Label")
        for row in answer.rows:
            row[f"{column}Label"] = lookups.get(row.get(column))  # type: ignore[arg-type]
    return answer


def run_with_labels(source: Source, text: str, lang: str = "zh") -> Answer:
    """The answer of any SPARQL query, with labels beside the IRIs of SELECT rows."""
    return with_labels(source, run(source, text), lang)
