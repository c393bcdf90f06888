"""Readable ASCII IRIs and English label proposals for new entities, from the pinyin of the name."""
from __future__ import annotations

import re

from pypinyin import lazy_pinyin
from rdflib import URIRef

from kg.namespaces import ID, ZKG

PREFIXES = {
    ZKG.IndustryChain: "chain-",
    ZKG.Region: "region-",
    ZKG.Honor: "honor-",
    ZKG.Platform: "platform-",
    ZKG.Project: "project-",
}
CLASS_WORDS = {
    ZKG.Zone: "Development Zone",
    ZKG.Enterprise: "",
    ZKG.Project: "Project",
    ZKG.Platform: "Platform",
    ZKG.TalentInstitution: "Institution",
    ZKG.IndustryChain: "Industry",
    ZKG.Region: "",
    ZKG.Honor: "Honour",
}
MAX_WORDS = 8
NOT_SLUG = re.compile(r"[^a-z0-9]+")


def words(name: str) -> list[str]:
    """The pinyin syllables and ASCII words of a name, lower-case."""
    return [w for w in NOT_SLUG.split(" ".join(lazy_pinyin(name)).lower()) if w]


def new_iri(name: str, cls: URIRef, taken: set[str]) -> URIRef:
    """id: + class prefix + pinyin of the name, made unique against `taken` (which it extends)."""
    base = PREFIXES.get(cls, "") + ("-".join(words(name)[:MAX_WORDS]) or "entity")
    iri, n = ID[base], 2
    while str(iri) in taken:
        iri, n = ID[f"{base}-{n}"], n + 1
    taken.add(str(iri))
    return iri


def english_label(name: str, cls: URIRef) -> str:
    """A proposal for a reviewer: the pinyin, capitalised, and a word for the class."""
    pinyin = " ".join(w.capitalize() for w in words(name)) or name
    word = CLASS_WORDS.get(cls, "")
    return f"{pinyin} {word}".strip()
