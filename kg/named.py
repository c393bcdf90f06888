"""The named queries shipped in `kg/queries/`: their headers, their parameters bound as RDF terms.

Each `.rq` file starts with a header: `# name: what it answers`, then one line per parameter,
`# param NAME: KIND[, required|optional][, default VALUE] — what it is`. A KIND is `entity`,
a class (`zkg:Zone`: a name of an entity of that class), `亿元`, `lang`, `iri` or `text`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal
from rdflib.term import Node

from kg.errors import MissingParameter, NotFound
from kg.labels import checked_language, with_labels
from kg.money import yi_literal
from kg.names import resolve
from kg.namespaces import expand
from kg.resources import queries_dir
from kg.sparql import Answer, Source, run


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
        raise NotFound(f"query {self.name} has no parameter {name!r}; it takes: {self.signature()}")

    def parameter_names(self) -> set[str]:
        return {p.name for p in self.parameters}

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
    return {p.stem: parse_named_query(p) for p in sorted(queries_dir().glob("*.rq"))}


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise NotFound(f"no named query {name!r}; there are: {', '.join(queries)}")
    return queries[name]


def bind(source: Source, query: NamedQuery, values: Mapping[str, str | Node]) -> dict[str, Node]:
    """The RDF terms for the user's parameter values: names resolved to IRIs, amounts as the
    decimal number of 亿元 the queries' headers ask for.

    A value that is already an RDF term is bound as it is.
    """
    for name in values:
        query.parameter(name)
    bindings: dict[str, Node] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            if parameter.required:
                raise MissingParameter(query.name, parameter.name, parameter.doc)
            continue
        bindings[parameter.name] = value if isinstance(value, Node) else parameter_term(source, parameter, value)
    return bindings


def parameter_term(source: Source, parameter: Parameter, value: str) -> Node:
    """The RDF term for one parameter value as a person types it."""
    kind = parameter.kind
    if kind == "亿元":
        return yi_literal(value)
    if kind == "lang":
        return Literal(checked_language(value))
    if kind == "iri":
        return expand(value)
    if kind == "text":
        return Literal(value)
    return resolve(source, value, None if kind == "entity" else expand(kind))


def run_named(source: Source, name: str, values: Mapping[str, str | Node] | None = None) -> Answer:
    """Run a named query with the user's parameter values; parameters are not in the columns."""
    query = named_query(name)
    bindings = bind(source, query, values or {})
    answer = run(source, query.text, bindings, own=True)
    hidden = query.parameter_names() & set(answer.columns)
    answer.columns = [c for c in answer.columns if c not in hidden]
    for row in answer.rows:  # fresh rows of this answer: tens of thousands for a large chain
        for column in hidden:
            row.pop(column, None)
    return answer


def named_answer(source: Source, name: str, values: dict[str, str] | None = None, lang: str = "zh") -> Answer:
    """A named query's answer for people: labels in `lang` beside the IRIs, which is also the
    query's `lang` unless `values` gives one."""
    given: dict[str, str | Node] = {"lang": lang, **(values or {})}
    return with_labels(source, run_named(source, name, given), lang)
