"""kg.remote.kinds: the kind of store, and its query endpoint, from a GSP or update URL."""

from kg.remote.kinds import query_endpoint, store_kind


def test_store_kinds_and_query_endpoints():
    assert store_kind("http://h:7878/store")[0].name == "oxigraph"
    assert store_kind("http://h/ds/data")[0].name == "fuseki"
    assert store_kind("http://h:8890/sparql-graph-crud-auth")[0].name == "virtuoso"
    assert store_kind("http://h/repositories/zk/rdf-graphs/service")[0].name == "graphdb"
    assert store_kind("http://h/whatever")[0].name == "generic"
    assert query_endpoint("http://h:7878/store") == "http://h:7878/query"
    assert query_endpoint("http://h/ds/data") == "http://h/ds/sparql"
    assert query_endpoint("http://h:8890/sparql-graph-crud-auth") == "http://h:8890/sparql"
    assert query_endpoint("http://h/repositories/zk/rdf-graphs/service") == "http://h/repositories/zk"
    assert query_endpoint("http://h/whatever") is None
