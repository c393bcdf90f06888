"""kg's own SHACL checker against pySHACL, the reference implementation, on faulty data."""

from __future__ import annotations

import pyshacl
import pytest
from rdflib import BNode, Dataset, Graph
from rdflib.namespace import RDF

from kg import shapes
from kg.resources import ontology_file, shapes_file

SPARQL_SHAPES = ("HonorAwardHasHonorShape", "EvidenceOfItsSourceShape")
FAULTS = [
    (None, None),
    ('"5894000000"^^xsd:decimal', '"5.894E9"^^xsd:double'),
    ('"5894000000"^^xsd:decimal', '"-5"^^xsd:decimal'),
    ('"5894000000"^^xsd:decimal', '"lots"^^xsd:decimal'),
    ("zkg:signedYear 2023", "zkg:signedYear 1850"),
    ("zkg:signedYear 2023", 'zkg:signedYear "twenty"^^xsd:integer'),
    ("zkg:signedYear 2023", "zkg:signedYear 2023, 2024"),
    ("zkg:status zkg:Signed", "zkg:status zkg:Dreaming"),
    ('"示例高分子项目"@zh , "Example Polymer Project"@en', '"示例高分子项目"@zh'),
    ('"示例高分子项目"@zh , "Example Polymer Project"@en', '"示例高分子项目"@zh , "项目"@zh , "P"@en , "P"@fr'),
    ('zkg:quote "示例开发区位于示例市。"@zh ;', 'zkg:quote "示例开发区位于示例市。"@zh , "示"@zh ;'),
    ('zkg:quote "示例开发区位于示例市。"@zh ;', 'zkg:quote "示例开发区位于示例市。" ;'),
    ("prov:wasDerivedFrom src:mini .\nev:mini-01 {", "prov:wasDerivedFrom id:example-zone .\nev:mini-01 {"),
    (
        "id:example-zone zkg:locatedIn id:region-example-city .",
        "id:example-zone zkg:locatedIn id:example-materials ; zkg:investor id:example-materials ; "
        'zkg:hasIndicator [ a zkg:Indicator ; zkg:metric "产值"@zh ; zkg:value "1"^^xsd:decimal ; zkg:unit "元" ; '
        'zkg:color "red" ] , [ a zkg:Indicator ; zkg:unit "" ] .',
    ),
    (
        "id:example-materials a zkg:Enterprise",
        "<https://w3id.org/zonekg/id/Bad_IRI> a zkg:Enterprise ; "
        'rdfs:label "坏"@zh , "Bad"@en . id:example-materials a zkg:Enterprise',
    ),
    ("skos:broader id:chain-new-materials", "skos:broader id:example-zone"),
]


def results_of_pyshacl(graph: Graph, ontology: Graph) -> set[tuple]:
    rules = Graph().parse(shapes_file(), format="turtle")
    for name in SPARQL_SHAPES:
        rules.remove((shapes_namespace()[name], shapes.SH.sparql, None))
    _, report, _ = pyshacl.validate(graph, shacl_graph=rules, ont_graph=ontology, inference="none")
    found = set()
    for result in report.subjects(RDF.type, shapes.SH.ValidationResult):
        path = report.value(result, shapes.SH.resultPath)
        message = " ".join(str(report.value(result, shapes.SH.resultMessage)).split())
        if " is closed. It cannot have value: " in message:  # pySHACL's own wording
            message = shapes.CLOSED
        found.add((report.value(result, shapes.SH.focusNode), None if isinstance(path, BNode) else path, message))
    return found


def shapes_namespace():
    from rdflib import Namespace

    return Namespace("https://w3id.org/zonekg/shapes#")


@pytest.mark.parametrize("old, new", FAULTS)
def test_the_same_violations_as_pyshacl(mini, old, new):
    text = mini.read_text(encoding="utf-8")
    if old is not None:
        assert old in text
        text = text.replace(old, new)
    dataset = Dataset()
    dataset.parse(data=text, format="trig")
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    ontology = Graph().parse(ontology_file(), format="turtle")
    rules = shapes.read_shapes(Graph().parse(shapes_file(), format="turtle"))
    ours = {
        (v.focus, None if isinstance(v.path, BNode) else v.path, v.message)
        for v in shapes.check(rules, shapes.Data(set(graph) | set(ontology)))
    }
    theirs = results_of_pyshacl(graph, ontology)
    bnodes = lambda found: {r for r in found if not isinstance(r[0], BNode)}  # noqa: E731
    assert bnodes(ours) == bnodes(theirs)
    assert len({r for r in ours if isinstance(r[0], BNode)}) == len({r for r in theirs if isinstance(r[0], BNode)})
    if old is not None:
        assert ours, "each fault is found"


def test_shapes_the_checker_lacks_are_refused():
    from kg.errors import KgError

    graph = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . [] sh:targetClass [] ; sh:xone () .", format="turtle"
    )
    with pytest.raises(KgError, match="xone"):
        shapes.read_shapes(graph)
