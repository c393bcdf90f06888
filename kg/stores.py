"""External triple stores: pushing the graph into one, and querying a SPARQL endpoint.

Pushing speaks the SPARQL 1.1 Graph Store HTTP Protocol (GSP) or, for stores without it,
SPARQL 1.1 Update. The pushed layout follows the store's kind so that the named queries give
the local rows on a store with default settings:

- stores whose default graph is a graph of its own (Oxigraph, Fuseki) get the local layout as
  it is: the default graph (declarations, evidence, merged facts), one named graph per quote,
  the ontology's graph. Blank nodes are shared between a quote's graph and the default graph,
  so the data goes as N-Quads to the whole dataset, never split inside a blank node's quads;
- stores whose default graph is the union of all graphs (Virtuoso, GraphDB) get the quote
  graphs, the ontology's graph and `DEFAULT_GRAPH` holding the rest of the local default
  graph: their union is the local default graph, and no blank node spans two graphs.

Querying speaks the SPARQL 1.1 Protocol. The protocol has no bindings, so a parameter's term
replaces its variable in the WHERE clause (Oxigraph's substitution of bound variables, as the
query runs locally) and a VALUES block keeps the variable bound for the projection. Terms are
written by pyoxigraph, which validates IRIs and language tags and escapes literals: no value
can change the query's structure.
"""

from __future__ import annotations

import contextlib
import io
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from kg.describe import description
from kg.errors import BadQuery, BadValue, KgError, StoreRefused
from kg.export import dataset_quads
from kg.namespaces import EV, ONTOLOGY_GRAPH, PREFIXES, ZKG
from kg.resources import internal_query
from kg.sparql import Answer, prefixed_graph, run
from kg.terms import to_ox, to_rdflib

DEFAULT_GRAPH = "https://w3id.org/zonekg/default-graph"
"""Where the local default graph's own triples go in stores whose default graph is the union."""

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_DEFAULT = ox.DefaultGraph()
_ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)


@dataclass(frozen=True)
class StoreKind:
    """What kg knows of one kind of store: its URLs and how its default graph behaves."""

    name: str
    gsp_path: str
    update_path: str
    query: str
    update: str
    union_default: bool
    dataset_upload: bool
    auth: str = "basic"

    def match(self, url: str) -> str | None:
        """The store's base URL when `url` is its GSP or update endpoint."""
        path = urlsplit(url).path
        for pattern in (self.gsp_path, self.update_path):
            found = re.fullmatch(pattern, path)
            if found:
                return _with_path(url, found.group("base"))
        return None


STORE_KINDS = (
    StoreKind(
        "oxigraph", r"(?P<base>.*)/store/?", r"(?P<base>.*)/update/?", "{base}/query", "{base}/update", False, True
    ),
    StoreKind(
        "fuseki",
        r"(?P<base>.*/[^/]+)/data/?",
        r"(?P<base>.*/[^/]+)/update/?",
        "{base}/sparql",
        "{base}/update",
        False,
        True,
    ),
    StoreKind(
        "virtuoso",
        r"(?P<base>.*)/sparql-graph-crud(-auth)?/?",
        r"(?P<base>.*)/sparql(-auth)?/?",
        "{base}/sparql",
        "{base}/sparql-auth",
        True,
        False,
        "digest",
    ),
    StoreKind(
        "graphdb",
        r"(?P<base>.*/repositories/[^/]+)/rdf-graphs/service/?",
        r"(?P<base>.*/repositories/[^/]+)/statements/?",
        "{base}",
        "{base}/statements",
        True,
        False,
    ),
)
GENERIC = StoreKind("generic", r"(?P<base>)", r"(?P<base>)", "", "", False, False)


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def store_kind(url: str) -> tuple[StoreKind, str]:
    """The kind of store behind a GSP or update URL, and its base URL; GENERIC when unknown."""
    for kind in STORE_KINDS:
        base = kind.match(url)
        if base is not None:
            return kind, base
    return GENERIC, url


