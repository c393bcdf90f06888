"""kg.remote.layout: which quads go into which graph of a store."""

import pytest

from kg.errors import BadValue
from kg.remote.layout import DEFAULT_GRAPH, layout, local_quads
from kg.terms import to_ox


def test_union_layout_is_the_local_default_graph_in_named_graphs(curated):
    """For a store whose default graph is the union: no quad in its default graph, no blank node
    in two graphs, and the union of the graphs (ontology aside) is the local default graph."""
    quads = layout(local_quads(curated), union_default=True)
    assert all(type(q.graph_name).__name__ == "NamedNode" for q in quads)
    graphs_of = {}
    for q in quads:
        for term in (q.subject, q.object):
            if type(term).__name__ == "BlankNode":
                graphs_of.setdefault(term, set()).add(q.graph_name)
    assert graphs_of and all(len(g) == 1 for g in graphs_of.values())
    local = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in curated.default_graph}
    union = {
        (q.subject, q.predicate, q.object) for q in quads if q.graph_name.value != "https://w3id.org/zonekg/ontology"
    }
    assert union == local
    assert any(q.graph_name.value == DEFAULT_GRAPH for q in quads)


def test_one_graph_takes_everything_once(curated):
    quads = layout(local_quads(curated), union_default=False, graph="https://example.org/g")
    assert {q.graph_name.value for q in quads} == {"https://example.org/g"}
    assert len(quads) == len(
        {(q.subject, q.predicate, q.object) for q in layout(local_quads(curated), union_default=False)}
    )
    with pytest.raises(BadValue, match="not an IRI"):
        layout(local_quads(curated), union_default=False, graph="https://example.org/a b")
