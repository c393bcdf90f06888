"""Labels of entities and vocabulary terms in the language people read: beside answers' IRIs,
and in place of IRIs in text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from kg.bindings import with_rows
from kg.errors import BadValue
from kg.load import ontology_labels
from kg.namespaces import ONTOLOGY_GRAPH, short
from kg.oxigraph_dataset import OxigraphDataset
from kg.resources import internal_query
from kg.sparql import Answer, Source, run
from kg.terms import OxTerm, to_rdflib

LANGUAGES = ("zh", "en")
CHUNK = 500
"""Entities per label query sent to an endpoint: a request of tens of kilobytes at most."""
_RDFS_LABEL = ox.NamedNode(str(RDFS.label))
_ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)
OxGraph = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def checked_language(value: str) -> str:
    """The language code, when labels exist in it."""
    if value not in LANGUAGES:
        raise BadValue(f"language must be one of {', '.join(LANGUAGES)}, not {value!r}")
    return value


def label(source: Source, iri: Node, lang: str = "zh") -> Literal | None:
    """The entity's label in `lang`, falling back to any label; None when it has none."""
    return labels_of(source, [iri], lang)[iri]


def labels_of(source: Source, iris: Iterable[Node], lang: str = "zh") -> dict[Node, Literal | None]:
    """Each entity's `label`: read from a local dataset directly, asked of an endpoint in one
    query per `CHUNK` entities rather than one request each."""
    found: dict[Node, list[Node | None]] = {iri: [] for iri in iris}
    if isinstance(source, Dataset):
        for iri, names in found.items():
            names += _local_labels(source, iri)
    else:
        entities = sorted(found, key=str)
        for start in range(0, len(entities), CHUNK):
            rows = [[iri] for iri in entities[start : start + CHUNK]]
            for row in run(source, with_rows(internal_query("entity-label.rq"), ["entity"], rows)).rows:
                found[row["entity"]].append(row["name"])
    return {iri: _preferred(names, lang) for iri, names in found.items()}


def _local_labels(dataset: Dataset, iri: Node) -> list[Node]:
    """The term's labels in the default graph, else in the ontology's graph. On Oxigraph they are
    read from its store, not through rdflib's view of it, which takes a tenth of a second to set
    up (kg.oxigraph_dataset); while the store's layout is not complete, from the union of its
    graphs and the ontology's file, as kg's own queries read it (`kg.load.build_graph`)."""
    if not isinstance(dataset, OxigraphDataset):
        names = list(dataset.objects(iri, RDFS.label))
        return names or list(dataset.graph(URIRef(ONTOLOGY_GRAPH)).objects(iri, RDFS.label))
    if not isinstance(iri, (URIRef, BNode)):
        return []
    subject = ox.NamedNode(str(iri)) if isinstance(iri, URIRef) else ox.BlankNode(str(iri))
    union = dataset.deferred_store
    if union is not None and isinstance(subject, ox.NamedNode):
        names = _store_labels(union, subject, None)
        return names or [to_rdflib(name) for name in ontology_labels().get(subject, [])]
    store = dataset.oxigraph
    return _store_labels(store, subject, ox.DefaultGraph()) or _store_labels(store, subject, _ONTOLOGY)


def _store_labels(store: ox.Store, subject: ox.NamedNode | ox.BlankNode, graph: OxGraph | None) -> list[Node]:
    return [to_rdflib(cast(OxTerm, quad.object)) for quad in store.quads_for_pattern(subject, _RDFS_LABEL, None, graph)]


def _preferred(labels: list[Node | None], lang: str) -> Literal | None:
    """The label in `lang`, else any; of several, the first in code-point order, whatever order
    the store gave them in."""
    names = [name for name in labels if isinstance(name, Literal)]
    return min(
        [name for name in names if name.language == lang] or names,
        key=lambda name: (str(name), name.language or ""),
        default=None,
    )


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
        lookups.update(labels_of(source, iris - lookups.keys(), lang))
        if all(lookups[iri] is None for iri in iris):
            continue
        answer.columns.insert(answer.columns.index(column) + 1, f"{column}Label")
        for row in answer.rows:
            row[f"{column}Label"] = lookups.get(row.get(column))  # type: ignore[arg-type]
    return answer


def run_with_labels(source: Source, text: str, lang: str = "zh") -> Answer:
    """The answer of any SPARQL query, with labels beside the IRIs of SELECT rows."""
    return with_labels(source, run(source, text), lang)