def query_endpoint(url: str) -> str | None:
    """The SPARQL query endpoint of the store behind a GSP or update URL, when its kind is known."""
    kind, base = store_kind(url)
    return kind.query.format(base=base) if kind is not GENERIC else None


def safe_url(url: str) -> str:
    """The URL without user name and password, for messages."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadValue(f"not an http(s) URL: {safe_url(url)!r}")
    if "@" in parts.netloc:
        raise BadValue(f"{safe_url(url)}: put no credentials in the URL; use --user and KG_STORE_PASSWORD")
    return url


class Connection:
    """HTTP to one store: authentication, timeouts, and bounded retries with backoff on
    transient failures (connection errors, timeouts, 5xx, 429). Messages never show the
    password."""

    TRANSIENT: ClassVar[set[int]] = {429, 500, 502, 503, 504}

    def __init__(
        self,
        user: str | None = None,
        password: str | None = None,
        auth: str = "basic",
        timeout: float = 60,
        retries: int = 3,
        backoff: float = 0.5,
    ):
        self.session = requests.Session()
        self.password = password
        if user is not None:
            if auth not in ("basic", "digest"):
                raise BadValue(f"unknown authentication {auth!r}; use basic or digest")
            scheme = requests.auth.HTTPDigestAuth if auth == "digest" else requests.auth.HTTPBasicAuth
            self.session.auth = scheme(user, password or "")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.digest = user is not None and auth == "digest"
        self.authenticated: set[str] = set()

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        """The store's answer; a KgError naming the URL when it fails or refuses."""
        where = f"{method} {safe_url(url)}"
        if self.digest and kwargs.get("data") and url not in self.authenticated:
            self._handshake(url)
        for attempt in range(self.retries + 1):
            last, response = attempt == self.retries, None
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.Timeout:
                if last:
                    raise self._error(f"{where}: no answer within {self.timeout:g} s") from None
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
                if last:
                    raise self._error(f"{where}: cannot connect (is the store running?)") from None
            else:
                if response.status_code not in self.TRANSIENT or last:
                    return self._checked(where, response)
            time.sleep(self._delay(attempt, response))
        raise AssertionError("unreachable")

    def _handshake(self, url: str) -> None:
        """Take the digest challenge with a bodiless HEAD, so that requests with a body carry
        their credentials from the start. A store answering 401 to a large body it has not
        read (Virtuoso) resets the connection under the client's feet."""
        self.authenticated.add(url)
        with contextlib.suppress(requests.RequestException):
            self.session.head(url, timeout=self.timeout)

    def _delay(self, attempt: int, response: requests.Response | None) -> float:
        retry_after = response.headers.get("Retry-After", "") if response is not None else ""
        if retry_after.isdigit():
            return min(float(retry_after), 30.0)
        return self.backoff * 2**attempt

    def _checked(self, where: str, response: requests.Response) -> requests.Response:
        if response.status_code in (401, 403):
            raise self._error(
                f"{where}: the store refused the credentials (HTTP {response.status_code}); "
                "check --user, --auth and KG_STORE_PASSWORD"
            )
        if response.status_code >= 400:
            raise self._error(f"{where}: HTTP {response.status_code}: {_gist(response.text)}")
        return response

    def _error(self, message: str) -> KgError:
        if self.password:
            message = message.replace(self.password, "***")
        return KgError(message)


def _gist(body: str) -> str:
    """The store's error message in one line: text of an HTML page, cut to a readable length."""
    preferred = re.search(r"<xmp>(.*?)</xmp>", body, re.S)
    text = preferred.group(1) if preferred else re.sub(r"<[^>]*>", " ", body)
    text = " ".join(text.split())
    return (text[:300] + " …") if len(text) > 300 else text or "(no message)"


