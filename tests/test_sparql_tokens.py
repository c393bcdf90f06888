from kg.sparql_tokens import tokens

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
