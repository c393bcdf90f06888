"""The reports: data that agrees with `kg chain` and `kg chains`, workbooks read back with
openpyxl, HTML pages opened in headless Chromium."""

import json
import re
from pathlib import Path

import openpyxl
import pytest
from rdflib import RDF, RDFS

import kg
import kg.report.chain
import kg.report.matrix
import kg.report.zone
from conftest import OpenedPage, assert_one_line_error, run
from kg.namespaces import ZKG
from kg.output.reports import (
    dossier_document,
    matrix_document,
    profile_document,
    render_report,
)
from kg.report.chain import chain_dossier
from kg.report.data import read_facts
from kg.report.matrix import zones_matrix
from kg.report.zone import zone_profile

INJECTION = "=1+2*SUM(A1:A9)"
HOSTILE = f"""
id:hostile-enterprise a zkg:Enterprise ; rdfs:label "{INJECTION}"@zh , "<img src=x onerror=window.__pwned=1>"@en .
src:hostile a zkg:Source ; dcterms:title "@SUM(A1)"@zh ; zkg:year 2024 .
ev:hostile-01 a zkg:Evidence ; zkg:quote "+cmd|' /C calc'!A0"@zh ; prov:wasDerivedFrom src:hostile .
ev:hostile-01 {{ id:hostile-enterprise zkg:inChain id:chain-polymer-materials ; zkg:locatedIn id:example-zone . }}
"""


def sheet_rows(book, title: str) -> list[dict]:
    sheet = book[title]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:] if any(v is not None for v in row)]


def chain_json(runner, *args: str) -> list[dict]:
    result = run(runner, "chain", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def tree_counts(runner) -> list[tuple[str, int]]:
    output = run(runner, "chains").stdout
    return [(m[1], int(m[2])) for m in re.finditer(r"(?:^|[─ ] )?([^\s│├└─(]+) \((\d+)\)$", output, re.M)]


@pytest.fixture(scope="module")
def dossier_book(tmp_path_factory):
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("dossier") / "新材料.xlsx"
    result = run(CliRunner(), "report", "chain", "新材料", "--format", "xlsx", "--out", str(out))
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def test_dossier_lists_each_member_once_with_zone_source_and_year(dossier_book, runner):
    members = chain_json(runner, "新材料", "--by", "member")
    for sheet, kind in (("企业清单", "企业"), ("项目清单", "项目"), ("平台清单", "平台")):
        rows = sheet_rows(dossier_book, sheet)
        names = [r["名称"] for r in rows]
        assert len(names) == len(set(names)), f"{sheet}: a member listed twice"
        expected = {m["member"]: m["zone"] for m in members if m["type"] == kind}
        assert {r["名称"]: r["开发区"] for r in rows} == expected
        assert all(r["来源"] and r["年份"] and r["原文引述"].startswith("“") for r in rows), sheet
    projects = {r["名称"]: r for r in sheet_rows(dossier_book, "项目清单")}
    nylon = projects["新和成尼龙新材料产业一体化项目"]
    assert (nylon["总投资（亿元）"], nylon["开发区"]) == (58.94, "杭州湾上虞经济技术开发区")
    assert "新和成" in nylon["投资方"]


def test_dossier_sheets_have_a_cover_frozen_headers_and_filters(dossier_book):
    assert dossier_book.sheetnames[0] == "封面"
    cover = {row[0]: row[1] for row in dossier_book["封面"].iter_rows(min_row=2, values_only=True)}
    assert cover["产业链"] == "新材料"
    for title in dossier_book.sheetnames[1:]:
        sheet = dossier_book[title]
        assert sheet.freeze_panes == "A2", title
        if sheet.max_row > 1:
            assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), title
        assert all(sheet.column_dimensions[c].width >= 8 for c in "AB")


def test_member_counts_agree_with_chain_and_chains(dossier_book, runner):
    cover = {row[0]: row[1] for row in dossier_book["封面"].iter_rows(min_row=2, values_only=True)}
    members = chain_json(runner, "新材料", "--by", "member")
    tree = tree_counts(runner)
    assert cover["成员数（企业、项目、平台）"] == len(members) == dict(tree)["新材料"]
    header = run(runner, "chain", "新材料").stdout.splitlines()[0]
    assert header.startswith(f"新材料: {len(members)} ")
    assert ("半导体材料", len(chain_json(runner, "半导体材料", "--by", "member"))) in tree
    assert sum(1 for name, _ in tree if name == "半导体材料") == 2, "a chain with two broader chains shows under both"
    map_rows = {r["产业链"]: r for r in sheet_rows(dossier_book, "一链一图：各开发区的成员分布")}
    zones = [z for z in map_rows["新材料"] if z not in ("产业链", "层级", "待补链的开发区")]
    assert sum(map_rows["新材料"][z] for z in zones) == len(members)


