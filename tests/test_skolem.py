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


def nested_trig(levels: int) -> str:
    """`levels` blank nodes each holding the next, in a named graph (the load copies them into
    the default graph too)."""
    chain = "".join(f"_:b{i} <{EX}v> _:b{i + 1} .\n" for i in range(levels))
    return f"<{EX}g> {{\n<{EX}x> <{EX}p> _:b0 .\n{chain}}}\n"


def test_twenty_thousand_nested_blank_nodes_load_without_hanging(tmp_path):
    """Deep nesting takes time linear in the quads: 20,000 levels once took half an hour."""
    import subprocess
    import sys

    path = tmp_path / "nested.trig"
    path.write_text(nested_trig(20_000), encoding="utf-8")
    script = (
        "import sys; from kg.load import load_graph; from kg.export import dataset_quads\n"
        "quads = [str(q) for q in dataset_quads(load_graph(sys.argv[1], with_ontology=False))]\n"
        "print(len(quads), sum('_:' in q for q in quads), len(set(q.split()[0] for q in quads)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=90, check=True
    )
    count, blank, subjects = map(int, result.stdout.split())
    assert blank == 0 and count >= 20_001 and subjects >= 20_001


def ring(size: int, start: int) -> str:
    """A ring of `size` blank nodes, each holding the next, written from node `start` on."""
    return "".join(f"_:r{i} ex:next _:r{(i + 1) % size} .\n" for i in [*range(start, size), *range(start)])


def test_a_ring_of_five_thousand_blank_nodes_gets_the_same_iris_from_any_start():
    prefix, link = f"@prefix ex: <{EX}> .\n", "ex:a ex:in _:r0 .\n"
    first = skolemised_text(prefix + link + ring(5_000, 0))
    assert first == skolemised_text(prefix + (ring(5_000, 1234) + link).replace("_:r", "_:n"))
    assert len({line.split()[0] for line in first}) == 5_001


def test_wide_fan_out_with_twins_is_independent_of_order():
    rows = [f"ex:a ex:f [ ex:v {i % 1000} ] ." for i in range(20_000)]
    head = f"@prefix ex: <{EX}> .\n"
    first = skolemised_text(head + "\n".join(rows))
    assert first == skolemised_text(head + "\n".join(reversed(rows)))
    assert len({line.split()[2] for line in first if f"<{EX}f>" in line}) == 20_000


def test_shapes_that_are_no_tree_nor_ring_get_the_same_iris_whatever_the_labels():
    shared = f"""@prefix ex: <{EX}> .
ex:a ex:f _:u , _:w .
_:u ex:p _:x . _:u ex:q _:y . _:x ex:v 1 . _:y ex:v 1 .
_:w ex:p _:z . _:w ex:q _:z . _:z ex:v 1 .
_:k ex:p _:k .
"""
    first = skolemised_text(shared)
    assert first == skolemised_text(shared.replace("_:u", "_:t").replace("_:x", "_:m").replace("_:z", "_:c"))
    assert len({line.split()[0] for line in first if "zonekg" in line.split()[0]}) == 6