# Sending -------------------------------------------------------------------------------------


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
    """A push: the requests in order, the quads sent, and what to compare afterwards."""

    requests: list[Request]
    quads: list[ox.Quad]
    kind: StoreKind
    query_url: str | None

    @property
    def graphs(self) -> dict[ox.NamedNode | ox.DefaultGraph, int]:
        """Triples per target graph, as pushed."""
        counts: dict = {}
        for quad in self.quads:
            counts[quad.graph_name] = counts.get(quad.graph_name, 0) + 1
        return counts


def layout(
    dataset: Dataset, union_default: bool, graph: str | None = None, default: bool = False, facts_only: bool = False
) -> list[ox.Quad]:
    """The quads to push, in the store's graphs (see the module docstring).

    `graph` or `default` put everything (facts, declarations, ontology) into that one graph;
    `facts_only` leaves out the quote graphs and the evidence and source descriptions.
    """
    quads = list(dict.fromkeys(dataset_quads(dataset)))
    if facts_only:
        cited = {
            q.subject
            for q in quads
            if q.graph_name == _DEFAULT
            and q.predicate == RDF_TYPE
            and q.object in (ox.NamedNode(ZKG.Evidence), ox.NamedNode(ZKG.Source))
        }
        quads = [q for q in quads if q.graph_name in (_DEFAULT, _ONTOLOGY) and q.subject not in cited]
    if graph is not None or default:
        target = ox.NamedNode(_iri(graph)) if graph is not None else _DEFAULT
        return list(dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object, target) for q in quads))
    if not union_default:
        return quads
    base = ox.NamedNode(DEFAULT_GRAPH)
    facts = {ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.graph_name not in (_DEFAULT, _ONTOLOGY)}
    return [
        ox.Quad(q.subject, q.predicate, q.object, base) if q.graph_name == _DEFAULT else q
        for q in quads
        if q.graph_name != _DEFAULT or ox.Triple(q.subject, q.predicate, q.object) not in facts
    ]


def _iri(value: str) -> str:
    try:
        return ox.NamedNode(value).value
    except ValueError as error:
        raise BadValue(f"not an IRI: {value!r} ({error})") from None


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


def plan_push(
    dataset: Dataset,
    store: str | None = None,
    update: str | None = None,
    *,
    graph: str | None = None,
    default: bool = False,
    replace: bool = False,
    facts_only: bool = False,
    endpoint: str | None = None,
    chunk_size: int = 10000,
) -> Plan:
    """The requests that push the dataset to a GSP endpoint (`store`) or an update endpoint.

    Over GSP, `replace` replaces each pushed graph (PUT, or DELETE before a dataset upload);
    without it the triples are added (POST). Over Update, `replace` drops the graphs first.
    """
    if (store is None) == (update is None):
        raise BadValue("give one of --store URL (Graph Store Protocol) or --update URL (SPARQL Update)")
    if graph is not None and default:
        raise BadValue("give --graph IRI or --default, not both")
    if chunk_size < 1:
        raise BadValue(f"chunk size must be at least 1, not {chunk_size}")
    url = check_url(store or update)
    kind, _ = store_kind(url)
    query_url = check_url(endpoint) if endpoint else query_endpoint(url)
    description = pushed_description(dataset, query_url, _description_graph(kind, graph, default))
    quads = list(dict.fromkeys([*layout(dataset, kind.union_default, graph, default, facts_only), *description]))
    if update is not None:
        requests_ = _update_requests(url, quads, replace, chunk_size)
    elif kind.dataset_upload and graph is None and not default:
        requests_ = _dataset_requests(url, quads, replace, chunk_size)
    else:
        requests_ = _graph_requests(url, quads, replace, chunk_size)
    return Plan(requests_, quads, kind, query_url)


def pushed_description(dataset: Dataset, endpoint: str | None, target: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    """The dataset's VoID/DCAT description (kg.describe) naming the endpoint it is pushed to."""
    default_graph = [q for q in dataset_quads(dataset) if q.graph_name == _DEFAULT]
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in description(default_graph, endpoint)]


