"""The interactive HTML graph: one self-contained page that works with no network.

The page inlines vis-network (read from the installed pyvis package), the assets under
`viz/` and the data as JSON with `<`, `>` and `&` escaped; the page's script puts data into
the document only through `textContent`. Each node and edge carries the facts behind it,
with their verbatim quotes and sources.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.bindings import with_rows
from kg.chain import chain_members
from kg.classes import CLASS_NAMES, class_name
from kg.entity import detail_text
from kg.errors import BadValue, NotFound, TooManyEntities
from kg.files import write_atomic
from kg.graph import around, edge_rows, ends, neighbors, network, node_rows, to_networkx, touching
from kg.labels import checked_language, label
from kg.money import yuan_text
from kg.named import named_query
from kg.names import ranking_rules, resolve
from kg.namespaces import ZKG, expand, short
from kg.resources import internal_query, package_path
from kg.sparql import Row, Source, in_one_order, run
from kg.terms import optional_text

DEFAULT_OUT = Path("build/zonekg.html")
DEFAULT_MAX_NODES = 500
ZONE_CONTEXT = ("IndustryChain", "Honor")
CONTEXT_CLASSES = ("Zone", "IndustryChain")
KEY_NUMBERS = (ZKG.totalInvestment, ZKG.status, ZKG.signedYear, ZKG.startYear, ZKG.productionYear)
VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


@dataclass(frozen=True)
class Filters:
    """What to show; every filter given narrows the selection (they intersect)."""

    zone: str | None = None
    chain: str | None = None
    around: str | None = None
    depth: int | None = None
    types: Sequence[str] = ()

    def describe(self) -> str:
        parts = [self.zone, self.chain, self.around and f"{self.around} ±{self.depth or 1}", ", ".join(self.types)]
        return " · ".join(p for p in parts if p)


@dataclass
class Page:
    html: str
    graph: nx.MultiDiGraph
    name: str = "zonekg"


def build_page(
    source: Source, filters: Filters = Filters(), lang: str = "zh", max_nodes: int = DEFAULT_MAX_NODES
) -> Page:
    """The HTML page of the selected part of the graph, and that selection as a network."""
    checked_language(lang)
    selection = select(source, filters)
    if selection.number_of_nodes() > max_nodes:
        raise TooManyEntities(selection.number_of_nodes(), max_nodes)
    title = " — ".join(t for t in (strings(lang)["title"], filters.describe()) if t)
    return Page(render(page_data(source, selection, lang), lang, title), selection, page_name(source, filters))


def page_name(source: Source, filters: Filters) -> str:
    """A file name for the page that says what it shows, in ASCII: the entities' IRI slugs
    (zonekg-chain-new-materials, zonekg-hangzhou-bay-shangyu-etdz-enterprise-project)."""
    parts = ["zonekg"]
    for name, cls in ((filters.zone, ZKG.Zone), (filters.chain, ZKG.IndustryChain), (filters.around, None)):
        if name:
            parts.append(short(str(resolve(source, name, cls))).split(":", 1)[-1].strip("<>"))
    if filters.around:
        parts.append(str(filters.depth or 1))
    parts += sorted(class_name(given).casefold() for given in filters.types)
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower()).strip("-")


def write_page(html: str, out: str | Path | None = None, name: str = "zonekg") -> Path:
    """Write the page as UTF-8, atomically; by default `build/NAME.html`, creating `build/`."""
    if out is None:
        out = DEFAULT_OUT.with_name(f"{name}.html")
        out.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(out, html.encode("utf-8"))


# Selection


def select(source: Source, filters: Filters) -> nx.MultiDiGraph:
    """The entities (and every relation among them) that all the given filters keep.

    Each filter asks the source for its own part of the graph; the whole graph is read only
    when nothing but classes is asked for."""
    parts = []
    if filters.zone:
        parts.append(zone_selection(source, filters.zone))
    if filters.chain:
        parts.append(chain_selection(source, filters.chain))
    if filters.around:
        parts.append(ego_network(source, filters.around, filters.depth or 1))
    elif filters.depth is not None:
        raise BadValue(f"a depth ({filters.depth}) needs an entity to count the steps from")
    graph = subnetwork(source, set.intersection(*parts)) if parts else to_networkx(source)
    if filters.types:
        graph = graph.subgraph(of_types(graph, set(graph), {class_name(given) for given in filters.types})).copy()
    if not graph:
        raise NotFound(f"no entity matches all the filters ({filters.describe()})")
    return graph


def of_types(graph: nx.MultiDiGraph, selection: set[str], wanted: set[str]) -> set[str]:
    """The entities of the wanted classes, and the zones and chains of the selection that give
    them their meaning: those they are linked to, and the broader chains above these."""
    kept = {n for n in selection if graph.nodes[n]["type"] in wanted}
    context = {
        other
        for n in kept
        for other in (*graph.successors(n), *graph.predecessors(n))
        if other in selection and graph.nodes[other]["type"] in CONTEXT_CLASSES
    }
    broader = relation(graph, "skos:broader")
    context |= {c for chain in context if chain in broader for c in nx.descendants(broader, chain) if c in selection}
    return kept | context


def relation(graph: nx.MultiDiGraph, predicate: str) -> nx.DiGraph:
    return nx.DiGraph([(s, o) for s, o, p in graph.edges(keys=True) if p == predicate])


def subnetwork(source: Source, entities: set[str]) -> nx.MultiDiGraph:
    """The network of these entities and every relation among them."""
    return network(node_rows(source, entities), edge_rows(source, entities, "subject"))


def below(source: Source, node: str, predicate: str) -> set[str]:
    """Every entity with a chain of `predicate` relations to `node` (located in it, narrower than it)."""
    found: set[str] = set()
    frontier = {node}
    while frontier:
        rows = edge_rows(source, frontier, "object")
        frontier = {subject for subject, p, _, _, _ in rows if p == predicate} - found - {node}
        found |= frontier
    return found


def zone_selection(source: Source, name: str) -> set[str]:
    """The zone, all located in it (directly, in its platforms or sub-zones), and their chains and honours."""
    zone = str(resolve(source, name, ZKG.Zone))
    members = {zone} | below(source, zone, "zkg:locatedIn")
    others = ends(touching(source, members)) - members
    return members | {iri for iri, type_, _, _ in node_rows(source, others) if type_ in ZONE_CONTEXT}


def chain_selection(source: Source, name: str) -> set[str]:
    """The chain, its narrower chains, and every enterprise, project and platform in any of them."""
    found = chain_members(source, name)
    chain = str(found.chain)
    return {chain} | below(source, chain, "skos:broader") | {str(m.member) for m in found.members}


def ego_network(source: Source, name: str, depth: int) -> set[str]:
    entity = str(resolve(source, name))
    return {entity} | {other for other, _, _ in neighbors(around(source, entity, depth), entity, depth)}


# What the page shows


@cache
def style() -> dict:
    return json.loads(package_path("viz_assets", "style.json").read_text(encoding="utf-8"))


@cache
def strings(lang: str) -> dict:
    return json.loads(package_path("viz_assets", "strings.json").read_text(encoding="utf-8"))[lang]


class Labels:
    """Labels of vocabulary terms and entities in one language, looked up once each."""

    def __init__(self, source: Source, lang: str):
        self.source = source
        self.lang = lang
        self.cache: dict[Node, str] = {}

    def __call__(self, term: Node) -> str:
        if term not in self.cache:
            found = label(self.source, term, self.lang)
            fallback = strings(self.lang)["predicates"].get(short(str(term)), short(str(term)))
            self.cache[term] = str(found) if found is not None else fallback
        return self.cache[term]


def page_data(source: Source, graph: nx.MultiDiGraph, lang: str) -> dict:
    """Everything the page's script needs: nodes, edges, options, legend, and the evidence."""
    labels = Labels(source, lang)
    names = all_names(source, graph)
    facts = evidence_by_entity(source, graph, lang)
    edges = [(f"e{number}", s, o, p) for number, (s, o, p) in enumerate(graph.edges(keys=True))]
    return vis_data(graph, edges, labels) | {
        "text": strings(lang),
        "ranking": ranking_rules(),
        "legend": legend(graph, labels),
        "entities": {node: card(node, graph, names.get(node, []), facts[node], labels) for node in graph},
        "edgeEvidence": {e: edge_groups(facts[s], s, p, o, labels) for e, s, o, p in edges},
    }


