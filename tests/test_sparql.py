import pytest
from rdflib import Literal

from conftest import assert_one_line_error
from conftest import run as kg
from kg.errors import BadQuery
from kg.load import load_graph
from kg.sparql import run


def test_bound_values_stay_values(mini):
    hostile = 'x" } ; DROP ALL ; SELECT * { "'
    answer = run(load_graph(mini), "SELECT ?v ?x WHERE { BIND (STRLEN(?v) AS ?x) }", {"v": Literal(hostile)})
    assert int(answer.rows[0]["x"]) == len(hostile)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(
    "text",
    ["SELECT ?x WHERE { ?x ?y }", "SELECT ?x { ?x ?p ?o FILTER (nope:f(?x)) }", "INSERT DATA { id:a id:b id:c }"],
)
def test_malformed_sparql_is_a_bad_query(mini, engine, text):
    with pytest.raises(BadQuery, match="malformed SPARQL"):
        run(load_graph(mini, engine=engine), text)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_binding_that_is_no_rdf_term_is_a_programming_error(mini, engine):
    with pytest.raises(TypeError, match="not an RDF term"):
        run(load_graph(mini, engine=engine), "SELECT ?x WHERE { }", {"x": 42})  # type: ignore[dict-item]


def test_cli_sparql_kinds_and_errors(runner, tmp_path):
    select = kg(runner, "sparql", "SELECT ?z WHERE { ?z a zkg:Zone } ORDER BY ?z", "--format", "csv")
    assert select.exit_code == 0 and select.stdout_bytes.decode("utf-8").startswith("\ufeffz,zLabel\r\n")
    assert kg(runner, "sparql", "ASK { id:byd a zkg:Enterprise }").output.strip() == "true"
    construct = kg(runner, "sparql", "CONSTRUCT { ?z a zkg:Zone } WHERE { ?z a zkg:Zone }")
    assert "zkg:Zone" in construct.output
    query_file = tmp_path / "q.rq"
    query_file.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    assert kg(runner, "sparql", "-f", str(query_file)).exit_code == 0
    assert_one_line_error(kg(runner, "sparql", "SELECT ?x WHERE { ?x ?y }"), "malformed SPARQL")
    assert_one_line_error(kg(runner, "sparql", "-f", str(tmp_path / "none.rq")), "none.rq")
    assert_one_line_error(kg(runner, "sparql"), "give a query or -f FILE")
