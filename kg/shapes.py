"""The SHACL shapes (kg/ontology/shapes.ttl) checked in one pass over the data.

pySHACL needs about a millisecond per triple on this data (two minutes for 200,000 triples, half
an hour for a million), most of it in its per-node Python machinery. This checker reads the same
shapes file, which stays the truth for every other SHACL tool, and implements the part of SHACL
Core that file uses: class targets; closed shapes; property shapes on IRI and inverse paths;
counts and qualified counts; datatype, node kind, class, language, length, pattern, range and
`sh:in`; `sh:or`; `sh:message`. A shapes file that uses anything else is refused, so that no rule
is ever skipped in silence. The SPARQL constraints are checked by `kg.validate` itself.
`tests/test_shapes.py` compares it with pySHACL.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from kg.errors import KgError

SH = Namespace("http://www.w3.org/ns/shacl#")
KNOWN = {
    SH[name]
    for name in [
        "targetClass",
        "closed",
        "ignoredProperties",
        "property",
        "path",
        "inversePath",
        "datatype",
        "languageIn",
        "minLength",
        "minCount",
        "maxCount",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "nodeKind",
        "class",
        "or",
        "in",
        "minExclusive",
        "minInclusive",
        "maxInclusive",
        "pattern",
        "message",
        "sparql",
        "select",
    ]
}
"""The SHACL terms this checker implements (sh:sparql and sh:select are left to kg.validate)."""
NODE_KINDS = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.IRIOrLiteral: (URIRef, Literal),
    SH.BlankNodeOrLiteral: (BNode, Literal),
}
Triple = tuple[Node, Node, Node]
CLOSED = "is closed: this property is not one it may carry"


@dataclass(frozen=True)
class Violation:
    focus: Node
    path: Node | None
    value: Node | None
    message: str


@dataclass
class Shape:
    """A node shape (`path` None: its constraints apply to the focus node itself) or a property
    shape (they apply to each value of `path`; `inverse` for `[ sh:inversePath p ]`)."""

    node: Node
    message: str | None = None
    path: Node | None = None
    inverse: bool = False
    targets: list[Node] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    qualified: Shape | None = None
    qualified_min: int | None = None
    qualified_max: int | None = None
    datatype: Node | None = None
    node_kind: tuple[type, ...] | None = None
    classes: list[Node] = field(default_factory=list)
    languages: list[str] | None = None
    min_length: int | None = None
    pattern: re.Pattern[str] | None = None
    allowed: list[Node] | None = None
    min_exclusive: Literal | None = None
    min_inclusive: Literal | None = None
    max_inclusive: Literal | None = None
    any_of: list[Shape] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    closed: set[Node] | None = None


class Data:
    """The triples, indexed both ways, with each node's types (rdfs:subClassOf followed)."""

    def __init__(self, triples: Iterable[Triple]):
        self.out: dict[Node, dict[Node, dict[Node, None]]] = defaultdict(lambda: defaultdict(dict))
        self.into: dict[Node, dict[Node, dict[Node, None]]] = defaultdict(lambda: defaultdict(dict))
        for s, p, o in triples:
            self.out[s][p][o] = None
            self.into[o][p][s] = None
        self.instances: dict[Node, set[Node]] = defaultdict(set)
        for node, predicates in self.out.items():
            for cls in predicates.get(RDF.type, {}):
                for ancestor in self._ancestors(cls):
                    self.instances[ancestor].add(node)

    def _ancestors(self, cls: Node) -> set[Node]:
        seen = {cls}
        stack = [cls]
        while stack:
            for parent in self.out.get(stack.pop(), {}).get(RDFS.subClassOf, {}):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return seen

    def values(self, node: Node, path: Node, inverse: bool) -> list[Node]:
        index = self.into if inverse else self.out
        found = index.get(node)
        return list(found.get(path, {})) if found is not None else []


def read_shapes(graph: Graph) -> list[Shape]:
    """The node shapes with targets; a `KgError` when the graph uses SHACL this checker lacks."""
    unknown = sorted({str(p) for p in graph.predicates() if str(p).startswith(str(SH)) and p not in KNOWN})
    if unknown:
        raise KgError(f"the shapes use {', '.join(unknown)}, which kg's SHACL checker lacks")
    return [_shape(graph, node) for node in sorted(set(graph.subjects(SH.targetClass, None)), key=str)]


