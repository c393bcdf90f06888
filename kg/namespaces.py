"""The IRIs of the zonekg vocabulary and the prefixes every query and export share."""

import re
from functools import lru_cache
from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import BadValue

ZKG = Namespace("https://w3id.org/zonekg/ontology#")
ID = Namespace("https://w3id.org/zonekg/id/")
SRC = Namespace("https://w3id.org/zonekg/source/")
EV = Namespace("https://w3id.org/zonekg/evidence/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ONTOLOGY_GRAPH = "https://w3id.org/zonekg/ontology"

PREFIXES: dict[str, str] = {
    "zkg": str(ZKG),
    "id": str(ID),
    "src": str(SRC),
    "ev": str(EV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "dc": str(DC),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "void": str(VOID),
    "dcat": str(DCAT),
    "foaf": str(FOAF),
}


G = TypeVar("G", bound=Graph)


def with_prefixes(graph: G) -> G:
    """The graph (or dataset) with the project's prefixes bound, over rdflib's defaults."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


ABSOLUTE_IRI = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$"
"""Any absolute IRI: a scheme, a colon, and no character that IRIs forbid."""


@lru_cache(maxsize=65536)
def short(iri: str) -> str:
    """The prefixed form of an IRI (`id:byd`) where a project prefix covers it (kept: a chain's
    listing asks for the same few class IRIs thousands of times)."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return f"<{iri}>"


def expand(value: str) -> URIRef:
    """An IRI from its full or prefixed form (`id:byd`, `zkg:Zone`, `<https://…>`): the inverse
    of `short`, which writes any IRI outside the project's prefixes in angle brackets
    (`<urn:x:y>`, `<mailto:…>`)."""
    value = value.strip()
    bracketed = value.startswith("<") and value.endswith(">")
    value = value.removeprefix("<").removesuffix(">")
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if re.match(ABSOLUTE_IRI if bracketed else r"^[a-z][a-z0-9+.-]*://\S+$", value):
        return URIRef(value)
    raise BadValue(f"not an IRI: {value!r}")
