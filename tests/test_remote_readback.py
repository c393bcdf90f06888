"""kg.remote.readback: counts and the whole dataset read back from a store."""

import pytest
from rdflib import Literal

from conftest import pushed, same_dataset
from kg.errors import StoreRefused
from kg.remote.layout import layout, local_quads
from kg.remote.push import Plan, Target, plan_push
from kg.remote.readback import counts, fetch


def test_counts_compare_each_kind_of_graph(runner, oxigraph, curated):
    pushed(runner, oxigraph)
    plan = plan_push(curated, Target(oxigraph.store))
    compared = counts(plan.graphs, oxigraph.endpoint())
    assert sorted(c.what for c in compared) == [
        "quote graphs",
        "triples in <https://w3id.org/zonekg/ontology>",
        "triples in quote graphs",
        "triples in the default graph",
    ]
    assert all(c.local == c.remote > 0 for c in compared)
    assert same_dataset(fetch(oxigraph.endpoint(), union_default=False), curated)


class Odd:
    """A source whose count queries answer with no number."""

    def query(self, text):
        from kg.sparql import Answer

        return Answer("SELECT", ["triples"], [{"triples": Literal("many")}])


def test_counts_that_are_no_numbers_are_refused(curated):
    with pytest.raises(StoreRefused, match="without integer counts"):
        counts(Plan([], layout(local_quads(curated), union_default=False)).graphs, Odd())