def vis_data(graph: nx.MultiDiGraph, edges: list[tuple[str, str, str, str]], labels: Labels) -> dict:
    """Nodes, edges and options for vis-network, built with pyvis; each class is a vis group."""
    classes = style()["classes"]
    network = Network(directed=True)
    for node, attributes in graph.nodes(data=True):
        degree = graph.degree(node)
        network.add_node(
            node,
            label=attributes[f"label_{labels.lang}"],
            shape=classes[attributes["type"]]["shape"],
            group=attributes["type"],
            value=degree + 1,
            mass=1 + degree**0.5 / 2,
        )
    for edge_id, subject, obj, predicate in edges:
        network.add_edge(subject, obj, id=edge_id, label=labels(expand(predicate)), predicate=predicate)
    network.options = style()["network"] | {
        "groups": {name: {k: v for k, v in look.items() if k != "symbol"} for name, look in classes.items()}
    }
    nodes, edges, _, _, _, options = network.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options)}


def legend(graph: nx.MultiDiGraph, labels: Labels) -> list[dict]:
    counts = Counter(attributes["type"] for _, attributes in graph.nodes(data=True))
    classes = style()["classes"]
    return [
        {"name": name, "label": labels(ZKG[name]), "count": counts[name], **classes[name]}
        for name in CLASS_NAMES
        if counts[name]
    ]


def all_names(source: Source, graph: nx.MultiDiGraph) -> dict[str, list[Literal]]:
    """Every name of each entity of the graph, asked for in one query."""
    found: dict[str, list[Literal]] = defaultdict(list)
    text = with_rows(internal_query("entity-names.rq"), ["entity"], [[URIRef(n)] for n in graph])
    for row in in_one_order(run(source, text, own=True).rows):
        if row["name"] not in found[str(row["entity"])]:
            found[str(row["entity"])].append(row["name"])
    return found


