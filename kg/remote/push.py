"""Pushing the graph into a store: the requests planned, sent, and checked against what the
store then holds.

The push speaks the SPARQL 1.1 Graph Store HTTP Protocol (GSP) or, for stores without it,
SPARQL 1.1 Update, in the layout of `kg.remote.layout`. A store gives each request's blank
nodes fresh identities, so no request splits the quads that share a blank node; stores that
take a whole dataset (Oxigraph, Fuseki) get N-Quads, so a blank node shared between a quote's
graph and the default graph stays one node.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Dataset

from kg.describe import description
from kg.errors import BadValue, StoreRefused
from kg.remote.connection import Connection, check_url, safe_url
from kg.remote.endpoint import SparqlEndpoint
from kg.remote.kinds import StoreKind, query_endpoint, store_kind
from kg.remote.layout import DEFAULT, ONTOLOGY, GraphName, checked_iri, description_graph, layout, local_quads
from kg.remote.readback import Count, counts

Progress = Callable[[int, int], None]
"""Called with the quads sent so far and the quads to send, before the first request and
after each."""


@dataclass(frozen=True)
class Target:
    """Where a push goes and how: a GSP endpoint (or, with `update`, a SPARQL Update endpoint),
    the graphs it writes, and the query endpoint that reads the counts back (derived from
    `url` for the kinds of store kg knows)."""

    url: str
    update: bool = False
    graph: str | None = None
    default: bool = False
    replace: bool = False
    facts_only: bool = False
    endpoint: str | None = None
    chunk_size: int = 10000

    def __post_init__(self) -> None:
        check_url(self.url)
        if self.endpoint is not None:
            check_url(self.endpoint)
        if self.graph is not None:
            checked_iri(self.graph)
            if self.default:
                raise BadValue(f"one graph to push into, not both {self.graph} and the default graph")
        if self.chunk_size < 1:
            raise BadValue(f"chunk size must be at least 1, not {self.chunk_size}")

    @property
    def kind(self) -> StoreKind:
        return store_kind(self.url)[0]

    @property
    def query_url(self) -> str | None:
        """Where the counts are read back; None when the store's kind is unknown and no endpoint given."""
        return self.endpoint or query_endpoint(self.url)


@dataclass
class Request:
    """One HTTP request of a push; `quads` is how many quads it carries (for progress)."""

    method: str
    url: str
    params: dict[str, str] = field(default_factory=dict)
    data: bytes | dict[str, str] = b""
    content_type: str | None = None
    quads: int = 0


@dataclass
class Plan:
    """A push: the requests in order and the quads they send."""

    requests: list[Request]
    quads: list[ox.Quad]

    @property
    def graphs(self) -> dict[GraphName, int]:
        """Triples per target graph, as pushed."""
        return {name: len(members) for name, members in _by_graph(self.quads).items()}


@dataclass(frozen=True)
class PushReport:
    """What a push did: the store, the quads and requests sent, and the counts read back next
    to the pushed ones (None when no query endpoint is known to read them from)."""

    store: str
    kind: str
    quads: int
    requests: int
    counts: list[Count] | None


def push(dataset: Dataset, target: Target, connection: Connection, progress: Progress | None = None) -> PushReport:
    """Push the dataset to the target, then read the counts back.

    StoreRefused when the store holds other counts than were pushed (other data in those
    graphs, or a push that adds to an earlier one instead of replacing it)."""
    plan = plan_push(dataset, target)
    total, sent = sum(r.quads for r in plan.requests), 0
    if progress is not None:
        progress(0, total)
    for request in plan.requests:
        send(connection, request)
        sent += request.quads
        if progress is not None:
            progress(sent, total)
    compared = None
    if target.query_url is not None:
        compared = counts(plan.graphs, SparqlEndpoint(target.query_url, connection))
        _check_counts(target, compared)
    return PushReport(safe_url(target.url), target.kind.name, len(plan.quads), len(plan.requests), compared)


def _check_counts(target: Target, compared: list[Count]) -> None:
    differing = [f"{c.what}: {c.local:,} pushed, {c.remote:,} held" for c in compared if c.local != c.remote]
    if differing:
        raise StoreRefused(
            f"{safe_url(target.url)} holds other counts than were pushed ({'; '.join(differing)}): "
            "other data in those graphs, or a push that adds instead of replacing"
        )


def plan_push(dataset: Dataset, target: Target) -> Plan:
    """The requests that push the dataset to the target.

    Over GSP, `replace` replaces each pushed graph (PUT, or DELETE before a dataset upload);
    without it the triples are added (POST). Over Update, `replace` drops the graphs first.
    """
    union = target.kind.union_default
    local = local_quads(dataset)
    described = pushed_description(local, target.query_url, description_graph(union, target.graph, target.default))
    laid_out = layout(local, union, target.graph, target.default, target.facts_only)
    quads = list(dict.fromkeys([*laid_out, *described]))
    if target.update:
        requests_ = _update_requests(target.url, quads, target.replace, target.chunk_size)
    elif target.kind.dataset_upload and target.graph is None and not target.default:
        requests_ = _dataset_requests(target.url, quads, target.replace, target.chunk_size)
    else:
        requests_ = _graph_requests(target.url, quads, target.replace, target.chunk_size)
    return Plan(requests_, quads)


