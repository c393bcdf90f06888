"""kg.remote.rewrite: bound variables as terms of the WHERE clause, and the project's prefixes."""

import pytest
from rdflib import BNode, Literal, URIRef

from conftest import comparable_rows
from kg.errors import BadQuery, BadValue
from kg.named import bind, named_query
from kg.remote.rewrite import query_form, with_prefixes, with_values
from kg.sparql import run

NAMED = [
    ("chain-members", {"chain": "新材料"}),
    ("chain-members", {"chain": "新材料", "lang": "en"}),
    ("chain-members", {"chain": "新材料", "zone": "杭州湾上虞经开区"}),
    ("zone-enterprises", {"zone": "杭州湾上虞经开区"}),
    ("zone-platforms", {"zone": "杭州湾上虞经开区"}),
    ("projects-over", {"amount": "50"}),
    ("honours", {}),
    ("institution-cooperation", {}),
    ("evidence", {"entity": "杭州湾上虞经开区"}),
]


@pytest.mark.parametrize(("name", "values"), NAMED)
def test_values_blocks_give_the_rows_of_bound_variables(curated, name, values):
    """What the endpoint sends (bindings as VALUES) gives, run locally, the rows of the engine's
    own bindings."""
    query = named_query(name)
    bindings = bind(curated, query, values)
    assert comparable_rows(run(curated, with_values(query.text, bindings))) == comparable_rows(
        run(curated, query.text, bindings)
    )


def test_bound_variables_become_terms_of_the_where_clause_only():
    text = (
        "PREFIX ex: <http://ex/> CONSTRUCT { ?s ex:p ?x } WHERE { ?s ex:q ?x "
        "OPTIONAL { ?s ex:r ?x FILTER (COALESCE(?x, 1)) } VALUES ?s { ex:a } } # WHERE { ?x"
    )
    bound = with_values(text, {"x": Literal("v")})
    assert bound.count('VALUES (?x) { ("v") }') == 1
    assert bound.count('"v"') == 4 and bound.count("?x") == 3
    assert "CONSTRUCT { ?s ex:p ?x }" in bound and bound.endswith("# WHERE { ?x")
    with pytest.raises(BadQuery, match="assigns it itself"):
        with_values("SELECT * WHERE { BIND (1 AS ?x) }", {"x": Literal("v")})
    with pytest.raises(BadQuery, match="assigns it itself"):
        with_values("SELECT * WHERE { VALUES (?y ?x) { (1 2) } }", {"x": Literal("v")})


def test_values_refuse_what_is_no_term():
    with pytest.raises(BadValue, match="not a valid RDF term"):
        with_values("SELECT * WHERE { }", {"x": URIRef("http://x/> } DROP ALL { <http://y")})
    with pytest.raises(BadValue, match="blank node"):
        with_values("SELECT * WHERE { }", {"x": BNode()})
    with pytest.raises(BadValue, match="variable name"):
        with_values("SELECT * WHERE { }", {"x) { } DROP ALL": Literal("v")})


def test_query_forms_and_malformed_text():
    assert query_form("# SELECT\nPREFIX a: <http://a/> ask { }") == "ASK"
    assert query_form("INSERT DATA { <http://a> <http://b> <http://c> }") == "INSERT"
    with pytest.raises(BadQuery, match="malformed SPARQL"):
        query_form("'SELECT' { ?s ?p ?o }")


def test_prefixes_declared_only_where_missing():
    text = with_prefixes("PREFIX zkg: <http://other/> SELECT * WHERE { ?s zkg:p ?o }")
    assert text.count("PREFIX zkg:") == 1 and "PREFIX id:" in text