def _description_graph(kind: StoreKind, graph: str | None, default: bool) -> ox.NamedNode | ox.DefaultGraph:
    """The graph a push puts the local default graph's own triples in (see `layout`)."""
    if graph is not None:
        return ox.NamedNode(_iri(graph))
    return ox.NamedNode(DEFAULT_GRAPH) if kind.union_default and not default else _DEFAULT


def _graph_params(graph: ox.NamedNode | ox.DefaultGraph) -> dict[str, str]:
    return {"default": ""} if graph == _DEFAULT else {"graph": graph.value}


def _by_graph(quads: Iterable[ox.Quad]) -> dict[ox.NamedNode | ox.DefaultGraph, list[ox.Quad]]:
    graphs: dict = {}
    for quad in quads:
        graphs.setdefault(quad.graph_name, []).append(quad)
    return graphs


def _replaced(graph: ox.NamedNode | ox.DefaultGraph, replace: bool) -> bool:
    """Whether a push replaces the graph: with `replace`, and always for the ontology's graph,
    kg's own vocabulary, whose blank nodes (OWL class expressions) a store cannot match when
    added again."""
    return replace or graph == _ONTOLOGY


def _graph_requests(url: str, quads: list[ox.Quad], replace: bool, size: int) -> list[Request]:
    """GSP, one graph at a time as N-Triples: PUT replaces a graph, POST adds to it."""
    result = []
    for name, members in _by_graph(quads).items():
        for number, chunk in enumerate(chunks(members, size)):
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in chunk)
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            method = "PUT" if _replaced(name, replace) and number == 0 else "POST"
            result.append(Request(method, url, _graph_params(name), body, "application/n-triples", len(chunk)))
    return result


def _dataset_requests(url: str, quads: list[ox.Quad], replace: bool, size: int) -> list[Request]:
    """GSP on the whole dataset as N-Quads (Oxigraph, Fuseki); `replace` deletes each graph first."""
    result = [Request("DELETE", url, _graph_params(name)) for name in _by_graph(quads) if _replaced(name, replace)]
    for chunk in chunks(quads, size):
        result.append(
            Request(
                "POST", url, {}, ox.serialize(chunk, format=ox.RdfFormat.N_QUADS), "application/n-quads", len(chunk)
            )
        )
    return result


def _update_requests(url: str, quads: list[ox.Quad], replace: bool, size: int) -> list[Request]:
    """SPARQL Update: DROP SILENT each graph (with `replace`), then INSERT DATA in chunks.

    The data is written by pyoxigraph's N-Triples serialiser, whose terms are SPARQL terms."""
    result = []
    drops = [
        "DROP SILENT DEFAULT" if g == _DEFAULT else f"DROP SILENT GRAPH {g}"
        for g in _by_graph(quads)
        if _replaced(g, replace)
    ]
    if drops:
        result.append(Request("POST", url, {}, {"update": " ;\n".join(drops)}))
    for chunk in chunks(quads, size):
        blocks = []
        for name, members in _by_graph(chunk).items():
            triples = ox.serialize(
                (ox.Triple(q.subject, q.predicate, q.object) for q in members), format=ox.RdfFormat.N_TRIPLES
            ).decode("utf-8")
            blocks.append(triples if name == _DEFAULT else f"GRAPH {name} {{\n{triples}}}\n")
        result.append(Request("POST", url, {}, {"update": "INSERT DATA {\n" + "".join(blocks) + "}"}, None, len(chunk)))
    return result


def send(connection: Connection, request: Request) -> None:
    """Send one request of a plan; a graph that does not exist yet is no error for DELETE."""
    headers = {"Content-Type": request.content_type} if request.content_type else {}
    try:
        connection.request(request.method, request.url, params=request.params, data=request.data, headers=headers)
    except KgError as error:
        if request.method != "DELETE" or "HTTP 404" not in str(error):
            raise


# Counting and reading back -------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    what: str
    local: int
    remote: int


