"""Running SPARQL on the graph: named queries from `kg/queries/`, and the user's own.

A *source* is either an rdflib `Dataset` (in process) or a remote endpoint object with a
`query(text, bindings) -> Answer` method (see `kg.stores.Endpoint`). Parameters are always
bound as RDF terms through the engine's bindings, never pasted into query text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

from kg.errors import KgError
from kg.load import internal_query, oxigraph_store, package_path
from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES, ZKG
from kg.terms import to_ox, to_rdflib

Row = dict[str, Node | None]
LANGUAGES = ("zh", "en")


@dataclass
class Answer:
    """What a query gives: rows for SELECT, a boolean for ASK, a graph for CONSTRUCT/DESCRIBE."""

    kind: str
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


class Endpoint(Protocol):
    def query(self, text: str, bindings: dict[str, Node]) -> Answer: ...


Source = Dataset | Endpoint


def run(source: Source, text: str, bindings: dict[str, Node] | None = None) -> Answer:
    """Run one SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the source."""
    if not isinstance(source, Dataset):
        return source.query(text, bindings or {})
    store = oxigraph_store(source)
    try:
        if store is not None:
            return _run_on_oxigraph(store, source, text, bindings or {})
        result = source.query(text, initNs=PREFIXES, initBindings=bindings or {})
        if result.type == "SELECT":
            columns = [str(v) for v in result.vars]
            return Answer("SELECT", columns, [dict.fromkeys(columns) | row.asdict() for row in result])
        if result.type == "ASK":
            return Answer("ASK", boolean=bool(result.askAnswer))
        return Answer(result.type, graph=prefixed_graph(result))
    except KgError:
        raise
    except Exception as error:  # the engines raise SyntaxError, pyparsing's ParseException, …
        raise KgError(f"malformed SPARQL: {' '.join(str(error).split())}") from None


def _run_on_oxigraph(store: ox.Store, dataset: Dataset, text: str, bindings: dict[str, Node]) -> Answer:
    """The query run by Oxigraph itself, as oxrdflib would run it, with each distinct term of
    the answer converted to rdflib once: conversion, not the query, dominated large answers."""
    prefixes = {prefix: str(namespace) for prefix, namespace in dataset.namespaces()} | PREFIXES
    result = store.query(text, prefixes=prefixes, substitutions={ox.Variable(k): to_ox(v) for k, v in bindings.items()})
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", boolean=bool(result))
    converted: dict[Any, Node] = {}

    def term(value: Any) -> Node | None:
        if value is None:
            return None
        if value not in converted:
            converted[value] = to_rdflib(value)
        return converted[value]

    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        return Answer("SELECT", columns, [dict(zip(columns, map(term, solution))) for solution in result])
    return Answer("CONSTRUCT", graph=prefixed_graph((term(t.subject), term(t.predicate), term(t.object)) for t in result))


def prefixed_graph(triples: Iterable[tuple[Node, Node, Node]] = ()) -> Graph:
    """A graph of the triples with the project's prefixes bound, for readable serialisations."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add(triple)
    return graph


def internal_rows(source: Source, name: str, **bindings: Node) -> list[Row]:
    """Rows of one of the code's own queries (kg/queries/internal/)."""
    return run(source, internal_query(name), bindings).rows


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    required: bool
    default: str | None
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise KgError(f"query {self.name} has no parameter {name!r}; it takes: {self.signature()}")

    def signature(self) -> str:
        return ", ".join(p.name if p.required else f"[{p.name}]" for p in self.parameters) or "no parameters"


_PARAM = re.compile(r"^# param (\w+): ([^,—]+?)(?:, (required|optional))?(?:, default (\S+))? — (.*)$")


def parse_named_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    parameters = tuple(
        Parameter(m[1], m[2].strip(), m[3] == "required", m[4], m[5])
        for m in (_PARAM.match(line) for line in header)
        if m
    )
    summary_lines = []
    for line in header:
        if line.startswith("# param "):
            break
        summary_lines.append(line.lstrip("# ").strip())
    summary = " ".join(summary_lines)
    summary = summary.split(": ", 1)[1] if summary.startswith(f"{path.stem}: ") else summary
    return NamedQuery(path.stem, summary, parameters, text, path)


