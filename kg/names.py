"""Finding entities by name: any label or alias, Chinese or English, as people type them."""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict

from rdflib import URIRef
from rdflib.term import Node

from kg.classes import noun
from kg.errors import AmbiguousName, BadValue, NotFound
from kg.namespaces import expand, short
from kg.sparql import Source, internal_rows


def normalise(name: str) -> str:
    """A name folded for matching: full-width to half-width, no spaces, English case ignored."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def name_index(source: Source, cls: URIRef | None = None) -> dict[str, dict[Node, str]]:
    """normalised name → {entity: a name as written}, for the entities of `cls` (or all)."""
    bindings = {"class": cls} if cls is not None else {}
    index: dict[str, dict[Node, str]] = defaultdict(dict)
    for row in internal_rows(source, "entity-names.rq", **bindings):
        index[normalise(str(row["name"]))].setdefault(row["entity"], str(row["name"]))
    return index


def resolve(source: Source, name: str, cls: URIRef | None = None) -> URIRef:
    """The one entity (of `cls`, if given) that `name` names; a clear error otherwise."""
    what = noun(cls)
    if not name.strip():
        raise BadValue(f"empty {what} name")
    index = name_index(source, cls)
    as_iri = _as_iri(name)
    if as_iri is not None and any(as_iri in entities for entities in index.values()):
        return as_iri
    matches = index.get(normalise(name), {})
    if len(matches) == 1:
        return next(iter(matches))  # type: ignore[return-value]
    if len(matches) > 1:
        options = "; ".join(f"{short(str(e))} ({written})" for e, written in sorted(matches.items()))
        raise AmbiguousName(f"{name!r} names several {what}s: {options}; give the IRI")
    suggestions = suggest(index, name)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise NotFound(f"no {what} named {name!r}{hint}")


def suggest(index: dict[str, dict[Node, str]], name: str, limit: int = 5) -> list[str]:
    """Names close to `name`: those containing it or contained in it, then similar spellings."""
    key = normalise(name)
    found = [k for k in index if key in k or (len(k) > 1 and k in key)]
    found += [k for k in difflib.get_close_matches(key, list(index), n=limit, cutoff=0.5) if k not in found]
    names: list[str] = []
    for k in found:
        for written in index[k].values():
            if written not in names:
                names.append(written)
    return names[:limit]


def _as_iri(name: str) -> URIRef | None:
    try:
        return expand(name)
    except BadValue:
        return None
