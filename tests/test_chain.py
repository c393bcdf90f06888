import json

import pytest
from rdflib import RDF

from conftest import assert_one_line_error, run
from kg.chain import MEMBER_CLASSES, chain_members, chain_tree
from kg.errors import KgError
from kg.load import load_graph
from kg.namespaces import ZKG

ZONES = {"杭州湾上虞经济技术开发区", "上虞曹娥江经济开发区", "嵊州经济开发区(高新园区)"}


def test_new_materials_spans_the_three_zones_with_quotes(curated):
    result = chain_members(curated, "新材料")
    assert {m.zone_label for m in result.members} >= ZONES
    enterprises = {m.label: m.zone_label for m in result.members if m.type_label == "企业"}
    assert (
        enterprises["新和成"] == "杭州湾上虞经济技术开发区" and enterprises["汉科新材料"] == "嵊州经济开发区(高新园区)"
    )
    assert all(m.quotes for m in result.members)


def test_narrower_chains_are_included(mini):
    result = chain_members(load_graph(mini), "New Materials")
    assert [(m.label, m.chain_labels) for m in result.members] == [("示例新材料公司", ["高分子新材料"])]


def test_member_without_zone_is_listed_and_zone_filter_applies(mini):
    ds = load_graph(mini)
    assert [m.zone for m in chain_members(ds, "新材料").members] == [None]
    assert chain_members(ds, "新材料", zone="示例开发区").members == []


@pytest.mark.parametrize("name", ["新 材 料", "ｎｅｗ ＭＡＴＥＲＩＡＬＳ", "new materials", "id:chain-new-materials"])
def test_names_match_after_normalising(curated, name):
    assert str(chain_members(curated, name).chain).endswith("/chain-new-materials")


def test_unknown_chain_suggests(curated):
    with pytest.raises(KgError, match=r"no chain named '新材'; did you mean .*新材料"):
        chain_members(curated, "新材")


def test_tree_counts_include_narrower_chains(mini):
    (root,) = chain_tree(load_graph(mini))
    assert (root.label, len(root.members()), [c.label for c in root.children]) == ("新材料", 1, ["高分子新材料"])


def test_cli_chain_table_json_csv(runner):
    table = run(runner, "chain", "新材料")
    assert table.exit_code == 0
    for zone in ZONES:
        assert zone in table.output
    rows = json.loads(run(runner, "chain", "新材料", "--format", "json", "--lang", "en").output)
    nhu = [r for r in rows if r["member"] == "Zhejiang NHU"]
    assert nhu and nhu[0]["zone"] == "Hangzhou Bay Shangyu Economic and Technological Development Zone"
    assert nhu[0]["source"].startswith("杭州湾上虞经开区聚力国家创新建设高地") and nhu[0]["year"] == 2021
    assert not any(str(v).startswith("src:") for r in rows for v in r.values())
    csv = run(runner, "chain", "新材料", "--format", "csv").output
    assert csv.startswith("\ufeffzone,type,member,iri,chain,investment_yi,qualifier,status,quote,source,year")
    assert_one_line_error(run(runner, "chain", "新材"), "no chain named '新材'; did you mean")
    assert_one_line_error(run(runner, "chain", "新材料", "--zone", "火星开发区"), "no zone named '火星开发区'")


def test_cli_chains_tree(runner):
    output = run(runner, "chains").output
    assert "新材料 (" in output and "└─ " in output


def test_cli_chain_one_row_per_member_of_a_class(runner):
    rows = json.loads(run(runner, "chain", "新材料", "--by", "member", "--type", "PROJECT", "--format", "json").output)
    assert {r["type"] for r in rows} == {"项目"} and len({r["iri"] for r in rows}) == len(rows)
    nylon = next(r for r in rows if r["member"] == "新和成尼龙新材料产业一体化项目")
    assert (nylon["investment_yi"], nylon["zone"], nylon["quotes"]) == (58.94, "杭州湾上虞经济技术开发区", 1)
    yike = next(r for r in rows if r["member"] == "亿柯气体半导体特气项目")
    assert (yike["investment_yi"], yike["qualifier"], yike["status"]) == (56.8, "预计", "已签约")
    jingsheng = json.loads(
        run(runner, "chain", "新材料", "--by", "member", "--type", "enterprise", "--format", "json").output
    )
    assert next(r for r in jingsheng if r["member"] == "晶盛机电")["chains"] == "半导体材料、高性能材料"
    plain = run(runner, "chain", "新材料", "--by", "member", "--format", "csv", "--no-bom").output
    assert plain.startswith("zone,type,member,iri,chains,")
    assert_one_line_error(run(runner, "chain", "新材料", "--type", "Company"), "unknown class 'Company'")
    assert_one_line_error(run(runner, "chain", "新材料", "--type", "zone"), "no members of the class Zone")


def test_tree_puts_a_chain_under_each_of_its_broader_chains(curated):
    tree = {node.label: node for root in chain_tree(curated) for _, node in root.walk()}
    semiconductor_materials = tree["半导体材料"]
    assert semiconductor_materials in tree["半导体"].children and semiconductor_materials in tree["新材料"].children
    assert semiconductor_materials.members() <= tree["新材料"].members()
    assert len(tree["新材料"].members()) == chain_members(curated, "新材料").distinct_members()


def test_tree_is_the_same_on_both_engines(curated):
    def shape(roots):
        return [(depth, node.label, sorted(map(str, node.direct))) for root in roots for depth, node in root.walk()]

    assert shape(chain_tree(curated)) == shape(chain_tree(load_graph(engine="rdflib")))


def test_tree_members_are_enterprises_projects_and_platforms(curated):
    """A zone that names a chain among its industries serves it: no member of the tree."""
    serving = {s for s, _, _ in curated.triples((None, ZKG.inChain, None)) if (s, RDF.type, ZKG.Zone) in curated}
    members = {m for root in chain_tree(curated) for m in root.members()}
    assert serving and members and not serving & members
    assert all(any((m, RDF.type, cls) in curated for cls in MEMBER_CLASSES) for m in members)


def test_a_chain_and_the_chain_tree_are_the_same_before_and_after_the_merge():
    dataset = load_graph()
    listed, tree = chain_members(dataset, "新材料"), chain_tree(dataset)
    assert dataset.deferred_store is not None, "answered on the union of the graphs, the merge not made"
    dataset.complete()
    assert chain_members(dataset, "新材料") == listed and listed.members
    assert chain_tree(dataset) == tree and tree


def test_a_chain_with_two_names_in_one_language_shows_the_first_in_code_point_order(tmp_path):
    (tmp_path / "d.nq").write_text(
        "<http://ex/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/zonekg/ontology#IndustryChain> .\n"
        '<http://ex/c> <http://www.w3.org/2000/01/rdf-schema#label> "乙链"@zh .\n'
        '<http://ex/c> <http://www.w3.org/2000/01/rdf-schema#label> "丙链"@zh .\n',
        encoding="utf-8",
    )
    assert [node.label for node in chain_tree(load_graph(tmp_path))] == ["丙链"]