def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped in `kg/queries/`, by name."""
    folder = package_path("queries")
    return {p.stem: parse_named_query(p) for p in sorted(folder.glob("*.rq"))}


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise KgError(f"no named query {name!r}; there are: {', '.join(queries)}")
    return queries[name]


def bind(source: Source, query: NamedQuery, values: dict[str, str | Node]) -> dict[str, Node]:
    """The RDF terms for the user's parameter values: names resolved to IRIs, amounts to yuan.

    A value that is already an RDF term is bound as it is.
    """
    from kg.names import resolve

    for name in values:
        query.parameter(name)
    bindings: dict[str, Node] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            if parameter.required:
                raise KgError(f"query {query.name} needs -p {parameter.name}=… ({parameter.doc})")
            continue
        is_term = isinstance(value, (URIRef, Literal))
        bindings[parameter.name] = value if is_term else parameter_term(source, parameter, value, resolve)
    return bindings


def parameter_term(source: Source, parameter: Parameter, value: str, resolve: Any) -> Node:
    kind = parameter.kind
    if kind == "亿元":
        return yuan(value)
    if kind == "lang":
        return Literal(language(value))
    if kind == "iri":
        return expand(value)
    if kind == "text":
        return Literal(value)
    cls = None if kind == "entity" else expand(kind)
    return resolve(source, value, cls)


def yuan(amount_in_yi: str) -> Literal:
    """An amount given in 亿元 as yuan, an xsd:decimal: '58.94' → 5894000000."""
    try:
        amount = Decimal(amount_in_yi.strip().removesuffix("亿元").removesuffix("亿"))
    except InvalidOperation:
        raise KgError(f"amount must be a number of 亿元 (e.g. 50), not {amount_in_yi!r}") from None
    if not amount.is_finite():
        raise KgError(f"amount must be a finite number of 亿元, not {amount_in_yi!r}")
    return Literal(format((amount * 10**8).normalize(), "f"), datatype=XSD.decimal)


def language(value: str) -> str:
    if value not in LANGUAGES:
        raise KgError(f"language must be one of {', '.join(LANGUAGES)}, not {value!r}")
    return value


def expand(value: str) -> URIRef:
    """An IRI from its full or prefixed form (`id:byd`, `zkg:Zone`)."""
    value = value.strip().removeprefix("<").removesuffix(">")
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if re.match(r"^[a-z][a-z0-9+.-]*://\S+$", value):
        return URIRef(value)
    raise KgError(f"not an IRI: {value!r}")


def run_named(source: Source, name: str, values: dict[str, str | Node] | None = None) -> Answer:
    """Run a named query with the user's parameter values; parameters are not in the columns."""
    query = named_query(name)
    bindings = bind(source, query, values or {})
    answer = run(source, query.text, bindings)
    hidden = {p.name for p in query.parameters}
    answer.columns = [c for c in answer.columns if c not in hidden]
    answer.rows = [{c: row.get(c) for c in answer.columns} for row in answer.rows]
    return answer


def with_labels(source: Source, answer: Answer, lang: str = "zh") -> Answer:
    """Add a `<column>Label` beside every column of IRIs that has none, in the chosen language."""
    lookups: dict[Node, Node | None] = {}
    for column in list(answer.columns):
        if f"{column}Label" in answer.columns:
            continue
        iris = {row[column] for row in answer.rows if isinstance(row.get(column), URIRef)}
        if not iris:
            continue
        for iri in iris - lookups.keys():
            lookups[iri] = label(source, iri, lang)
        if all(lookups[iri] is None for iri in iris):
            continue
        answer.columns.insert(answer.columns.index(column) + 1, f"{column}Label")
        for row in answer.rows:
            row[f"{column}Label"] = lookups.get(row.get(column))
    return answer


def label(source: Source, iri: Node, lang: str = "zh") -> Literal | None:
    """The entity's label in `lang`, falling back to any label; None when it has none."""
    if isinstance(source, Dataset):
        labels = list(source.objects(iri, RDFS.label))
        if not labels:
            labels = list(source.graph(URIRef(ONTOLOGY_GRAPH)).objects(iri, RDFS.label))
    else:
        labels = [r["name"] for r in internal_rows(source, "entity-label.rq", entity=iri)]
    preferred = [l for l in labels if getattr(l, "language", None) == lang]
    return (preferred or labels or [None])[0]


def class_iri(name: str) -> URIRef:
    """A zonekg class from its name ('Enterprise', 'zkg:Enterprise' or its IRI)."""
    return expand(name) if ":" in name else ZKG[name]
