"""kg.remote.results: SPARQL JSON results and graph answers, and the answers that are not."""

import json
from http.server import BaseHTTPRequestHandler

import pytest
from rdflib import BNode, Literal, URIRef

from conftest import assert_one_line_error, http_server
from conftest import run as kg
from kg.errors import StoreRefused
from kg.remote.results import graph_answer, json_term, results_answer

XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def select(*bindings: dict) -> bytes:
    return json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": b} for b in bindings]}}).encode()


def test_terms_of_json_results():
    answer = results_answer(
        "e",
        select(
            {"type": "uri", "value": "http://x/a"},
            {"type": "literal", "value": "新材料", "xml:lang": "zh"},
            {"type": "typed-literal", "value": "5", "datatype": str(XSD_INTEGER)},
            {"type": "literal", "value": "v"},
            {"type": "bnode", "value": "nodeID://b1"},
        ),
        "application/sparql-results+json",
    )
    assert [r["x"] for r in answer.rows] == [
        URIRef("http://x/a"),
        Literal("新材料", lang="zh"),
        Literal("5", datatype=XSD_INTEGER),
        Literal("v"),
        BNode("x" + b"nodeID://b1".hex()),
    ]
    assert results_answer("e", b'{"head": {}, "boolean": false}', "").boolean is False
    assert json_term({"type": "bnode", "value": "b1"}) == BNode("b1")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html>busy</html>", "not SPARQL JSON results"),
        (b'{"head": {"vars": ["x"]}}', "no 'results'"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"head": {"vars": "x"}, "results": {"bindings": []}}', "head.vars"),
        (b'{"boolean": "yes"}', "boolean"),
        (select({"type": "literal", "value": "1", "datatype": "not an IRI"}), "Invalid IRI"),
        (select({"type": "literal", "value": "1", "xml:lang": "not a language tag"}), "unreadable"),
        (select({"type": "uri", "value": "http://x/a b"}), "Invalid IRI"),
        (select({"type": "triple", "value": "x"}), "unknown term type"),
        (select({"type": "uri"}), "not a term"),
    ],
)
def test_unreadable_results_are_refused(body, reason):
    with pytest.raises(StoreRefused, match=reason):
        results_answer("http://e/query", body, "application/sparql-results+json")


def test_graph_answers():
    graph = graph_answer(
        "e", "CONSTRUCT", b'<http://x/a> <http://x/p> _:b .\n_:b <http://x/q> "1" .', "application/n-triples"
    ).graph
    assert len(graph) == 2 and len({o for o in graph.objects() if isinstance(o, BNode)}) == 1
    with pytest.raises(StoreRefused, match="unreadable CONSTRUCT answer"):
        graph_answer("e", "CONSTRUCT", b"<http://x/a> <http://x/p> .", "text/turtle")
    with pytest.raises(StoreRefused, match="answered in text/html"):
        graph_answer("e", "DESCRIBE", b"<html/>", "text/html")


class Canned(BaseHTTPRequestHandler):
    """An endpoint that answers every query with `body`."""

    body = b""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"head": {"vars": ["x"]}}', "no 'results'"),
        (select({"type": "literal", "value": "1", "datatype": "not an IRI"}), "Invalid IRI"),
    ],
)
def test_kg_sparql_on_a_broken_endpoint_is_one_line(runner, mini, monkeypatch, body, reason):
    monkeypatch.setattr(Canned, "body", body)
    with http_server(Canned) as base:
        result = kg(
            runner, "--data", str(mini), "sparql", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", f"{base}/query"
        )
    assert_one_line_error(result, f"{base}/query", "unreadable SPARQL JSON results", reason)