def _shape(graph: Graph, node: Node) -> Shape:
    def one(predicate: URIRef) -> Node | None:
        return graph.value(node, predicate)

    def number(predicate: URIRef) -> int | None:
        value = one(predicate)
        return None if value is None else int(str(value))

    def items(predicate: URIRef) -> list[Node]:
        head = one(predicate)
        return [] if head is None else list(Collection(graph, head))

    shape = Shape(node, message=_text(one(SH.message)))
    path = one(SH.path)
    if isinstance(path, BNode):
        shape.path, shape.inverse = graph.value(path, SH.inversePath), True
        if shape.path is None:
            raise KgError(f"the shapes use a property path kg's SHACL checker lacks (in {node.n3()})")
    else:
        shape.path = path
    shape.targets = list(graph.objects(node, SH.targetClass))
    shape.min_count, shape.max_count = number(SH.minCount), number(SH.maxCount)
    qualified = one(SH.qualifiedValueShape)
    if qualified is not None:
        shape.qualified = _shape(graph, qualified)
        shape.qualified_min, shape.qualified_max = number(SH.qualifiedMinCount), number(SH.qualifiedMaxCount)
    shape.datatype = one(SH.datatype)
    kind = one(SH.nodeKind)
    shape.node_kind = NODE_KINDS[URIRef(str(kind))] if kind is not None else None
    shape.classes = list(graph.objects(node, SH["class"]))
    languages = items(SH.languageIn)
    shape.languages = [str(tag).lower() for tag in languages] if one(SH.languageIn) is not None else None
    shape.min_length = number(SH.minLength)
    pattern = one(SH.pattern)
    shape.pattern = re.compile(str(pattern)) if pattern is not None else None
    shape.allowed = items(SH["in"]) if one(SH["in"]) is not None else None
    shape.min_exclusive = one(SH.minExclusive)  # type: ignore[assignment]
    shape.min_inclusive = one(SH.minInclusive)  # type: ignore[assignment]
    shape.max_inclusive = one(SH.maxInclusive)  # type: ignore[assignment]
    shape.any_of = [_shape(graph, member) for member in items(SH["or"])]
    shape.properties = [_shape(graph, member) for member in graph.objects(node, SH.property)]
    if one(SH.closed) == Literal(True):
        paths = {p.path for p in shape.properties if p.path is not None and not p.inverse}
        shape.closed = paths | set(items(SH.ignoredProperties))
    return shape


def _text(node: Node | None) -> str | None:
    return None if node is None else " ".join(str(node).split())


def check(shapes: list[Shape], data: Data) -> list[Violation]:
    """Every violation of the shapes by the focus nodes their classes target, in one pass."""
    violations = []
    for shape in shapes:
        focus_nodes: set[Node] = set()
        for cls in shape.targets:
            focus_nodes |= data.instances.get(cls, set())
        for focus in sorted(focus_nodes, key=str):
            violations += _violations(shape, focus, data)
    return violations


def _conforms(shape: Shape, node: Node, data: Data) -> bool:
    return not _violations(shape, node, data)


def _violations(shape: Shape, focus: Node, data: Data) -> list[Violation]:
    found: list[Violation] = []

    def fail(value: Node | None, default: str, path: Node | None = shape.path) -> None:
        found.append(Violation(focus, path, value, shape.message or default))

    if shape.path is None:
        values = [focus]
    else:
        values = data.values(focus, shape.path, shape.inverse)
        if shape.min_count is not None and len(values) < shape.min_count:
            fail(None, f"fewer than {shape.min_count} values")
        if shape.max_count is not None and len(values) > shape.max_count:
            fail(None, f"more than {shape.max_count} values")
        if shape.qualified is not None:
            qualified = shape.qualified
            count = sum(_conforms(qualified, value, data) for value in values)
            if shape.qualified_min is not None and count < shape.qualified_min:
                fail(None, f"fewer than {shape.qualified_min} values of the qualified shape")
            if shape.qualified_max is not None and count > shape.qualified_max:
                fail(None, f"more than {shape.qualified_max} values of the qualified shape")
    for value in values:
        problem = _value_problem(shape, value, data)
        if problem is not None:
            fail(value, problem)
        if shape.any_of and not any(_conforms(member, value, data) for member in shape.any_of):
            fail(value, "conforms to none of the sh:or shapes")
        for member in shape.properties:
            found += _violations(member, value, data)
        if shape.closed is not None:
            for predicate, objects in data.out.get(value, {}).items():
                if predicate not in shape.closed:
                    found += [Violation(focus, predicate, o, shape.message or CLOSED) for o in objects]
    return found


def _value_problem(shape: Shape, value: Node, data: Data) -> str | None:
    """What is wrong with one value node, or None."""
    if shape.node_kind is not None and not isinstance(value, shape.node_kind):
        return "of the wrong node kind"
    if shape.datatype is not None and not _has_datatype(value, shape.datatype):
        return f"not a valid {shape.datatype}"
    for cls in shape.classes:
        if value not in data.instances.get(cls, set()):
            return f"not a {cls}"
    if shape.languages is not None and not _in_languages(value, shape.languages):
        return "not in the allowed languages"
    if shape.min_length is not None and (isinstance(value, BNode) or len(str(value)) < shape.min_length):
        return f"shorter than {shape.min_length}"
    if shape.pattern is not None and (isinstance(value, BNode) or not shape.pattern.search(str(value))):
        return "does not match the pattern"
    if shape.allowed is not None and value not in shape.allowed:
        return "not one of the allowed values"
    for bound, holds in (
        (shape.min_exclusive, lambda v, b: v > b),
        (shape.min_inclusive, lambda v, b: v >= b),
        (shape.max_inclusive, lambda v, b: v <= b),
    ):
        if bound is not None and not _compares(value, bound, holds):
            return "out of range"
    return None


def _has_datatype(value: Node, datatype: Node) -> bool:
    if not isinstance(value, Literal) or value.ill_typed:
        return False
    if value.language is not None:
        return datatype == RDF.langString
    return (value.datatype or XSD.string) == datatype


def _in_languages(value: Node, languages: list[str]) -> bool:
    tag = value.language.lower() if isinstance(value, Literal) and value.language else None
    return tag is not None and any(tag == wanted or tag.startswith(f"{wanted}-") for wanted in languages)


def _compares(value: Node, bound: Literal, holds: object) -> bool:
    if not isinstance(value, Literal) or value.ill_typed:
        return False
    try:
        return bool(holds(value.toPython(), bound.toPython()))  # type: ignore[operator]
    except TypeError:
        return False
