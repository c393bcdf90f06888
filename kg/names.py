"""Finding entities by name: any label or alias, Chinese or English, as people type them.

One ranking serves the command line and the page's search box (viz/app.js implements the same
rule from `ranking_rules()`): a name equal to what was typed comes first, then a name or a word
of a name that starts with it, then a name that contains it; within a tier the shorter name
first. Zone-type words are folded to one form, so 经济技术开发区, 经开区, ETDZ and "Economic and
Technological Development Zone" are the same word.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, ValuesView
from pathlib import Path

from rdflib import URIRef
from rdflib.term import Node

from kg.classes import noun
from kg.errors import AmbiguousName, BadValue, NotFound
from kg.index.dataset import IndexedDataset
from kg.index.tables import all_names, has_entity, names_folded
from kg.namespaces import expand, short
from kg.sparql import Row, Source, internal_rows

# (pattern, replacement) on the NFKC-folded, lower-case name, in order; plain regular
# expressions that JavaScript reads the same way (the page applies them too).
EQUIVALENT_WORDS: tuple[tuple[str, str], ...] = (
    (r"economic\s*(?:and|&)\s*technological\s*development\s*zone", " 经开区 "),
    (r"economic\s*(?:and|&)\s*technology\s*development\s*zone", " 经开区 "),
    (r"(?<![a-z])etdz(?![a-z])", " 经开区 "),
    (r"经济技术开发区", "经开区"),
    (r"economic\s*development\s*zone", " 经济开发区 "),
    (r"(?<![a-z])edz(?![a-z])", " 经济开发区 "),
    (r"high[\s-]*tech(?:nology)?\s*(?:industrial\s*)?(?:development\s*)?zone", " 高新区 "),
    (r"高新技术产业开发区", "高新区"),
)
_EQUIVALENCES = [(re.compile(pattern), replacement) for pattern, replacement in EQUIVALENT_WORDS]
_WORD = re.compile(r"\w+")

EXACT, PREFIX, CONTAINS = 0, 1, 2


def fold(name: str) -> str:
    """A name with full-width folded to half-width, English lower-cased, zone words in one form."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    for pattern, replacement in _EQUIVALENCES:
        folded = pattern.sub(replacement, folded)
    return folded


def normalise(name: str) -> str:
    """A name folded for matching: `fold`, then no spaces."""
    return "".join(fold(name).split())


def words(name: str) -> list[str]:
    """The words of a folded name (a run of Chinese characters is one word)."""
    return _WORD.findall(fold(name))


def match_tier(name: str, typed: str) -> int | None:
    """How well `name` matches what was typed: EXACT, PREFIX (of the name or one of its words),
    CONTAINS, or None."""
    key, whole = normalise(typed), normalise(name)
    if not key:
        return None
    if whole == key:
        return EXACT
    if whole.startswith(key) or any(w.startswith(key) for w in words(name)):
        return PREFIX
    if key in whole:
        return CONTAINS
    return None


def rank(names: Mapping[Node, Iterable[str]], typed: str) -> list[Node]:
    """The entities whose names match `typed`, best first: tier, then the shorter matching
    name, then that name; `names` maps each entity to all its names."""
    scored = []
    for entity, entity_names in names.items():
        keys = [
            (tier, len(normalise(n)), normalise(n)) for n in entity_names if (tier := match_tier(n, typed)) is not None
        ]
        if keys:
            scored.append((min(keys), str(entity), entity))
    return [entity for _, _, entity in sorted(scored)]


def ranking_rules() -> dict:
    """What the page's search needs to rank as `rank` does."""
    return {"equivalences": [list(pair) for pair in EQUIVALENT_WORDS]}


class IndexedNames(Mapping[str, dict[Node, str]]):
    """The names kept with an index: looked up by their folded form, not read whole."""

    def __init__(self, tables: Path, cls: URIRef | None):
        self.tables = tables
        self.cls = str(cls) if cls is not None else None

    def __getitem__(self, folded: str) -> dict[Node, str]:
        found: dict[Node, str] = {}
        for entity, written in names_folded(self.tables, folded, self.cls):
            found.setdefault(URIRef(entity), written)
        if not found:
            raise KeyError(folded)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(folded for folded, _, _ in all_names(self.tables, self.cls)))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def values(self) -> ValuesView[dict[Node, str]]:
        """Every folded name's entities, read in one query (not one per name)."""
        grouped: dict[str, dict[Node, str]] = defaultdict(dict)
        for folded, entity, written in all_names(self.tables, self.cls):
            grouped[folded].setdefault(URIRef(entity), written)
        return grouped.values()

    def knows(self, entity: URIRef) -> bool:
        return has_entity(self.tables, str(entity), self.cls)


def name_index(source: Source, cls: URIRef | None = None) -> Mapping[str, dict[Node, str]]:
    """normalised name → {entity: a name as written}, for the entities of `cls` (or all); an
    entity's name as written is the first of its names in code-point order."""
    if isinstance(source, IndexedDataset):
        return IndexedNames(source.tables, cls)
    bindings = {"class": cls} if cls is not None else {}
    rows = internal_rows(source, "entity-names.rq", **bindings)
    index: dict[str, dict[Node, str]] = defaultdict(dict)
    for folded, row in sorted(((normalise(str(r["name"])), r) for r in rows), key=_name_order):
        index[folded].setdefault(row["entity"], str(row["name"]))
    return index


def _name_order(item: tuple[str, Row]) -> tuple[str, str, str, str]:
    folded, row = item
    return folded, str(row["entity"]), str(row["class"]), str(row["name"])


def _knows(index: Mapping[str, dict[Node, str]], entity: URIRef) -> bool:
    if isinstance(index, IndexedNames):
        return index.knows(entity)
    return any(entity in entities for entities in index.values())


def resolve(source: Source, name: str, cls: URIRef | None = None) -> URIRef:
    """The one entity (of `cls`, if given) that `name` names; a clear error otherwise."""
    what = noun(cls)
    if not name.strip():
        raise BadValue(f"empty {what} name")
    index = name_index(source, cls)
    as_iri = _as_iri(name)
    if as_iri is not None and _knows(index, as_iri):
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


def suggest(index: Mapping[str, dict[Node, str]], name: str, limit: int = 5) -> list[str]:
    """Names close to `name`, best first: ranked as `rank` does (each entity by its main matching
    name), then names contained in it, then similar spellings."""
    by_entity: dict[Node, list[str]] = defaultdict(list)
    for entities in index.values():
        for entity, written in entities.items():
            by_entity[entity].append(written)
    found: list[str] = []
    for entity in rank(by_entity, name):
        found.append(
            min(
                (n for n in by_entity[entity] if match_tier(n, name) is not None),
                key=lambda n: (match_tier(n, name), len(normalise(n)), n),
            )
        )
    key = normalise(name)
    contained = sorted((k for k in index if len(k) > 1 and k in key), key=lambda k: (-len(k), k))
    similar = difflib.get_close_matches(key, list(index), n=limit, cutoff=0.5)
    for k in contained + similar:
        found += list(index[k].values())
    return list(dict.fromkeys(found))[:limit]


def _as_iri(name: str) -> URIRef | None:
    try:
        return expand(name)
    except BadValue:
        return None
