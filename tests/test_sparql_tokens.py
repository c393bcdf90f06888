import pytest

from kg.sparql_tokens import repeatable, tokens

TEXT = "SELECT ?s WHERE { ?s ex:p \"a { b\" , '''x\n\"y}''' , <http://x/#a> } # { comment\n}"


def test_strings_iris_and_comments_are_single_tokens_and_comments_are_dropped():
    assert [(kind, token) for kind, token, _, _ in tokens(TEXT)] == [
        ("word", "SELECT"),
        ("var", "?s"),
        ("word", "WHERE"),
        ("open", "{"),
        ("var", "?s"),
        ("word", "ex:p"),
        ("string", '"a { b"'),
        ("other", ","),
        ("string", "'''x\n\"y}'''"),
        ("other", ","),
        ("iri", "<http://x/#a>"),
        ("close", "}"),
        ("close", "}"),
    ]
    assert all(TEXT[start:end] == token for _, token, start, end in tokens(TEXT))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SELECT (NOW() AS ?t) {}", False),
        ("select (rand() as ?x) {}", False),
        ("SELECT (UUID() AS ?u) (STRUUID() AS ?s) {}", False),
        ("CONSTRUCT { ?s ?p ?o } WHERE { BIND (BNODE ( ) AS ?b) }", False),
        ("SELECT ?x { FILTER (?x<3&&NOW()>?y) }", False),
        ("SELECT ?x { ?x <http://e/x#y> ?y . BIND (RAND() AS ?r) }", False),
        ('SELECT ?x { ?x rdfs:label "NOW()" }', True),
        ("SELECT ?x { ?x ?p '''RAND() \\''' UUID()''' }", True),
        ("SELECT ?x { ?x ?p ?y } # RAND()", True),
        ("SELECT ?x { ?x ex:RAND(?y) }", True),
        ("SELECT ?NOW { ?NOW ?p ?o }", True),
    ],
)
def test_repeatable_finds_calls_outside_strings_and_comments(text, expected):
    assert repeatable(text) is expected
