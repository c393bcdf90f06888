import pytest
from rdflib import BNode, Literal, URIRef

from kg.bindings import where_group_start, with_values
from kg.errors import BadQuery, BadValue


def test_values_block_opens_the_where_group():
    text = 'PREFIX ex: <http://ex/>\nSELECT ?a (CONCAT("{", ?a) AS ?b) # a { in a comment\nWHERE { ?a ?p ?o }'
    bound = with_values(text, {"a": URIRef("http://ex/a"), "lang": Literal("en")})
    assert bound.startswith(text[: where_group_start(text)])
    assert 'WHERE {\n  VALUES (?a ?lang) { (<http://ex/a> "en") }\n ?a ?p ?o }' in bound


def test_construct_binds_in_its_where_group_not_its_template():
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert with_values(text, {"s": URIRef("http://ex/s")}).startswith("CONSTRUCT { ?s ?p ?o } WHERE {\n  VALUES (?s)")


def test_values_are_escaped_terms():
    hostile = 'x" } ; DROP ALL ; SELECT * { "'
    bound = with_values("SELECT ?v WHERE { }", {"v": Literal(hostile)})
    assert '"x\\" } ; DROP ALL ; SELECT * { \\""' in bound


def test_what_cannot_be_bound():
    with pytest.raises(BadValue, match="blank node"):
        with_values("SELECT * WHERE { }", {"v": BNode()})
    with pytest.raises(BadValue, match="not a SPARQL variable name"):
        with_values("SELECT * WHERE { }", {"v) {} #": Literal("x")})
    with pytest.raises(BadValue, match="not a valid RDF term"):
        with_values("SELECT * WHERE { }", {"v": URIRef("http://ex/a b")})
    with pytest.raises(BadQuery, match="no WHERE group"):
        with_values("DESCRIBE <http://ex/a>", {"v": Literal("x")})
    assert with_values("DESCRIBE <http://ex/a>", {}) == "DESCRIBE <http://ex/a>"


def test_a_prefix_named_like_a_keyword_is_no_keyword():
    text = "PREFIX where: <http://ex/> CONSTRUCT { ?s where:p ?o } WHERE { ?s where:p ?o }"
    assert text[: where_group_start(text)] == "PREFIX where: <http://ex/> CONSTRUCT { ?s where:p ?o } WHERE {"