def counts(plan: Plan, endpoint: SparqlEndpoint) -> list[Count]:
    """What the push sent next to what the store holds, graph by graph kind: the default (or
    single) graph, the quote graphs and their triples, the ontology's graph."""
    graphs = plan.graphs
    result = []
    for name in graphs:
        if name == _DEFAULT:
            result.append(
                Count("triples in the default graph", graphs[name], _number(endpoint, "store-count-default.rq", {}))
            )
        elif not name.value.startswith(str(EV)):
            result.append(
                Count(
                    f"triples in {name}",
                    graphs[name],
                    _number(endpoint, "store-count-graph.rq", {"graph": to_rdflib(name)}),
                )
            )
    evidence = [n for n in graphs if n != _DEFAULT and n.value.startswith(str(EV))]
    if evidence:
        row = run(endpoint, internal_query("store-count-evidence.rq")).rows[0]
        result.append(Count("quote graphs", len(evidence), int(row["graphs"])))
        result.append(Count("triples in quote graphs", sum(graphs[n] for n in evidence), int(row["triples"])))
    return result


def _number(endpoint: SparqlEndpoint, name: str, bindings: dict[str, Node]) -> int:
    return int(run(endpoint, internal_query(name), bindings).rows[0]["triples"])


def fetch(endpoint: SparqlEndpoint, union_default: bool) -> Dataset:
    """The zonekg graphs a store holds, back in the local layout (see kg.load): for a store with
    a union default graph, `DEFAULT_GRAPH` and the merged quote graphs make the default graph."""
    name = "store-named-graphs.rq" if union_default else "store-dataset.rq"
    dataset = Dataset()
    for row in run(endpoint, internal_query(name)).rows:
        graph = row["graph"]
        triple = (row["s"], row["p"], row["o"])
        if graph is None or str(graph) == DEFAULT_GRAPH:
            dataset.add(triple)
            continue
        dataset.graph(graph).add(triple)
        if union_default and str(graph) != ONTOLOGY_GRAPH:
            dataset.add(triple)
    return dataset


# Querying ------------------------------------------------------------------------------------

_TOKENS = re.compile(
    r'''(?P<comment>\#[^\n]*)
      | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
                   |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$]\w+)
      | (?P<word>[A-Za-z_][\w.-]*:?[\w.-]*)
      | (?P<open>\{) | (?P<close>\}) | (?P<space>\s+) | (?P<other>.)''',
    re.X | re.S,
)
_FORMS = (
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
)


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of each token that matters: no spaces, no comments."""
    return [
        (m.lastgroup, m.group(), m.start(), m.end())
        for m in _TOKENS.finditer(text)
        if m.lastgroup not in ("space", "comment")
    ]


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or the first keyword of an update."""
    for kind, token, _, _ in _tokens(text):
        if kind == "word" and token.upper() in _FORMS:
            return token.upper()
    raise BadQuery("malformed SPARQL: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def sparql_terms(bindings: dict[str, Node]) -> dict[str, str]:
    """Each bound variable's term as SPARQL text, written (and validated) by pyoxigraph."""
    terms = {}
    for name, term in bindings.items():
        if not re.fullmatch(r"\w+", name):
            raise BadValue(f"not a SPARQL variable name: {name!r}")
        if isinstance(term, BNode):
            raise BadValue(f"parameter {name}: a blank node cannot be bound in a remote query")
        try:
            terms[name] = str(to_ox(term))
        except (ValueError, TypeError) as error:
            raise BadValue(f"parameter {name}: not a valid RDF term: {term!r} ({error})") from None
    return terms


def with_values(text: str, bindings: dict[str, Node]) -> str:
    """The query with its bound variables replaced by their terms in the WHERE clause (as
    Oxigraph substitutes them locally; Virtuoso's planner needs the constants too), and a
    VALUES block opening the WHERE clause so that they are still bound where projected."""
    if not bindings:
        return text
    terms = sparql_terms(bindings)
    tokens = _tokens(text)
    active = query_form(text) in ("SELECT", "ASK", "DESCRIBE")
    edits: list[tuple[int, int, str]] = []
    previous, values_header = "", False
    for kind, token, start, end in tokens:
        word = token.upper() if kind == "word" else ""
        if word == "WHERE":
            active = True
        elif word == "VALUES":
            values_header = True
        elif kind == "open":
            values_header = False
            if active and not edits:
                clause = f" VALUES ({' '.join('?' + n for n in terms)}) {{ ({' '.join(terms.values())}) }} "
                edits.append((end, end, clause))
        elif kind == "var" and edits and token[1:] in terms:
            if previous == "AS" or values_header:
                raise BadQuery(f"cannot bind ?{token[1:]}: the query assigns it itself")
            edits.append((start, end, terms[token[1:]]))
        previous = word
    if not edits:
        raise BadQuery("cannot bind parameters: the query has no WHERE clause")
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


def with_prefixes(text: str) -> str:
    """The query with the project's prefixes declared where it uses them undeclared (as
    queries run locally with them)."""
    tokens = _tokens(text)
    declared = {
        tokens[i + 1][1].lower()
        for i, (kind, token, _, _) in enumerate(tokens[:-1])
        if kind == "word" and token.upper() == "PREFIX"
    }
    missing = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if f"{p}:" not in declared]
    return "\n".join([*missing, text])


_ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples, text/turtle;q=0.9",
    "DESCRIBE": "application/n-triples, text/turtle;q=0.9",
}
_GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
}


class SparqlEndpoint:
    """A remote SPARQL 1.1 Protocol endpoint as a query source (see kg.sparql.Endpoint)."""

    def __init__(self, url: str, connection: Connection | None = None):
        self.url = check_url(url)
        self.connection = connection or Connection()

    def __repr__(self) -> str:
        return f"SparqlEndpoint({safe_url(self.url)!r})"

    def query(self, text: str, bindings: dict[str, Node]) -> Answer:
        form = query_form(text)
        if form not in _ACCEPT:
            raise BadQuery(f"only queries run on an endpoint, not {form} (an update)")
        text = with_prefixes(with_values(text, bindings))
        response = self.connection.request(
            "POST", self.url, data={"query": text.encode("utf-8")}, headers={"Accept": _ACCEPT[form]}
        )
        media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if form in ("SELECT", "ASK"):
            return _results(self.url, response)
        return _graph_answer(self.url, form, media, response.content)


def _results(url: str, response: requests.Response) -> Answer:
    try:
        document = response.json()
    except ValueError:
        raise StoreRefused(
            f"{safe_url(url)}: the answer is not SPARQL JSON results "
            f"({response.headers.get('Content-Type', 'no type')})"
        ) from None
    if "boolean" in document:
        return Answer("ASK", boolean=bool(document["boolean"]))
    columns = list(document["head"]["vars"])
    rows = [{c: (json_term(b[c]) if c in b else None) for c in columns} for b in document["results"]["bindings"]]
    return Answer("SELECT", columns, rows)


def json_term(value: dict) -> Node:
    """An rdflib term from one binding of SPARQL JSON results; blank node labels that are no
    N-Triples labels (Virtuoso's `nodeID://b1`) are rewritten, one to one."""
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        label = value["value"]
        return BNode(label if re.fullmatch(r"[A-Za-z0-9_]+", label) else "x" + label.encode("utf-8").hex())
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(value["value"], lang=value["xml:lang"])
        return to_rdflib(ox.Literal(value["value"], datatype=ox.NamedNode(value.get("datatype", str(XSD_STRING)))))
    raise StoreRefused(f"unknown term type in SPARQL results: {kind!r}")


XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def _graph_answer(url: str, form: str, media: str, body: bytes) -> Answer:
    if media not in _GRAPH_FORMATS:
        raise StoreRefused(
            f"{safe_url(url)}: {form} answered in {media or 'no declared format'}, not N-Triples or Turtle"
        )
    graph = prefixed_graph()
    graph.parse(io.BytesIO(body), format=_GRAPH_FORMATS[media])
    return Answer(form, graph=graph)
