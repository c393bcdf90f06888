import pyoxigraph as ox
import pytest

from kg.load import load_graph
from kg.skolem import skolem_iris, skolemised

EX = "http://example.org/"
USER_DATA = f"""
@prefix ex: <{EX}> .
@prefix zkg: <https://w3id.org/zonekg/ontology#> .
ex:a ex:figure [ a zkg:Indicator ; ex:value 1 ] , [ a zkg:Indicator ; ex:value 2 ] .
ex:b ex:knows _:x .
_:x ex:knows _:y .
_:y ex:knows _:x .
_:p ex:knows _:q . _:q ex:knows _:p .
_:r ex:knows _:s . _:s ex:knows _:r .
ex:c ex:twin [ ex:v 1 ] , [ ex:v 1 ] .
"""


def quads(text: str) -> list[ox.Quad]:
    return list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))


def skolemised_text(text: str) -> list[str]:
    parsed = quads(text)
    iris = skolem_iris(parsed)
    return sorted(str(skolemised(q, iris)) for q in parsed)


def relabelled(text: str) -> str:
    """The same graph with other blank node labels and statements in another order."""
    renamed = text.replace("_:x", "_:n9").replace("_:y", "_:n1").replace("_:p", "_:z3").replace("_:s", "_:a0")
    lines = renamed.strip().splitlines()
    return "\n".join([*lines[:2], *reversed(lines[2:])])


def test_blank_nodes_get_iris_from_their_content_whatever_their_labels():
    first = skolemised_text(USER_DATA)
    assert first == skolemised_text(USER_DATA) == skolemised_text(relabelled(USER_DATA))
    assert not any("_:" in line for line in first)
    assert any("https://w3id.org/zonekg/id/indicator-" in line for line in first)
    assert any("https://w3id.org/zonekg/id/genid-" in line for line in first)


def test_skolemised_graph_is_isomorphic_to_the_parsed_one_cycles_and_twins_included():
    from rdflib import BNode, Graph
    from rdflib.compare import isomorphic

    parsed = Graph().parse(data=USER_DATA, format="turtle")
    skolemised_graph = Graph().parse(data="".join(f"{line} .\n" for line in skolemised_text(USER_DATA)), format="nt")

    def blank(term):
        return BNode(str(term).rsplit("-", 1)[-1]) if str(term).startswith("https://w3id.org/zonekg/id/") else term

    back = Graph()
    for s, p, o in skolemised_graph:
        back.add((blank(s), p, blank(o)))
    assert len(back) == len(parsed) == 17
    assert isomorphic(back, parsed)


def test_an_iri_depends_on_its_own_neighbourhood_only():
    alone = skolemised_text(f"@prefix ex: <{EX}> . ex:a ex:f [ ex:v 1 ] .")
    with_more = skolemised_text(f"@prefix ex: <{EX}> . ex:a ex:f [ ex:v 1 ] . ex:b ex:f [ ex:g [ ex:v 2 ] ] .")
    assert set(alone) <= set(with_more)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_user_data_with_blank_nodes_loads_the_same_on_every_engine_and_run(tmp_path, engine):
    from kg.export import dataset_quads

    path = tmp_path / "user.ttl"
    path.write_text(USER_DATA, encoding="utf-8")
    loaded = sorted(map(str, dataset_quads(load_graph(path, engine=engine, with_ontology=False))))
    assert loaded == sorted(map(str, dataset_quads(load_graph(path, with_ontology=False))))
    assert not any("_:" in quad for quad in loaded)


def test_query_json_never_shows_a_blank_node(runner, tmp_path):
    import json

    from conftest import run

    path = tmp_path / "user.ttl"
    path.write_text(USER_DATA, encoding="utf-8")
    result = run(
        runner,
        "--data",
        str(path),
        "sparql",
        "SELECT ?s ?o WHERE { ?s ?p ?o FILTER (?p != rdfs:label) }",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 17
    assert all(row["s"].startswith("http") for row in rows)
    assert all(str(row["o"]).startswith("http") for row in rows if not isinstance(row["o"], int))
