"""Running SPARQL on the graph: named queries from `kg/queries/`, and the user's own."""
from __future__ import annotations

from rdflib import Dataset
from rdflib.term import Node

from kg.errors import KgError
from kg.load import internal_query
from kg.namespaces import PREFIXES

Row = dict[str, Node | None]


def select(dataset: Dataset, text: str, bindings: dict[str, Node] | None = None) -> list[Row]:
    """Rows of a SELECT query, each keyed by variable name; `bindings` are bound as RDF terms."""
    try:
        result = dataset.query(text, initNs=PREFIXES, initBindings=bindings or {})
        names = [str(v) for v in result.vars]
        return [dict.fromkeys(names) | row.asdict() for row in result]
    except SyntaxError as error:
        raise KgError(f"malformed SPARQL: {' '.join(str(error).split())}") from None


def internal_rows(dataset: Dataset, name: str, **bindings: Node) -> list[Row]:
    return select(dataset, internal_query(name), bindings)
