"""What the graph already knows: every entity's names, for finding them in a text and reusing IRIs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.classes import ENTITY_CLASSES
from kg.data_files import data_files, rdf_format
from kg.errors import DataFileError
from kg.extract.names import QUOTES, fold, honor_keys, name_key, platform_keys, region_keys, short_keys, zone_keys
from kg.namespaces import ID, ZKG
from kg.parse_errors import one_line, syntax_location, syntax_message

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
CLASSES = {str(c) for c in ENTITY_CLASSES}
MIN_SCAN = 2


@dataclass(eq=False)
class Known:
    """One entity of the graph: class, Chinese label, English label, other Chinese names."""

    iri: URIRef
    cls: URIRef
    name: str = ""
    label_en: str | None = None
    aliases: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return [self.name, *self.aliases] if self.name else list(self.aliases)


@dataclass
class Gazetteer:
    """Entities by IRI, and an index from folded names (as they appear in a text) and name keys."""

    entities: dict[URIRef, Known] = field(default_factory=dict)
    by_text: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    by_key: dict[str, set[URIRef]] = field(default_factory=lambda: defaultdict(set))
    longest: int = 0

    @classmethod
    def from_data(cls, data: str | Path | None = None) -> Gazetteer:
        """The gazetteer of the curated data, or of a folder or file of RDF."""
        return cls.from_files(data_files(data))

    @classmethod
    def from_files(cls, paths: list[Path], keep: set[URIRef] | None = None) -> Gazetteer:
        """The gazetteer of these files, limited to the entities in `keep` when given."""
        entities: dict[URIRef, Known] = {}
        names: list[tuple[URIRef, str, str, str]] = []
        for path in paths:
            for quad in _quads(path):
                s, p, o = quad.subject, quad.predicate.value, quad.object
                if not isinstance(s, ox.NamedNode) or not s.value.startswith(str(ID)):
                    continue
                iri = URIRef(s.value)
                if keep is not None and iri not in keep:
                    continue
                if p == RDF_TYPE and isinstance(o, ox.NamedNode) and o.value in CLASSES:
                    entities.setdefault(iri, Known(iri, URIRef(o.value))).cls = URIRef(o.value)
                elif p in (LABEL, ALT) and isinstance(o, ox.Literal):
                    names.append((iri, p, o.language or "", o.value))
        for iri, p, lang, value in names:
            if iri not in entities:
                continue
            known = entities[iri]
            if p == LABEL and lang == "en":
                known.label_en = value
            elif p == LABEL and lang == "zh":
                known.name = value
            elif lang == "zh":
                known.aliases.append(value)
        gazetteer = cls()
        for known in entities.values():
            gazetteer.add(known)
        return gazetteer

    def add(self, known: Known) -> None:
        self.entities[known.iri] = known
        for name in known.names():
            for text in {fold(name), QUOTES.sub("", fold(name))}:
                if len(text) >= MIN_SCAN:
                    self.by_text[text].add(known.iri)
                    self.longest = max(self.longest, len(text))
            self.by_key[name_key(name)].add(known.iri)
            for key in self.extra_keys(name, known.cls):
                self.by_key[key].add(known.iri)

    @staticmethod
    def extra_keys(name: str, cls: URIRef | None) -> list[str]:
        """Keys beyond the name key: short names of enterprises, plain forms of honours."""
        if cls == ZKG.Enterprise:
            return short_keys(name)
        if cls == ZKG.Honor:
            return honor_keys(name)
        if cls == ZKG.Zone:
            return zone_keys(name)
        if cls == ZKG.Region:
            return region_keys(name)
        if cls == ZKG.Platform:
            return platform_keys(name)
        return []

    def lookup(self, name: str, cls: URIRef | None = None) -> Known | None:
        """The one known entity (of `cls`) that `name` names after normalisation, if exactly one."""
        keys = [name_key(name), *self.extra_keys(name, cls)]
        for key in keys:
            found = [
                self.entities[i] for i in sorted(self.by_key.get(key, ())) if cls is None or self.entities[i].cls == cls
            ]
            if len(found) == 1:
                return found[0]
        return None

    def scan(self, folded: str) -> list[tuple[int, int, Known]]:
        """Every occurrence of a known name in a folded text, as (start, end, entity)."""
        found = []
        n = len(folded)
        for i in range(n):
            for length in range(min(self.longest, n - i), MIN_SCAN - 1, -1):
                iris = self.by_text.get(folded[i : i + length])
                if iris:
                    found += [(i, i + length, self.entities[iri]) for iri in sorted(iris)]
        return found

    def taken(self) -> set[str]:
        """The IRIs in use, so that new ones never collide."""
        return {str(i) for i in self.entities}


def _quads(path: Path) -> list[ox.Quad]:
    try:
        return list(ox.parse(path=str(path), format=rdf_format(path)))
    except SyntaxError as error:
        raise DataFileError(f"{syntax_location(path, error)}: {syntax_message(error)}") from None
    except (OSError, ValueError) as error:
        raise DataFileError(f"{path}: {one_line(error)}") from None


def fold_text(text: str) -> str:
    """`text` folded character by character, so that offsets stay those of the original."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(c: str) -> str:
    folded = fold(c)
    return folded if len(folded) == 1 else c
