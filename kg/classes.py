"""The classes of entities people look up, name and see coloured: one list for every module."""

from __future__ import annotations

from rdflib import URIRef

from kg.errors import BadValue
from kg.namespaces import ZKG

NOUNS: dict[URIRef, str] = {
    ZKG.Zone: "zone",
    ZKG.Enterprise: "enterprise",
    ZKG.Project: "project",
    ZKG.Platform: "platform",
    ZKG.TalentInstitution: "talent institution",
    ZKG.IndustryChain: "chain",
    ZKG.Region: "region",
    ZKG.Honor: "honour",
}
ENTITY_CLASSES: tuple[URIRef, ...] = tuple(NOUNS)
CLASS_NAMES: tuple[str, ...] = tuple(str(c).removeprefix(str(ZKG)) for c in ENTITY_CLASSES)


def noun(cls: URIRef | None) -> str:
    """What people call an entity of the class ('chain' for zkg:IndustryChain); 'entity' for any."""
    return NOUNS.get(cls, "entity") if cls is not None else "entity"


def class_name(given: str) -> str:
    """The class name ('Enterprise') for what a person typed: 'enterprise', 'zkg:Enterprise'."""
    known = {name.casefold(): name for name in CLASS_NAMES}
    key = given.strip().removeprefix("zkg:").casefold()
    if key not in known:
        raise BadValue(f"unknown class {given!r}; use one of {', '.join(CLASS_NAMES)}")
    return known[key]