def test_matrix_agrees_with_chain_for_every_top_level_chain(curated, runner):
    matrix = zones_matrix(curated)
    for chain in matrix.chains:
        members = chain_json(runner, chain, "--by", "member")
        assert sum(matrix.members(z, chain) for z in matrix.zones) + matrix.no_zone[chain] == len(members), chain
        for zone in matrix.zones:
            assert matrix.members(zone, chain) == sum(1 for m in members if zone in (m["zone"] or "").split("、"))


def test_zone_profile_lists_what_the_zone_query_finds(curated, runner, tmp_path):
    out = tmp_path / "zone.xlsx"
    assert run(runner, "report", "zone", "嵊州经济开发区", "--out", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    listed = [r["名称"] for r in sheet_rows(book, "企业清单")]
    queried = json.loads(
        run(runner, "query", "zone-enterprises", "-p", "zone=嵊州经济开发区", "--format", "json").stdout
    )
    assert sorted(listed) == sorted({r["enterpriseLabel"] for r in queried})
    profile = zone_profile(curated, "嵊州经济开发区")
    stages = {r["状态"]: r for r in sheet_rows(book, "项目推进（签约 → 在建 → 投产）")}
    assert {s.status: s.projects for s in profile.pipeline} == {k: v["项目数"] for k, v in stages.items()}
    assert stages["投产"]["项目数"] == sum(1 for p in profile.projects if p.status == "投产")
    assert sum(v["项目数"] for v in stages.values()) == len(sheet_rows(book, "项目清单")) == len(profile.projects)
    for sheet in ("企业清单", "项目清单", "平台清单"):
        assert all(r["来源"] and r["年份"] and r["原文引述"] for r in sheet_rows(book, sheet)), sheet
    assert any(r["年份"] == 2023 for r in sheet_rows(book, "历年荣誉"))


PARTNERS = """
id:lab-a a zkg:TalentInstitution ; rdfs:label "甲实验室"@zh .
id:lab-b a zkg:TalentInstitution ; rdfs:label "乙大学"@zh .
id:lab-c a zkg:TalentInstitution ; rdfs:label "丙研究院"@zh .
id:elsewhere a zkg:Enterprise ; rdfs:label "别处公司"@zh .
ev:mini-04 a zkg:Evidence ; zkg:quote "示例高分子项目与甲实验室合作；乙大学与示例市合作。"@zh ; prov:wasDerivedFrom src:mini .
ev:mini-04 { id:project-example-polymer zkg:cooperatesWith id:lab-a . id:lab-b zkg:cooperatesWith id:region-example-city .
             id:lab-a zkg:cooperatesWith id:elsewhere . id:lab-c zkg:cooperatesWith id:elsewhere . }
"""


def test_a_zone_lists_the_institutions_that_cooperate_with_it_either_way(tmp_path, mini, monkeypatch):
    """An institution something in the zone cooperates with, and one that cooperates with the
    region the zone is in, are listed; one that cooperates with neither is not."""
    data = tmp_path / "partners.trig"
    data.write_text(mini.read_text(encoding="utf-8") + PARTNERS, encoding="utf-8")
    graph = kg.load_graph(data)
    profile = zone_profile(graph, "示例开发区")
    assert [(row.name, row.partners) for row in profile.institutions] == [
        ("乙大学", ["示例市"]),
        ("甲实验室", ["别处公司", "示例高分子项目"]),
    ]
    monkeypatch.setattr(
        kg.report.zone, "read_facts", lambda source, about, lang="zh": read_facts(source, set(graph.subjects()), lang)
    )
    assert zone_profile(graph, "示例开发区") == profile


def test_data_never_becomes_a_formula(tmp_path, runner, mini):
    data = tmp_path / "hostile.trig"
    data.write_text(mini.read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    out = tmp_path / "hostile.xlsx"
    assert run(runner, "--data", str(data), "report", "chain", "新材料", "--out", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    rows = {r["名称"]: r for r in sheet_rows(book, "企业清单")}
    assert "'" + INJECTION in rows
    hostile = rows["'" + INJECTION]
    assert hostile["来源"] == "'@SUM(A1)" and hostile["原文引述"] == "“+cmd|' /C calc'!A0”"
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for s in book for row in s.iter_rows() for c in row
    )


def test_same_data_same_bytes(curated):
    for document in (dossier_document(chain_dossier(curated, "新材料")), matrix_document(zones_matrix(curated))):
        for fmt in ("xlsx", "html"):
            assert render_report(document, fmt) == render_report(document, fmt)
    again = dossier_document(chain_dossier(curated, "新材料"))
    assert render_report(again, "xlsx") == render_report(dossier_document(chain_dossier(curated, "新材料")), "xlsx")


def test_report_errors_are_one_line(runner, tmp_path):
    assert_one_line_error(run(runner, "report", "chain", "新材"), "no chain named '新材'; did you mean 新材料")
    assert_one_line_error(
        run(runner, "report", "zones", "--out", str(tmp_path / "missing" / "z.xlsx")), "no such folder"
    )


def test_writes_from_any_folder_with_a_default_name(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "report", "chain", "new materials", "--format", "html")
    assert result.exit_code == 0, result.output
    assert Path("report-chain-new-materials.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "make, charts, title",
    [
        (lambda ds: dossier_document(chain_dossier(ds, "新材料")), 1, "产业链档案：新材料"),
        (lambda ds: profile_document(zone_profile(ds, "嵊州经济开发区")), 4, "开发区画像：嵊州经济开发区(高新园区)"),
        (lambda ds: matrix_document(zones_matrix(ds, "en")), 1, "Zones × chains"),
    ],
)
def test_html_report_draws_its_charts_offline(browser, curated, tmp_path, make, charts, title):
    opened = OpenedPage(browser, render_report(make(curated), "html"), tmp_path, ready="figure.chart svg")
    page = opened.page
    assert page.locator("h1").inner_text() == title
    drawn = page.evaluate("""() => [...document.querySelectorAll('figure.chart svg')].map(svg => {
        const box = svg.getBoundingClientRect();
        return {w: box.width, h: box.height, marks: svg.querySelectorAll('path, rect, use').length,
                text: [...svg.querySelectorAll('text')].map(t => t.textContent).join(' ')};
    })""")
    assert len(drawn) >= charts
    assert all(c["w"] > 200 and c["h"] > 80 and c["marks"] > 5 and c["text"].strip() for c in drawn), drawn
    assert page.locator("table tbody tr").count() > 0
    assert opened.outside == [] and opened.errors == []


def test_html_report_shows_hostile_names_as_text(browser, tmp_path, mini):
    data = tmp_path / "hostile.trig"
    data.write_text(mini.read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    html = render_report(dossier_document(chain_dossier(kg.load_graph(data), "新材料", "en")), "html")
    opened = OpenedPage(browser, html, tmp_path, ready="figure.chart svg")
    names = opened.page.locator("tbody tr td:first-child").all_inner_texts()
    assert "<img src=x onerror=window.__pwned=1>" in names
    assert opened.page.locator("img").count() == 0
    assert opened.page.evaluate("() => window.__pwned") is None
    assert opened.outside == [] and opened.errors == []


def test_a_map_too_tall_to_read_is_a_table_without_its_heat_map(curated, monkeypatch):
    dossier = chain_dossier(curated, "新材料")
    drawn = render_report(dossier_document(dossier), "html").decode("utf-8")
    assert len(dossier.map) > 1 and drawn.count("<svg") >= 1
    monkeypatch.setattr("kg.output.reports.HEATMAP_ROWS", len(dossier.map) - 1)
    left_out = render_report(dossier_document(dossier), "html").decode("utf-8")
    assert left_out.count("<svg") == drawn.count("<svg") - 1
    assert all(row.chain in left_out for row in dossier.map), "the table keeps every row"


def test_a_report_reads_the_part_of_the_graph_that_changes_it(curated, monkeypatch):
    """Each zone profile, chain dossier and the matrix read from their part of the graph are
    those read from every fact of it."""
    zones = sorted(
        str(label)
        for zone in curated.subjects(RDF.type, ZKG.Zone)
        for label in curated.objects(zone, RDFS.label)
        if label.language == "zh"
    )
    chains = sorted(
        str(label)
        for chain in curated.subjects(RDF.type, ZKG.IndustryChain)
        for label in curated.objects(chain, RDFS.label)
        if label.language == "zh"
    )
    from_part = (
        [zone_profile(curated, z) for z in zones],
        [chain_dossier(curated, c) for c in chains],
        zones_matrix(curated),
    )
    everything = set(curated.subjects())
    for module in (kg.report.chain, kg.report.matrix, kg.report.zone):
        monkeypatch.setattr(module, "read_facts", lambda source, about, lang="zh": read_facts(source, everything, lang))
    from_all = (
        [zone_profile(curated, z) for z in zones],
        [chain_dossier(curated, c) for c in chains],
        zones_matrix(curated),
    )
    assert len(from_part[0]) > 2 and len(from_part[1]) > 10
    assert from_part == from_all


def test_a_profile_and_a_dossier_are_the_same_before_and_after_the_merge():
    dataset = kg.load_graph()
    profile = kg.report.zone.zone_profile(dataset, "杭州湾上虞经开区")
    dossier = kg.report.chain.chain_dossier(dataset, "新材料")
    assert dataset.deferred_store is not None, "answered on the union of the graphs, the merge not made"
    dataset.complete()
    assert kg.report.zone.zone_profile(dataset, "杭州湾上虞经开区") == profile
    assert kg.report.chain.chain_dossier(dataset, "新材料") == dossier
