"""What a store holds, read back through its query endpoint: the counts to compare with a
push, and the whole zonekg dataset in the local layout."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.term import Node

from kg.errors import StoreRefused
from kg.namespaces import EV, ONTOLOGY_GRAPH
from kg.remote.layout import DEFAULT_GRAPH, GraphName
from kg.resources import internal_query
from kg.sparql import Source, run
from kg.terms import to_rdflib


@dataclass(frozen=True)
class Count:
    """One count of a push: what was sent (`local`) next to what the store holds (`remote`)."""

    what: str
    local: int
    remote: int


def counts(pushed: dict[GraphName, int], source: Source) -> list[Count]:
    """What a push sent (triples per graph) next to what the store holds, graph by graph kind:
    the default (or single) graph, the quote graphs and their triples, the ontology's graph."""
    result = []
    evidence = [n for n in pushed if not isinstance(n, ox.DefaultGraph) and n.value.startswith(str(EV))]
    for name, triples in pushed.items():
        if isinstance(name, ox.DefaultGraph):
            result.append(Count("triples in the default graph", triples, _number(source, "store-count-default.rq", {})))
        elif name not in evidence:
            held = _number(source, "store-count-graph.rq", {"graph": to_rdflib(name)})
            result.append(Count(f"triples in {name}", triples, held))
    if evidence:
        graphs, triples = _numbers(source, "store-count-evidence.rq", {}, "graphs", "triples")
        result.append(Count("quote graphs", len(evidence), graphs))
        result.append(Count("triples in quote graphs", sum(pushed[n] for n in evidence), triples))
    return result


def _number(source: Source, name: str, bindings: dict[str, Node]) -> int:
    return _numbers(source, name, bindings, "triples")[0]


def _numbers(source: Source, name: str, bindings: dict[str, Node], *columns: str) -> list[int]:
    """The integers in the columns of a count query's one row; StoreRefused for anything else."""
    rows = run(source, internal_query(name), bindings).rows
    try:
        return [int(str(rows[0][column])) for column in columns]
    except (IndexError, KeyError, ValueError):
        raise StoreRefused(f"the store answered {name} without integer counts: {rows[:1]}") from None


def fetch(source: Source, union_default: bool) -> Dataset:
    """The zonekg graphs a store holds, back in the local layout (see kg.load): for a store with
    a union default graph, `DEFAULT_GRAPH` and the merged quote graphs make the default graph."""
    name = "store-named-graphs.rq" if union_default else "store-dataset.rq"
    dataset = Dataset()
    for row in run(source, internal_query(name)).rows:
        graph = row["graph"]
        triple = (row["s"], row["p"], row["o"])
        if graph is None or str(graph) == DEFAULT_GRAPH:
            dataset.add(triple)
            continue
        dataset.graph(graph).add(triple)
        if union_default and str(graph) != ONTOLOGY_GRAPH:
            dataset.add(triple)
    return dataset
