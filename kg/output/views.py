"""The commands' own views as text: the chain listing and tree, the entity card, statistics,
neighbours, paths and rankings, the counts compared after a push, and what `kg extract` wrote."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.namespaces import short
from kg.output.tables import as_json, pad, table, width

if TYPE_CHECKING:
    from kg.chain import ChainMembers, ChainNode
    from kg.entity import EntityCard
    from kg.extract.model import Draft
    from kg.graph import Neighbor, Ranked
    from kg.stats import Stats
    from kg.stores import Count


def chain_listing(members: ChainMembers, lang: str = "zh") -> str:
    """The members by zone, each with its type, its chains and the quotes that put it there."""
    lines = [f"{members.label}: {members.distinct_members()} members, narrower chains included"]
    for zone_label, in_zone in members.by_zone().items():
        lines.append(f"\n{zone_label or ('(no zone)' if lang == 'en' else '（无所属园区）')} ({len(in_zone)})")
        type_width = max(width(m.type_label) for m in in_zone)
        name_width = max(width(m.label) for m in in_zone)
        for m in in_zone:
            lines.append(
                f"  {pad(m.type_label, type_width)}  {pad(m.label, name_width)}  [{', '.join(m.chain_labels)}]"
            )
            lines.extend(f"  {'':{type_width}}  “{quote}” — {source}" for quote, source in m.quotes)
    return "\n".join(lines)


def chain_tree_text(roots: list[ChainNode]) -> str:
    """The chain forest drawn with box lines, each chain with its member count."""
    lines: list[str] = []

    def draw(node: ChainNode, prefix: str, last: bool, top: bool) -> None:
        branch = "" if top else ("└─ " if last else "├─ ")
        lines.append(f"{prefix}{branch}{node.label} ({len(node.members())})")
        inner = prefix + ("" if top else ("   " if last else "│  "))
        for i, child in enumerate(node.children):
            draw(child, inner, i == len(node.children) - 1, False)

    for root in roots:
        draw(root, "", True, True)
    return "\n".join(lines)


def entity_card_text(card: EntityCard, lang: str = "zh") -> str:
    """Names, types and IRI, then each fact with its quote and source."""
    names = " / ".join(card.labels[code] for code in ("zh", "en") if code in card.labels)
    lines = [f"{names}  ({', '.join(card.types)})  {short(str(card.iri))}"]
    if card.alt_labels:
        lines.append(f"{'also' if lang == 'en' else '又名'}: {'、'.join(card.alt_labels)}")
    for fact in card.facts:
        lines.append(f"\n{fact.subject} —{fact.predicate}→ {fact.object}")
        if fact.quote:
            lines.append(f"    “{fact.quote}”")
            lines.append(f"    — {fact.title or ''} [{fact.source}]")
    return "\n".join(lines)


def stats_text(stats: Stats, fmt: str = "table") -> str:
    """The statistics as JSON, or as tables of classes, properties and sources and a summary."""
    if fmt == "json":
        return as_json(stats.as_dict())
    return "\n\n".join(
        [
            table(["class", "entities"], list(stats.classes.items())),
            table(["property", "facts", "with quote"], [(p, t, q) for p, (t, q) in stats.properties.items()]),
            table(["source", "quotes"], list(stats.sources.items())),
            f"{stats.facts} facts, {stats.quotes} quotes, evidence coverage {stats.coverage:.1%}",
        ]
    )


def neighbors_table(neighbors: list[Neighbor]) -> str:
    return table(["steps", "entity", "type", "via"], [(n.steps, n.label, n.type, "; ".join(n.via)) for n in neighbors])


def path_text(relations: list[str]) -> str:
    return "\n".join(relations)


def rank_table(ranked: list[Ranked], by: str) -> str:
    return table(["#", "entity", "type", by], [(i, r.label, r.type, f"{r.score:.4g}") for i, r in enumerate(ranked, 1)])


def counts_table(counts: list[Count]) -> str:
    """What was pushed beside what the store holds."""
    return table(["", "local", "remote"], [(c.what, c.local, c.remote) for c in counts])


def extract_summary(draft: Draft, draft_file: Path, workbook_file: Path) -> str:
    """What `kg extract` wrote: the draft's size and where to review it."""
    new = sum(1 for e in draft.entities if not e.known)
    return (
        f"{draft_file}: {len(draft.entities)} entities ({new} new), {len(draft.facts)} facts, "
        f"{len(draft.evidence_iris())} quotes; review them in {workbook_file}"
    )
