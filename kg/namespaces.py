"""The IRIs of the zonekg vocabulary and the prefixes every query and export share."""
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

ZKG = Namespace("https://w3id.org/zonekg/ontology#")
ID = Namespace("https://w3id.org/zonekg/id/")
SRC = Namespace("https://w3id.org/zonekg/source/")
EV = Namespace("https://w3id.org/zonekg/evidence/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
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
    "schema": str(SCHEMA),
    "org": str(ORG),
}

ENTITY_CLASSES = (
    ZKG.Zone,
    ZKG.Enterprise,
    ZKG.Project,
    ZKG.Platform,
    ZKG.TalentInstitution,
    ZKG.IndustryChain,
    ZKG.Region,
    ZKG.Honor,
)


def short(iri: str) -> str:
    """The prefixed form of an IRI (`id:byd`) where a project prefix covers it."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"
