import pytest

from kg.sparql_tokens import distinct_answer, repeatable, tokens

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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SELECT DISTINCT ?s WHERE { ?s ?p ?o }", True),
        ("select distinct ?s { ?s ?p ?o } ORDER BY ?s", True),
        ("ASK { ?s ?p ?o }", True),
        ("SELECT DISTINCT (MIN(?o) AS ?m) WHERE { ?s ?p ?o }", True),
        ("SELECT ?s WHERE { ?s ?p ?o }", False),
        ("SELECT REDUCED ?s WHERE { ?s ?p ?o }", False),
        ("SELECT DISTINCT (COUNT(?o) AS ?n) WHERE { ?s ?p ?o }", False),
        ("SELECT DISTINCT ?s (SUM(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s", False),
        ("SELECT DISTINCT ?s (GROUP_CONCAT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s", False),
        ("SELECT DISTINCT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", False),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", False),
        ("DESCRIBE <http://x/a>", False),
        ('SELECT DISTINCT ?s WHERE { ?s ?p "COUNT(?x) SELECT" } # GROUP BY', True),
        ("SELECT DISTINCT ?s WHERE { ?s ex:count ?n }", True),
    ],
)
def test_distinct_answer_is_an_ask_or_one_select_distinct_that_neither_counts_nor_groups(text, expected):
    assert distinct_answer(text) is expected