def evidence_by_entity(source: Source, graph: nx.MultiDiGraph, lang: str) -> dict[str, list[Row]]:
    """The facts about each entity with their quotes: the named query `evidence`, asked once for
    every entity of the graph (a VALUES block), its rows shared out by entity in their order."""
    rows = [[URIRef(node), Literal(lang)] for node in graph]
    found: dict[str, list[Row]] = {node: [] for node in graph}
    for row in run(source, with_rows(named_query("evidence").text, ["entity", "lang"], rows), own=True).rows:
        found[str(row["entity"])].append(row)
    return found


def card(node: str, graph: nx.MultiDiGraph, names: list[Literal], rows: list[Row], labels: Labels) -> dict:
    attributes = graph.nodes[node]
    text = strings(labels.lang)
    primary = {attributes["label_zh"], attributes["label_en"]}
    aliases = sorted({str(n) for n in names} - primary)
    return {
        "label": attributes[f"label_{labels.lang}"],
        "type": labels(ZKG[attributes["type"]]),
        "names": [[text["nameZh"], attributes["label_zh"]], [text["nameEn"], attributes["label_en"]]]
        + [[text["alias"], alias] for alias in aliases],
        "search": sorted(primary | {str(n) for n in names}),
        "numbers": key_numbers(node, rows, labels),
        "evidence": groups(rows, labels),
    }


def key_numbers(node: str, rows: list[Row], labels: Labels) -> list[list[str]]:
    """Investment (in 亿元), status and years, then the entity's indicators."""
    own = list(dict.fromkeys((r["predicate"], r["object"]) for r in rows if str(r["subject"]) == node))
    qualifier = next((f"{labels(o)} " for p, o in own if p == ZKG.valueQualifier), "")
    ordered = sorted((fact for fact in own if fact[0] in KEY_NUMBERS), key=lambda fact: KEY_NUMBERS.index(fact[0]))
    numbers = [
        [labels(p), (qualifier if p == ZKG.totalInvestment else "") + object_text(p, o, labels)] for p, o in ordered
    ]
    figures = dict.fromkeys(
        detail_text(r, labels.lang) for r in rows if str(r["subject"]) == node and r["predicate"] == ZKG.hasIndicator
    )
    return numbers + [[labels(ZKG.hasIndicator), text] for text in figures if text]


def groups(rows: list[Row], labels: Labels) -> list[dict]:
    """The facts grouped by the quote that supports them, in the query's order."""
    grouped: dict[tuple, list[list[str]]] = {}
    for row in rows:
        subject = labels(row["subject"]) if row["subjectLabel"] is None else str(row["subjectLabel"])
        value = detail_text(row, labels.lang) or object_text(
            row["predicate"], row["object"], labels, row["objectLabel"]
        )
        fact = [subject, labels(row["predicate"]), value]
        key = (optional_text(row["quote"]), optional_text(row["title"]) or optional_text(row["source"]))
        facts = grouped.setdefault(key, [])
        if fact not in facts:
            facts.append(fact)
    return [{"quote": quote, "source": source, "facts": facts} for (quote, source), facts in grouped.items()]


def edge_groups(rows: list[Row], subject: str, predicate: str, obj: str, labels: Labels) -> list[dict]:
    """The quotes behind one edge, taken from its subject's facts."""
    iri = expand(predicate)
    return groups(
        [r for r in rows if (str(r["subject"]), r["predicate"], str(r["object"])) == (subject, iri, obj)], labels
    )


def object_text(predicate: Node, obj: Node, labels: Labels, given_label: Node | None = None) -> str:
    """An object as people read it: a label, or a figure (yuan as 亿元)."""
    if isinstance(obj, URIRef):
        return str(given_label) if given_label is not None else labels(obj)
    if predicate == ZKG.totalInvestment:
        return yuan_text(obj)
    return str(obj)


# The HTML


def render(data: dict, lang: str, title: str) -> str:
    assets = package_path("viz_assets")
    env = Environment(loader=FileSystemLoader(str(assets)), autoescape=select_autoescape(["html"]))
    return env.get_template("template.html").render(
        lang=lang,
        title=title,
        version=version("zonekg"),
        text=strings(lang),
        data=Markup(script_json(data)),
        vis_css=Markup(raw_text((VIS_LIB / "vis-network.css").read_text(encoding="utf-8"), "style")),
        style_css=Markup(raw_text((assets / "style.css").read_text(encoding="utf-8"), "style")),
        vis_js=Markup(raw_text((VIS_LIB / "vis-network.min.js").read_text(encoding="utf-8"), "script")),
        app_js=Markup(raw_text((assets / "app.js").read_text(encoding="utf-8"), "script")),
    )


def script_json(data: dict) -> str:
    """JSON safe inside <script type="application/json">: no `<`, `>` or `&` left to end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def raw_text(text: str, element: str) -> str:
    """Code inlined in <script> or <style>: a literal closing tag inside it is broken up."""
    return re.sub(f"</({element})", r"<\\/\1", text, flags=re.IGNORECASE)
