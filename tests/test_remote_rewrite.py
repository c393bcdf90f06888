"""kg.remote.rewrite: a query's form, and the project's prefixes."""

import pytest

from kg.errors import BadQuery
from kg.remote.rewrite import query_form, with_prefixes


def test_query_forms_and_malformed_text():
    assert query_form("# SELECT\nPREFIX a: <http://a/> ask { }") == "ASK"
    assert query_form("INSERT DATA { <http://a> <http://b> <http://c> }") == "INSERT"
    with pytest.raises(BadQuery, match="malformed SPARQL"):
        query_form("'SELECT' { ?s ?p ?o }")


def test_prefixes_declared_only_where_missing():
    text = with_prefixes("PREFIX zkg: <http://other/> SELECT * WHERE { ?s zkg:p ?o }")
    assert text.count("PREFIX zkg:") == 1 and "PREFIX id:" in text
