"""The dataset's VoID and DCAT description: the fixed part from `ontology/dataset.ttl`, the rest
computed from the data, so that it changes only when the data (or the version) does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version

import pyoxigraph as ox

from kg.classes import ENTITY_CLASSES
from kg.namespaces import ZKG
from kg.resources import package_path

DATASET = "https://w3id.org/zonekg/dataset"
"""The dataset's IRI; the description's own nodes are this IRI and the IRIs under it."""

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
OWL_VERSION_INFO = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_GYEAR = ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
PARTITIONED = (*ENTITY_CLASSES, ZKG.Indicator, ZKG.HonorAward, ZKG.Evidence, ZKG.Source)


@cache
def fixed_description() -> tuple[ox.Quad, ...]:
    path = package_path("ontology", "dataset.ttl")
    return tuple(
        ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    )


@cache
def _fixed_subjects() -> frozenset:
    return frozenset(q.subject for q in fixed_description())


def is_description(quad: ox.Quad) -> bool:
    """Whether a quad of the default graph belongs to a dataset description (an export read
    back has one: it is recomputed, not counted)."""
    subject = quad.subject
    if not isinstance(quad.graph_name, ox.DefaultGraph) or not isinstance(subject, ox.NamedNode):
        return False
    return subject in _fixed_subjects() or subject.value.startswith(DATASET + "/")


def description(default_graph: Iterable[ox.Quad], endpoint: str | None = None) -> list[ox.Quad]:
    """The description of a dataset whose default graph holds `default_graph` (descriptions
    in it are not counted); `endpoint` is the SPARQL endpoint it was pushed to, if any."""
    triples = {quad for quad in default_graph if not is_description(quad)}
    dataset = ox.NamedNode(DATASET)
    members: dict[ox.NamedNode, set] = {ox.NamedNode(c): set() for c in PARTITIONED}
    for t in triples:
        if t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode) and t.object in members:
            members[t.object].add(t.subject)
    entity_classes = {ox.NamedNode(c) for c in ENTITY_CLASSES}
    entities = set().union(*(members[c] for c in entity_classes))
    sources = sorted(members[ox.NamedNode(ZKG.Source)], key=str)
    years = [
        int(t.object.value)
        for t in triples
        if t.subject in set(sources) and t.predicate == ox.NamedNode(ZKG.year) and isinstance(t.object, ox.Literal)
    ]

    def say(predicate: str, obj: ox.NamedNode | ox.Literal, subject: ox.NamedNode = dataset) -> ox.Quad:
        return ox.Quad(subject, ox.NamedNode(predicate), obj)

    computed = [
        say(VOID + "triples", ox.Literal(str(len(triples)), datatype=XSD_INTEGER)),
        say(VOID + "entities", ox.Literal(str(len(entities)), datatype=XSD_INTEGER)),
        say(DCAT + "version", ox.Literal(version("zonekg"))),
        ox.Quad(dataset, OWL_VERSION_INFO, ox.Literal(version("zonekg"))),
        *(say(DCTERMS + "source", source) for source in sources),
    ]
    if years:
        computed.append(say(DCTERMS + "modified", ox.Literal(str(max(years)), datatype=XSD_GYEAR)))
    if endpoint is not None:
        computed.append(say(VOID + "sparqlEndpoint", ox.NamedNode(endpoint)))
    counts = Counter({cls: len(nodes) for cls, nodes in members.items() if nodes})
    for cls in sorted(counts, key=str):
        partition = ox.NamedNode(f"{DATASET}/class/{cls.value.rsplit('#', 1)[-1]}")
        computed += [
            say(VOID + "classPartition", partition),
            say(VOID + "class", cls, partition),
            say(VOID + "entities", ox.Literal(str(counts[cls]), datatype=XSD_INTEGER), partition),
        ]
        if cls in entity_classes:
            computed.append(say(VOID + "exampleResource", min(members[cls], key=str)))
    return [*fixed_description(), *computed]
