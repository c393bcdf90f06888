"""kg.remote.endpoint: the named queries, `kg query` and `kg sparql` on real Oxigraph and
Virtuoso endpoints give the local rows, whatever the values bound."""

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic

from conftest import NAMED, comparable_rows, pushed
from conftest import run as kg
from kg.bindings import with_rows
from kg.errors import BadQuery
from kg.load import load_graph
from kg.named import run_named
from kg.names import resolve
from kg.namespaces import ZKG
from kg.remote.endpoint import SparqlEndpoint
from kg.resources import internal_query
from kg.sparql import run

HOSTILE = [
    '"',
    "'",
    "\\",
    '\\"',
    "\\u0022",
    "} DROP ALL {",
    '" } DROP ALL { "',
    "a\nb\r\n",
    "{{}}",
    "# not a comment",
    "''' \"\"\"",
    ") } ; CLEAR DEFAULT ; SELECT * WHERE { (",
    "新材料 ?x <http://x/>",
]
VIRTUOSO_DIFFERS = {
    "honours": "Virtuoso gives an extra row without ?year beside the row with it for a holder whose "
    "hasHonor is stated by two quotes (OPTIONAL over the union default graph)",
    "projects-over": "Virtuoso repeats a row despite SELECT DISTINCT when a project reaches its zone by two "
    "zkg:locatedIn+ paths (7 rows; Oxigraph, rdflib and the standard give 6)",
}


def test_updates_are_no_queries_for_an_endpoint():
    with pytest.raises(BadQuery, match="not INSERT"):
        SparqlEndpoint("http://127.0.0.1:1/query").query("INSERT DATA { <http://a> <http://b> <http://c> }")
    assert "secret" not in repr(SparqlEndpoint("http://127.0.0.1:1/query"))


@pytest.mark.parametrize(("name", "values"), NAMED)
def test_named_queries_give_the_local_rows(request, runner, store, curated, name, values):
    if store.kind == "virtuoso" and name in VIRTUOSO_DIFFERS:
        request.applymarker(pytest.mark.xfail(reason=VIRTUOSO_DIFFERS[name], strict=True))
    if not store.pushed:
        pushed(runner, store)
    local = run_named(curated, name, values)
    remote = run_named(store.endpoint(), name, values)
    assert local.rows, (name, values)
    assert remote.columns == local.columns
    assert comparable_rows(remote) == comparable_rows(local)


@pytest.mark.parametrize(
    ("name", "variable"), [("report-part.rq", "seed"), ("report-partners.rq", "seed"), ("report-facts.rq", "subject")]
)
def test_a_reports_part_of_the_graph_is_the_same_on_every_engine(runner, store, curated, name, variable):
    """What a report reads of a zone and of a chain: the same rows from rdflib's engine, Oxigraph
    in process and the endpoint."""
    if not store.pushed:
        pushed(runner, store)
    entities = [resolve(curated, "杭州湾上虞经开区", ZKG.Zone), resolve(curated, "新材料", ZKG.IndustryChain)]
    entities += [s for s, _, _ in curated.triples((None, ZKG.locatedIn, entities[0]))]
    entities += sorted(set(curated.objects(None, ZKG.cooperatesWith)))
    text = with_rows(internal_query(name), [variable], [[e] for e in entities])
    local = comparable_rows(run(curated, text))
    assert len(local) > 5
    assert comparable_rows(run(load_graph(engine="rdflib"), text)) == local
    assert comparable_rows(run(store.endpoint(), text)) == local


def test_kg_query_and_sparql_on_the_endpoint_print_the_local_rows(runner, store):
    pushed(runner, store)
    for args in (
        ["query", "chain-members", "-p", "chain=新材料", "--format", "json"],
        ["sparql", "SELECT DISTINCT ?e ?c WHERE { ?e zkg:inChain ?c }", "--format", "csv"],
    ):
        local = kg(runner, *args)
        remote = kg(runner, *args, "--endpoint", store.query)
        assert remote.exit_code == 0, remote.output
        assert sorted(remote.stdout.splitlines()) == sorted(local.stdout.splitlines())
        assert len(local.stdout.splitlines()) > 10


def test_construct_on_the_endpoint_is_the_local_graph(runner, store, curated):
    pushed(runner, store)
    text = "CONSTRUCT { ?e zkg:inChain ?c } WHERE { ?e zkg:inChain ?c }"
    remote = run(store.endpoint(), text).graph
    assert len(remote) > 10 and isomorphic(remote, run(curated, text).graph)
    assert run(store.endpoint(), "ASK { ?e zkg:inChain id:chain-new-materials }").boolean is True


def test_hostile_values_cannot_change_the_query(runner, store):
    """Each value comes back exactly as one row: it stayed one term of the query."""
    pushed(runner, store)
    endpoint = store.endpoint()
    for value in HOSTILE:
        for term in (Literal(value), Literal(value, lang="zh")):
            answer = run(endpoint, "SELECT ?text (STRLEN(?text) AS ?n) WHERE { }", {"text": term})
            assert [r["text"] for r in answer.rows] == [term], value
            assert int(answer.rows[0]["n"]) == len(value)
    assert run(endpoint, "ASK { ?s zkg:quote ?q }").boolean is True
