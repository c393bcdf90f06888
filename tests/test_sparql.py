import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from conftest import NAMED, assert_one_line_error, comparable_rows
from conftest import run as kg
from kg.errors import BadQuery
from kg.load import load_graph
from kg.named import run_named
from kg.namespaces import ONTOLOGY_GRAPH
from kg.resources import internal_query, package_path
from kg.sparql import in_one_order, run
from kg.sparql_tokens import distinct_answer


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


@pytest.fixture(scope="module")
def merged():
    """The curated graph with its layout complete."""
    dataset = load_graph()
    dataset.complete()
    return dataset


@pytest.mark.parametrize(("name", "values"), NAMED)
def test_named_queries_answer_alike_before_the_merge(merged, name, values):
    dataset = load_graph()
    answer = run_named(dataset, name, values)
    assert dataset.deferred_store is not None, "answered on the union of the graphs, the merge not made"
    assert answer.rows
    assert answer == run_named(merged, name, values)


OWN_INTERNAL = sorted(
    path.name for path in (package_path() / "queries" / "internal").glob("*.rq") if path.name != "entity-label.rq"
)


@pytest.mark.parametrize("name", OWN_INTERNAL)
def test_internal_queries_answer_alike_before_the_merge(merged, name):
    dataset = load_graph()
    text = internal_query(name)
    answer = run(dataset, text, own=True)
    assert (dataset.deferred_store is not None) is distinct_answer(text), "only distinct answers skip the merge"
    assert comparable_rows(answer) == comparable_rows(run(merged, text, own=True))


def test_kg_own_queries_never_read_the_ontology_graph():
    """What lets them run on the union of the graphs before the ontology's graph is added.
    entity-label.rq, which falls back on it, is asked of endpoints only."""
    for path in sorted(package_path().joinpath("queries").rglob("*.rq")):
        if path.name != "entity-label.rq":
            assert f"<{ONTOLOGY_GRAPH}>" not in path.read_text(encoding="utf-8"), path.name


FACT_IN_TWO_QUOTES = (
    "<http://ex/a> <http://ex/in> <http://ex/z> <http://ex/q1> .\n"
    "<http://ex/a> <http://ex/in> <http://ex/z> <http://ex/q2> .\n"
)


@pytest.mark.parametrize(
    "text, own, merges",
    [
        ("SELECT ?o WHERE { <http://ex/a> <http://ex/in> ?o }", False, True),
        ("SELECT DISTINCT ?o WHERE { <http://ex/a> <http://ex/in> ?o }", False, True),
        ("SELECT ?o WHERE { <http://ex/a> <http://ex/in> ?o }", True, True),
        ("SELECT DISTINCT ?o WHERE { <http://ex/a> <http://ex/in> ?o }", True, False),
    ],
)
def test_a_fact_quoted_twice_is_one_row_whichever_way_a_query_runs(tmp_path, text, own, merges):
    (tmp_path / "d.nq").write_text(FACT_IN_TWO_QUOTES, encoding="utf-8")
    dataset = load_graph(tmp_path)
    assert run(dataset, text, own=own).rows == [{"o": URIRef("http://ex/z")}]
    assert (dataset.deferred_store is None) is merges


def test_data_in_the_ontology_graph_is_merged_at_once(tmp_path):
    (tmp_path / "d.nq").write_text(f'<http://ex/a> <{RDFS.label}> "甲"@zh <{ONTOLOGY_GRAPH}> .\n', encoding="utf-8")
    dataset = load_graph(tmp_path)
    assert dataset.deferred_store is None
    text = f"SELECT DISTINCT ?name WHERE {{ <http://ex/a> <{RDFS.label}> ?name }}"
    assert run(dataset, text, own=True).rows == [], "the ontology's graph is not part of the default graph"


def test_rows_in_one_order_whatever_order_they_came_in():
    rows = [
        {"a": URIRef("http://ex/b"), "b": Literal("2", lang="zh")},
        {"a": URIRef("http://ex/a"), "b": None},
        {"a": URIRef("http://ex/b"), "b": Literal("10", lang="zh")},
        {"a": URIRef("http://ex/b"), "b": Literal("10", lang="en")},
    ]
    assert in_one_order(rows) == in_one_order(reversed(rows)) == [rows[1], rows[3], rows[2], rows[0]]