def pushed_description(quads: list[ox.Quad], endpoint: str | None, graph: GraphName) -> list[ox.Quad]:
    """The dataset's VoID/DCAT description (kg.describe) naming the endpoint it is pushed to."""
    default_graph = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in description(default_graph, endpoint)]


def send(connection: Connection, request: Request) -> None:
    """Send one request of a plan; a graph that does not exist yet is no error for DELETE."""
    headers = {"Content-Type": request.content_type} if request.content_type else {}
    connection.request(
        request.method,
        request.url,
        params=request.params,
        data=request.data,
        headers=headers,
        absent_ok=request.method == "DELETE",
    )


def chunks(quads: list[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    """The quads in groups of about `size`, never splitting the quads that share a blank node
    (a store gives each request's blank nodes fresh identities)."""
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for quad in quads:
        blanks = [t for t in (quad.subject, quad.object) if isinstance(t, ox.BlankNode)]
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
    groups: dict[object, list[ox.Quad]] = {}
    for index, quad in enumerate(quads):
        blank = next((t for t in (quad.subject, quad.object) if isinstance(t, ox.BlankNode)), None)
        groups.setdefault(root(blank) if blank is not None else index, []).append(quad)
    chunk: list[ox.Quad] = []
    for group in groups.values():
        if chunk and len(chunk) + len(group) > size:
            yield chunk
            chunk = []
        chunk.extend(group)
    if chunk:
        yield chunk


def _graph_params(graph: GraphName) -> dict[str, str]:
    return {"default": ""} if isinstance(graph, ox.DefaultGraph) else {"graph": graph.value}


def _replaced(graph: GraphName, replace: bool) -> bool:
    """Whether a push replaces the graph: with `replace`, and always for the ontology's graph,
    kg's own vocabulary, whose blank nodes (OWL class expressions) a store cannot match when
    added again."""
    return replace or graph == ONTOLOGY


def _ntriples(quads: Iterable[ox.Quad]) -> bytes:
    """The quads' triples as N-Triples (pyoxigraph's terms are SPARQL terms too)."""
    return (
        ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
    )


def _by_graph(quads: Iterable[ox.Quad]) -> dict[GraphName, list[ox.Quad]]:
    graphs: dict[GraphName, list[ox.Quad]] = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, []).append(quad)
    return graphs


def _graph_requests(url: str, quads: list[ox.Quad], replace: bool, size: int) -> list[Request]:
    """GSP, one graph at a time as N-Triples: PUT replaces a graph, POST adds to it."""
    result = []
    for name, members in _by_graph(quads).items():
        for number, chunk in enumerate(chunks(members, size)):
            method = "PUT" if _replaced(name, replace) and number == 0 else "POST"
            result.append(
                Request(method, url, _graph_params(name), _ntriples(chunk), "application/n-triples", len(chunk))
            )
    return result


def _dataset_requests(url: str, quads: list[ox.Quad], replace: bool, size: int) -> list[Request]:
    """GSP on the whole dataset as N-Quads (Oxigraph, Fuseki); `replace` deletes each graph first."""
    result = [Request("DELETE", url, _graph_params(name)) for name in _by_graph(quads) if _replaced(name, replace)]
    for chunk in chunks(quads, size):
        body = ox.serialize(chunk, format=ox.RdfFormat.N_QUADS) or b""
        result.append(Request("POST", url, {}, body, "application/n-quads", len(chunk)))
    return result


def _update_requests(url: str, quads: list[ox.Quad], replace: bool, size: int) -> list[Request]:
    """SPARQL Update: DROP SILENT each graph (with `replace`), then INSERT DATA in chunks."""
    result = []
    drops = [
        "DROP SILENT DEFAULT" if g == DEFAULT else f"DROP SILENT GRAPH {g}"
        for g in _by_graph(quads)
        if _replaced(g, replace)
    ]
    if drops:
        result.append(Request("POST", url, {}, {"update": " ;\n".join(drops)}))
    for chunk in chunks(quads, size):
        blocks = []
        for name, members in _by_graph(chunk).items():
            triples = _ntriples(members).decode("utf-8")
            blocks.append(triples if name == DEFAULT else f"GRAPH {name} {{\n{triples}}}\n")
        result.append(Request("POST", url, {}, {"update": "INSERT DATA {\n" + "".join(blocks) + "}"}, None, len(chunk)))
    return result
