"""kg.remote.push and `kg push`: planned requests, and pushes to real Oxigraph and Virtuoso
servers started on 127.0.0.1."""

from http.server import BaseHTTPRequestHandler

import pytest
from rdflib import Graph

from conftest import assert_one_line_error, count_table, free_port, http_server, pushed, same_dataset
from conftest import run as kg
from kg.errors import BadValue
from kg.export import export
from kg.remote.connection import Connection
from kg.remote.kinds import store_kind
from kg.remote.layout import DEFAULT_GRAPH, layout, local_quads
from kg.remote.push import Target, chunks, plan_push, push
from kg.remote.readback import fetch
from kg.sparql import run


def test_chunks_keep_each_blank_node_whole(curated):
    quads = layout(local_quads(curated), union_default=False)
    parts = list(chunks(quads, 7))
    assert sorted(map(str, (q for part in parts for q in part))) == sorted(map(str, quads))
    owner = {}
    for number, part in enumerate(parts):
        for quad in part:
            for term in (quad.subject, quad.object):
                if type(term).__name__ == "BlankNode":
                    assert owner.setdefault(term, number) == number
    assert len(owner) > 10 and len(parts) > 100


def test_plans_by_kind_of_store(curated):
    big = 10**6
    oxigraph = plan_push(curated, Target("http://h/store", replace=True, chunk_size=big))
    assert [r.method for r in oxigraph.requests] == ["DELETE"] * len(oxigraph.graphs) + ["POST"]
    assert oxigraph.requests[-1].quads == len(oxigraph.quads)
    virtuoso = plan_push(curated, Target("http://h/sparql-graph-crud-auth", replace=True, chunk_size=big))
    assert {r.method for r in virtuoso.requests} == {"PUT"} and len(virtuoso.requests) == len(virtuoso.graphs)
    update = plan_push(curated, Target("http://h/update", update=True, replace=True, chunk_size=big))
    assert update.requests[0].data["update"].startswith("DROP SILENT") and len(update.requests) == 2


def test_targets_refuse_bad_values():
    with pytest.raises(BadValue, match="not an IRI"):
        Target("http://h/store", graph="urn:a b")
    with pytest.raises(BadValue, match="not both"):
        Target("http://h/store", graph="urn:a", default=True)
    with pytest.raises(BadValue, match="chunk size"):
        Target("http://h/store", chunk_size=0)
    with pytest.raises(BadValue, match="not a URL"):
        Target("http://h/store", endpoint="http://[::1/query")


def test_push_needs_one_target_and_a_sane_url(runner, mini):
    assert_one_line_error(kg(runner, "--data", str(mini), "push"), "--store URL")
    assert_one_line_error(kg(runner, "--data", str(mini), "push", "--store", "ftp://h/store"), "not an http(s) URL")
    result = kg(runner, "--data", str(mini), "push", "--store", "http://me:secret@127.0.0.1:1/store")
    assert_one_line_error(result, "no credentials in the URL")
    assert "secret" not in result.output + result.stderr
    result = kg(runner, "--data", str(mini), "push", "--store", "http://127.0.0.1:1/store", "--graph", "http://x/a b")
    assert_one_line_error(result, "not an IRI")


def test_password_never_from_nowhere(runner, mini, monkeypatch):
    """No terminal to prompt in and no KG_STORE_PASSWORD: an error before anything is sent."""
    monkeypatch.delenv("KG_STORE_PASSWORD", raising=False)
    result = kg(
        runner, "--data", str(mini), "push", "--store", f"http://127.0.0.1:{free_port()}/store", "--user", "dba"
    )
    assert_one_line_error(result, "KG_STORE_PASSWORD")


def test_push_returns_its_counts_and_reports_progress(oxigraph, curated):
    seen = []
    report = push(
        curated,
        Target(oxigraph.store, replace=True, chunk_size=500),
        Connection(),
        progress=lambda sent, total: seen.append((sent, total)),
    )
    assert report.kind == "oxigraph" and report.store == oxigraph.store and report.requests >= 2
    assert report.counts and all(c.local == c.remote for c in report.counts)
    assert seen[0] == (0, report.quads) and seen[-1] == (report.quads, report.quads)
    oxigraph.pushed = False


def test_push_reads_back_isomorphic(runner, store, curated):
    table = count_table(pushed(runner, store))
    assert len(table) == 4 and all(local == remote for local, remote in table), table
    assert same_dataset(fetch(store.endpoint(), store_kind(store.store)[0].union_default), curated)


