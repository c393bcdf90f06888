"""The commands' own views as text: the chain listing and tree, the entity card, statistics,
neighbours, paths and rankings, the problems validation found, the report of a push, and what
`kg extract` wrote."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.money import yi_number
from kg.namespaces import short
from kg.output.safe import printable
from kg.output.tables import as_csv, as_json, pad, table, width

if TYPE_CHECKING:
    from kg.chain import ChainMembers, ChainNode
    from kg.entity import EntityCard
    from kg.extract.accept import Acceptance
    from kg.extract.model import Draft
    from kg.graph import Neighbor, Ranked
    from kg.index.folders import IndexInfo
    from kg.remote.push import PushReport
    from kg.stats import Stats
    from kg.validate import Report


CHAIN_FACT_COLUMNS = [
    "zone",
    "type",
    "member",
    "iri",
    "chain",
    "investment_yi",
    "qualifier",
    "status",
    "quote",
    "source",
    "year",
]
CHAIN_MEMBER_COLUMNS = [
    "zone",
    "type",
    "member",
    "iri",
    "chains",
    "investment_yi",
    "qualifier",
    "status",
    "quotes",
    "sources",
]


def chain_listing(members: ChainMembers, lang: str = "zh") -> str:
    """The members by zone, each with its type, its chains and the quotes that put it there."""
    noun = (
        "members (enterprises, projects, platforms), narrower chains included"
        if lang == "en"
        else "个成员（企业、项目、平台，含下级产业链）"
    )
    lines = [f"{members.label}: {members.distinct_members()} {noun}"]
    for zone_label, in_zone in members.by_zone().items():
        lines.append(f"\n{zone_label or ('(no zone)' if lang == 'en' else '（无所属园区）')} ({len(in_zone)})")
        type_width = max(width(m.type_label) for m in in_zone)
        name_width = max(width(m.label) for m in in_zone)
        for m in in_zone:
            lines.append(
                f"  {pad(m.type_label, type_width)}  {pad(m.label, name_width)}  [{', '.join(m.chain_labels)}]"
            )
            lines.extend(f"  {'':{type_width}}  “{q.text}” — {q.cited()}" for q in m.quotes)
    return printable("\n".join(lines))


def chain_records(members: ChainMembers, by: str = "fact") -> tuple[list[str], list[list[object]]]:
    """The members of a chain as rows: one per member, chain and quote (`fact`), or one per
    member with its chains joined and its quotes counted (`member`); zone, investment (亿元),
    status and the source's title and year beside each."""
    if by == "member":
        rows: list[list[object]] = [
            [
                m.zone_label,
                m.type_label,
                m.label,
                short(str(m.member)),
                "、".join(m.chain_labels),
                yi_number(m.investment),
                m.qualifier,
                m.status,
                len(m.quotes),
                "; ".join(dict.fromkeys(q.cited() for q in m.quotes)),
            ]
            for m in members.by_member()
        ]
        return CHAIN_MEMBER_COLUMNS, rows
    rows = []
    for m in (m for in_zone in members.by_zone().values() for m in in_zone):
        base: list[object] = [m.zone_label, m.type_label, m.label, short(str(m.member))]
        figures: list[object] = [yi_number(m.investment), m.qualifier, m.status]
        quoted: list[list[object]] = [[q.text, q.title, q.year] for q in m.quotes] or [[None, None, None]]
        rows += [[*base, chain, *figures, *quote] for chain in m.chain_labels for quote in quoted]
    return CHAIN_FACT_COLUMNS, rows


def chain_rows(members: ChainMembers, fmt: str, by: str = "fact", bom: bool = True) -> str:
    """`chain_records` as a JSON array of objects or as CSV."""
    columns, rows = chain_records(members, by)
    if fmt == "json":
        return as_json([dict(zip(columns, row, strict=True)) for row in rows])
    return as_csv(columns, rows, bom).rstrip("\r\n")


def chain_tree_text(roots: list[ChainNode]) -> str:
    """The chain forest drawn with box lines, each chain with its member count."""
    lines: list[str] = []
    stack: list[tuple[ChainNode, str, bool, bool]] = [(root, "", True, True) for root in reversed(roots)]
    while stack:
        node, prefix, last, top = stack.pop()
        branch = "" if top else ("└─ " if last else "├─ ")
        lines.append(f"{prefix}{branch}{node.label} ({len(node.members())})")
        inner = prefix + ("" if top else ("   " if last else "│  "))
        count = len(node.children)
        stack.extend((child, inner, i == count - 1, False) for i, child in reversed(list(enumerate(node.children))))
    return printable("\n".join(lines))


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
    return printable("\n".join(lines))


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
    return printable("\n".join(relations))


def rank_table(ranked: list[Ranked], by: str) -> str:
    return table(["#", "entity", "type", by], [(i, r.label, r.type, f"{r.score:.4g}") for i, r in enumerate(ranked, 1)])


def problem_lines(report: Report | Acceptance) -> str:
    """One line per problem, naming the file and the entity."""
    return "\n".join(printable(str(problem)) for problem in report.problems)


def validation_summary(report: Report) -> str:
    return f"{len(report.problems)} problem(s)" if report.problems else "ok: no problems"


def acceptance_summary(acceptance: Acceptance) -> str:
    """What `kg accept` wrote, or why it wrote nothing."""
    if not acceptance.written:
        return f"{len(acceptance.problems)} problem(s): nothing written"
    parts = [
        f"{acceptance.article_file}: {acceptance.facts} facts in {acceptance.quotes} quotes",
        f"{acceptance.entities_file}: {len(acceptance.new_entities)} new entities, {acceptance.new_aliases} new aliases",
    ]
    if acceptance.dropped_with_entity:
        parts.append(f"{acceptance.dropped_with_entity} facts dropped with their entities")
    if acceptance.unmentioned:
        parts.append(f"{len(acceptance.unmentioned)} new entities left out: no kept fact mentions them")
    return printable("; ".join(parts))


def render_push_report(report: PushReport) -> str:
    """What a push sent, and the counts the store holds beside the pushed ones."""
    summary = f"pushed {report.quads:,} quads to {report.store} ({report.kind}) in {report.requests} requests"
    if report.counts is None:
        return f"{summary}\nno query endpoint known for this kind of store: counts not compared"
    return f"{summary}\n\n" + table(["", "local", "remote"], [(c.what, c.local, c.remote) for c in report.counts])


def extract_summary(draft: Draft, draft_file: Path, workbook_file: Path) -> str:
    """What `kg extract` wrote: the draft's size and where to review it."""
    new = sum(1 for e in draft.entities if not e.known)
    return (
        f"{draft_file}: {len(draft.entities)} entities ({new} new), {len(draft.facts)} facts, "
        f"{len(draft.evidence_iris())} quotes; review them in {workbook_file}"
    )


def index_text(info: IndexInfo | None, building: bool) -> str:
    """One line on an index: where it is, its triples, its size and build time; or that there is none."""
    if info is None:
        return "no index of this data" + ("; one is being built" if building else "")
    return (
        f"index {info.folder}: {info.triples:,} triples, {info.bytes / 2**20:.1f} MB on disk, "
        f"built in {info.seconds:.1f} s"
    )
