"""The reports rendered: each report becomes a Document (a cover, then sections holding charts
and tables), which is written as an XLSX workbook (the tables, one sheet each) or as one
self-contained HTML page (charts inline as SVG, no network, A4 print styles)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from importlib.metadata import version
from typing import Protocol, TypeVar

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kg.chain import Quote
from kg.money import yi_number
from kg.output.charts import HEATMAP_ROWS, bars, heatmap
from kg.output.tables import width
from kg.output.xlsx import Cell, Column, Sheet, workbook_bytes
from kg.report.chain import (
    ChainDossier,
    EnterpriseRow,
    InstitutionRow,
    PlatformRow,
    ProjectRow,
)
from kg.report.data import Award, Figure
from kg.report.matrix import Matrix
from kg.report.zone import ZoneProfile
from kg.resources import package_path

MAX_WIDTH = 60
WRAP_OVER = 40
WORDS = {
    "zh": {
        "dossier": "产业链档案",
        "cover": "封面",
        "report": "报告",
        "profile": "开发区画像",
        "matrix": "开发区 × 产业链",
        "chain": "产业链",
        "zone": "开发区",
        "members": "成员数（企业、项目、平台）",
        "serving": "以此为主导产业的开发区",
        "map": "一链一图：各开发区的成员分布",
        "gaps": "待补链的开发区",
        "enterprises": "企业清单",
        "projects": "项目清单",
        "platforms": "平台清单",
        "institutions": "人才机构清单",
        "name": "名称",
        "chains": "产业链",
        "honours": "荣誉（年份）",
        "honourCount": "荣誉",
        "stage": "{n}个项目 · {amount}亿元",
        "figures": "关键数字",
        "investment": "总投资（亿元）",
        "qualifier": "限定",
        "status": "状态",
        "signed": "签约年份",
        "started": "开工年份",
        "producing": "投产年份",
        "investors": "投资方",
        "leaders": "龙头企业",
        "partners": "合作对象",
        "quote": "原文引述",
        "source": "来源",
        "year": "年份",
        "pipeline": "项目推进（签约 → 在建 → 投产）",
        "count": "项目数",
        "honoursByYear": "历年荣誉",
        "indicators": "指标",
        "metric": "指标",
        "value": "数值",
        "rankings": "排名",
        "amounts": "金额类指标（亿元）",
        "cell": "企{e} 项{p} 平{t}",
        "gap": "缺",
        "matrixMembers": "成员数",
        "matrixInvestment": "项目投资（亿元）",
        "noZone": "无所属园区的成员",
        "generated": "生成",
        "chainCounts": "产业链成员数",
        "level": "层级",
        "note": "成员：产业链及其下级产业链中的企业、项目、平台，各计一次；投资仅计项目。",
        "noHonourYear": "未注明",
    },
    "en": {
        "dossier": "Chain dossier",
        "cover": "Cover",
        "report": "Report",
        "profile": "Zone profile",
        "matrix": "Zones × chains",
        "chain": "Chain",
        "zone": "Zone",
        "members": "Members (enterprises, projects, platforms)",
        "serving": "Zones that name it a leading industry",
        "map": "The chain across the zones",
        "gaps": "Zones to fill",
        "enterprises": "Enterprises",
        "projects": "Projects",
        "platforms": "Platforms",
        "institutions": "Talent institutions",
        "name": "Name",
        "chains": "Chains",
        "honours": "Honours (year)",
        "honourCount": "Honours",
        "stage": "{n} projects · {amount} × 100M yuan",
        "figures": "Key figures",
        "investment": "Investment (100M yuan)",
        "qualifier": "Qualifier",
        "status": "Status",
        "signed": "Signed",
        "started": "Started",
        "producing": "In production",
        "investors": "Investors",
        "leaders": "Leading enterprises",
        "partners": "Cooperates with",
        "quote": "Quote",
        "source": "Source",
        "year": "Year",
        "pipeline": "Project pipeline (signed → under construction → in production)",
        "count": "Projects",
        "honoursByYear": "Honours by year",
        "indicators": "Indicators",
        "metric": "Metric",
        "value": "Value",
        "rankings": "Rankings",
        "amounts": "Amounts (100M yuan)",
        "cell": "E{e} P{p} Pf{t}",
        "gap": "gap",
        "matrixMembers": "Members",
        "matrixInvestment": "Project investment (100M yuan)",
        "noZone": "Members in no zone",
        "generated": "Made by",
        "chainCounts": "Members per chain",
        "level": "Level",
        "note": "Members: the enterprises, projects and platforms of the chain and its narrower chains, each once; "
        "investment counts projects only.",
        "noHonourYear": "undated",
    },
}


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[object]]


@dataclass
class Section:
    """A heading, its charts (drawn only for HTML) and its table."""

    heading: str
    charts: list[Callable[[], str]] = field(default_factory=list)
    table: Table | None = None
    text: str | None = None


@dataclass
class Document:
    title: str
    lang: str
    cover: list[tuple[str, object]]
    sections: list[Section]


def render_report(document: Document, fmt: str) -> bytes:
    """The document as an XLSX workbook or a UTF-8 HTML page."""
    if fmt == "xlsx":
        return workbook_bytes(report_sheets(document))
    return html(document).encode("utf-8")


def report_sheets(document: Document) -> list[Sheet]:
    """A cover sheet (the report's title, its counts and what they mean), then one sheet per table."""
    words = WORDS[document.lang]
    tables = [Table(words["cover"], [words["report"], document.title], [list(pair) for pair in document.cover])]
    tables += [section.table for section in document.sections if section.table]
    sheets: list[Sheet] = []
    for table in tables:
        rows: list[Sequence[Cell]] = [[_xlsx_cell(value) for value in row] for row in table.rows]
        name = _sheet_name(table.title, {sheet.name for sheet in sheets})
        sheets.append(Sheet(name, _columns(table.headers, rows), rows))
    return sheets


def _columns(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[Column]:
    """Widths from the longest line in each column (Chinese counts double), wrapped when long."""
    columns = []
    for index, header in enumerate(headers):
        lines = [header] + [line for row in rows if row[index] is not None for line in str(row[index]).splitlines()]
        longest = max(width(line) for line in lines)
        columns.append(Column(header, min(max(longest + 2, 8), MAX_WIDTH), wrap=longest > WRAP_OVER))
    return columns


def _xlsx_cell(value: object) -> Cell:
    """A cell for the workbook: numbers as numbers, text without the control characters XML forbids."""
    if value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", str(value))


def _sheet_name(title: str, used: set[str]) -> str:
    """A legal, unique sheet name: no []:*?/\\ and at most 31 characters."""
    clean = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"
    candidate, number = clean, 2
    while candidate in used:
        suffix = f" ({number})"
        candidate, number = clean[: 31 - len(suffix)] + suffix, number + 1
    return candidate


def html(document: Document) -> str:
    env = Environment(
        loader=FileSystemLoader(str(package_path("report_assets"))), autoescape=select_autoescape(["html"])
    )
    style = package_path("report_assets", "report.css").read_text(encoding="utf-8")
    return env.get_template("report.html").render(
        doc=document,
        style=Markup(style),
        version=version("zonekg"),
        text=WORDS[document.lang],
        charts=lambda section: [Markup(chart()) for chart in section.charts],
        cell=_html_cell,
    )


def _html_cell(value: object) -> str:
    return "" if value is None else str(value)


# Cells


def quotes_text(quotes: Sequence[Quote]) -> str:
    return "\n".join(f"“{q.text}”" for q in quotes)


def sources_text(quotes: Sequence[Quote]) -> str:
    return "\n".join(dict.fromkeys(q.title or q.source for q in quotes))


def years_text(quotes: Sequence[Quote]) -> str:
    return "; ".join(dict.fromkeys(str(q.year) for q in quotes if q.year is not None))


def evidence(quotes: Sequence[Quote]) -> list[object]:
    return [quotes_text(quotes), sources_text(quotes), years_text(quotes)]


def awards_text(awards: Sequence[Award], words: dict) -> str:
    return "\n".join(f"{a.honour}（{a.year if a.year is not None else words['noHonourYear']}）" for a in awards)


def figures_text(figures: Sequence[Figure]) -> str:
    return "\n".join(f"{f.metric}: {f.shown()}" + (f" ({f.year})" if f.year else "") for f in figures)


def money_cell(amount: Decimal | None) -> object:
    return yi_number(amount)


# Lists shared by the dossier and the profile


class Member(Protocol):
    name: str
    zones: str
    chains: list[str]
    quotes: list[Quote]


MemberRow = TypeVar("MemberRow", bound=Member)


def member_table(
    title: str, rows: Sequence[MemberRow], w: dict, middle: Sequence[tuple[str, Callable[[MemberRow], object]]]
) -> Table:
    """Members with their name, zones and chains first, their quotes, sources and years last, and
    the `middle` columns (a word of `w`, the cell of a row) in between."""
    return Table(
        title,
        [w["name"], w["zone"], w["chains"], *(w[word] for word, _ in middle), w["quote"], w["source"], w["year"]],
        [[r.name, r.zones, "、".join(r.chains), *(cell(r) for _, cell in middle), *evidence(r.quotes)] for r in rows],
    )


def enterprise_table(rows: Sequence[EnterpriseRow], w: dict) -> Table:
    return member_table(
        w["enterprises"],
        rows,
        w,
        [("honours", lambda r: awards_text(r.honours, w)), ("figures", lambda r: figures_text(r.figures))],
    )


def project_table(rows: Sequence[ProjectRow], w: dict) -> Table:
    return member_table(
        w["projects"],
        rows,
        w,
        [
            ("investment", lambda r: money_cell(r.investment)),
            ("qualifier", lambda r: r.qualifier),
            ("status", lambda r: r.status),
            ("signed", lambda r: r.signed),
            ("started", lambda r: r.started),
            ("producing", lambda r: r.producing),
            ("investors", lambda r: "、".join(r.investors)),
        ],
    )


def platform_table(rows: Sequence[PlatformRow], w: dict) -> Table:
    return member_table(
        w["platforms"],
        rows,
        w,
        [
            ("leaders", lambda r: "、".join(r.leaders)),
            ("investment", lambda r: money_cell(r.investment)),
            ("qualifier", lambda r: r.qualifier),
            ("honours", lambda r: awards_text(r.honours, w)),
        ],
    )


def institution_table(rows: Sequence[InstitutionRow], w: dict) -> Table:
    return Table(
        w["institutions"],
        [w["name"], w["zone"], w["partners"], w["quote"], w["source"], w["year"]],
        [[r.name, r.zones, "、".join(r.partners), *evidence(r.quotes)] for r in rows],
    )


def drawable(chart: Callable[[], str], rows: Sequence[str], columns: Sequence[str]) -> list[Callable[[], str]]:
    """The heat map, when it has cells and no more rows than a reader can take in
    (`HEATMAP_ROWS`); the table under it always has every row."""
    return [chart] if rows and columns and len(rows) <= HEATMAP_ROWS else []


# The three reports


def dossier_document(d: ChainDossier) -> Document:
    w = WORDS[d.lang]
    columns = list(d.map[0].cells) if d.map else []
    labels = [("　" * row.depth) + row.chain for row in d.map]
    values = [[row.cells[c].total for c in columns] for row in d.map]
    notes = [
        [
            w["cell"].format(e=row.cells[c].enterprises, p=row.cells[c].projects, t=row.cells[c].platforms)
            if row.cells[c].total
            else (w["gap"] if c in d.zones else "–")
            for c in columns
        ]
        for row in d.map
    ]
    map_table = Table(
        w["map"],
        [w["chain"], w["level"], *columns, w["gaps"]],
        [[row.chain, row.depth, *[row.cells[c].total for c in columns], "、".join(row.gaps)] for row in d.map],
    )
    return Document(
        f"{w['dossier']}：{d.label}",
        d.lang,
        [
            (w["chain"], d.label),
            (w["members"], d.members),
            (w["serving"], "、".join(d.serving_zones)),
            (w["enterprises"], len(d.enterprises)),
            (w["projects"], len(d.projects)),
            (w["platforms"], len(d.platforms)),
            (w["institutions"], len(d.institutions)),
            ("", w["note"]),
        ],
        [
            Section(
                w["map"],
                drawable(partial(heatmap, labels, columns, values, notes, w["map"]), labels, columns),
                map_table,
            ),
            Section(w["enterprises"], table=enterprise_table(d.enterprises, w)),
            Section(w["projects"], table=project_table(d.projects, w)),
            Section(w["platforms"], table=platform_table(d.platforms, w)),
            Section(w["institutions"], table=institution_table(d.institutions, w)),
        ],
    )


def profile_document(p: ZoneProfile) -> Document:
    w = WORDS[p.lang]
    chain_table = Table(
        w["chainCounts"],
        [w["chain"], w["level"], w["matrixMembers"]],
        [[c.chain, c.depth, c.members] for c in p.chains],
    )
    roots = [c for c in p.chains if c.depth == 0]
    stage_table = Table(
        w["pipeline"],
        [w["status"], w["count"], w["investment"]],
        [[s.status, s.projects, money_cell(s.investment)] for s in p.pipeline],
    )
    years = p.honours_by_year()
    honour_table = Table(
        w["honoursByYear"],
        [w["year"], w["honours"], w["quote"], w["source"]],
        [[a.year, a.honour, quotes_text(a.quotes), sources_text(a.quotes)] for a in p.honours],
    )
    figure_table = Table(
        w["indicators"],
        [w["metric"], w["year"], w["value"], w["quote"], w["source"]],
        [[f.metric, f.year, f.shown(), quotes_text(f.quotes), sources_text(f.quotes)] for f in p.figures],
    )
    amounts = [f for f in p.figures if f.unit == "元" and f.value is not None]
    ranks = [f for f in p.figures if f.rank is not None]
    charts_for_figures: list[Callable[[], str]] = []
    if amounts:
        charts_for_figures.append(
            partial(
                bars,
                [f"{f.metric} ({f.year or '—'})" for f in amounts],
                [float(yi_number(f.value) or 0) for f in amounts],
                [f.shown() for f in amounts],
                w["amounts"],
            )
        )
    if ranks:
        charts_for_figures.append(
            partial(
                bars,
                [f"{f.metric} ({f.year or '—'})" for f in ranks],
                [f.rank or 0 for f in ranks],
                [f.shown() for f in ranks],
                w["rankings"],
                invert=True,
            )
        )
    dated = sorted(y for y in years if y is not None)
    return Document(
        f"{w['profile']}：{p.label}",
        p.lang,
        [
            (w["zone"], p.label),
            (w["enterprises"], len(p.enterprises)),
            (w["projects"], len(p.projects)),
            (w["platforms"], len(p.platforms)),
            (w["leaders"], "、".join(name for name, _ in p.leaders)),
            (w["honourCount"], len(p.honours)),
            ("", w["note"]),
        ],
        [
            Section(
                w["chainCounts"],
                [
                    partial(
                        bars,
                        [c.chain for c in roots],
                        [c.members for c in roots],
                        [str(c.members) for c in roots],
                        w["chainCounts"],
                    )
                ]
                if roots
                else [],
                chain_table,
            ),
            Section(
                w["pipeline"],
                [
                    partial(
                        bars,
                        [s.status for s in p.pipeline],
                        [float(yi_number(s.investment) or 0) for s in p.pipeline],
                        [w["stage"].format(n=s.projects, amount=yi_number(s.investment)) for s in p.pipeline],
                        w["pipeline"],
                    )
                ],
                stage_table,
            ),
            Section(w["projects"], table=project_table(p.projects, w)),
            Section(w["enterprises"], table=enterprise_table(p.enterprises, w)),
            Section(w["platforms"], table=platform_table(p.platforms, w)),
            Section(w["institutions"], table=institution_table(p.institutions, w)),
            Section(
                w["honoursByYear"],
                [
                    partial(
                        bars,
                        [str(y) for y in dated],
                        [len(years[y]) for y in dated],
                        [str(len(years[y])) for y in dated],
                        w["honoursByYear"],
                    )
                ]
                if dated
                else [],
                honour_table,
            ),
            Section(w["indicators"], charts_for_figures, figure_table),
        ],
    )


def matrix_document(m: Matrix) -> Document:
    w = WORDS[m.lang]
    members = [[m.members(z, c) for c in m.chains] for z in m.zones]
    money = [[yi_number(m.investment(z, c)) or 0 for c in m.chains] for z in m.zones]
    notes = [
        [
            f"{m.members(z, c)}" + (f"\n{yi_number(m.investment(z, c))}" if m.investment(z, c) else "")
            if m.members(z, c)
            else w["gap"]
            for c in m.chains
        ]
        for z in m.zones
    ]
    return Document(
        w["matrix"],
        m.lang,
        [(w["zone"], len(m.zones)), (w["chain"], len(m.chains)), ("", w["note"])],
        [
            Section(
                w["matrixMembers"],
                drawable(partial(heatmap, m.zones, m.chains, members, notes, w["matrix"]), m.zones, m.chains),
                Table(
                    w["matrixMembers"],
                    [w["zone"], *m.chains],
                    [[z, *row] for z, row in zip(m.zones, members, strict=True)],
                ),
            ),
            Section(
                w["matrixInvestment"],
                table=Table(
                    w["matrixInvestment"],
                    [w["zone"], *m.chains],
                    [[z, *row] for z, row in zip(m.zones, money, strict=True)],
                ),
            ),
            Section(
                w["noZone"],
                table=Table(w["noZone"], [w["chain"], w["matrixMembers"]], [[c, m.no_zone[c]] for c in m.chains]),
            ),
        ],
    )