def test_push_in_small_chunks_keeps_blank_nodes_whole(runner, store, curated):
    pushed(runner, store, "--chunk-size", "40")
    assert same_dataset(fetch(store.endpoint(), store_kind(store.store)[0].union_default), curated)


def test_replace_twice_leaves_the_same_count(runner, store):
    first = count_table(pushed(runner, store))
    second = count_table(pushed(runner, store))
    assert first == second and all(local == remote for local, remote in second)


def test_push_describes_the_dataset_with_its_endpoint(runner, store):
    pushed(runner, store)
    graph = "" if store.kind == "oxigraph" else f"GRAPH <{DEFAULT_GRAPH}>"
    query = f"SELECT ?e WHERE {{ {graph} {{ <https://w3id.org/zonekg/dataset> void:sparqlEndpoint ?e }} }}"
    assert [str(r["e"]) for r in run(store.endpoint(), query).rows] == [store.query]


def test_push_without_replace_twice_leaves_the_counts_unchanged(runner, store):
    """Figures and awards have stable IRIs (kg.skolem), so adding the same data again adds nothing."""
    pushed(runner, store)
    for _ in range(2):
        result = kg(runner, *store.push_args())
        assert result.exit_code == 0, result.output + result.stderr
        table = count_table(result)
        assert len(table) == 4 and all(local == remote for local, remote in table), result.stdout


def test_one_named_graph_or_facts_only(runner, store, curated):
    iri = "https://example.org/graphs/zonekg"
    table = count_table(pushed(runner, store, "--graph", iri))
    merged = len(Graph().parse(data=export(curated, "ntriples", with_ontology=True), format="nt"))
    assert table == [(merged + 1, merged + 1)], "the export's triples and the endpoint in the description"
    assert run(store.endpoint(), f"ASK {{ GRAPH <{iri}> {{ id:chain-new-materials a zkg:IndustryChain }} }}").boolean
    table = count_table(pushed(runner, store, "--facts-only"))
    assert len(table) == 2 and all(local == remote for local, remote in table)
    graph = "" if store.kind == "oxigraph" else f"GRAPH <{DEFAULT_GRAPH}>"
    assert run(store.endpoint(), f"ASK {{ {graph} {{ ?s zkg:inChain ?c }} }}").boolean is True
    assert run(store.endpoint(), f"ASK {{ {graph} {{ ?s zkg:quote ?q }} }}").boolean is False
    store.pushed = False


def test_counts_that_differ_from_what_was_sent_fail_the_push(runner, fresh_oxigraph, mini):
    """A push that adds to other data in the same graphs reads back other counts: that is an
    error (exit 1, one line naming the counts), not a warning."""
    pushed(runner, fresh_oxigraph)
    result = kg(runner, "--data", str(mini), *fresh_oxigraph.push_args())
    assert_one_line_error(
        result, fresh_oxigraph.store, "holds other counts than were pushed", "triples in the default graph"
    )


def test_virtuoso_has_no_default_graph_to_push_to(runner, virtuoso, mini, monkeypatch):
    monkeypatch.setenv("KG_STORE_PASSWORD", "dba")
    result = kg(runner, "--data", str(mini), *virtuoso.push_args("--default", "--retries", "0"))
    assert_one_line_error(result, "HTTP 500", "default graph")


def test_update_endpoint_push(runner, oxigraph, curated):
    base = oxigraph.store.removesuffix("/store")
    result = kg(runner, "push", "--update", f"{base}/update", "--replace", "--chunk-size", "500")
    assert result.exit_code == 0, result.output
    assert all(local == remote for local, remote in count_table(result)) and count_table(result)
    assert same_dataset(fetch(oxigraph.endpoint(), False), curated)


class Accepting(BaseHTTPRequestHandler):
    """A Graph Store Protocol endpoint of no kind kg knows, that takes every graph."""

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(204)
        self.end_headers()

    do_POST = do_PUT

    def log_message(self, *args):
        pass


def test_a_store_of_unknown_kind_gets_no_comparison(runner, mini):
    with http_server(Accepting) as base:
        result = kg(runner, "--data", str(mini), "push", "--store", f"{base}/graphs", "--replace")
    assert result.exit_code == 0, result.output
    assert "counts not compared" in result.stdout and not count_table(result)
