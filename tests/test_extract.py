"""kg.extract: entities, facts and verbatim quotes proposed from small articles written here."""

from decimal import Decimal

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import BadValue
from kg.extract.gazetteer import Gazetteer
from kg.extract.model import ArticleMeta, draft_to_dataset
from kg.extract.pipeline import extract_article
from kg.extract.text import sentences
from kg.namespaces import ID, ZKG

ARTICLE = """江北经济开发区：项目建设跑出加速度

龙年伊始，江北经济开发区招商引资开门红。总投资58.94亿元的青松新材料高性能薄膜项目正式签约落户江北经济开发区。

去年，青松新材料入选国家级专精特新“小巨人”企业。

预计总投资12亿元的蓝海生物医药产业基地项目今年5月开工，建成后将成为开发区生物医药产业的龙头。

江北经济开发区着力发展新能源、新材料、生物医药等产业。
"""
META = ArticleMeta("jiangbei", "江北经济开发区：项目建设跑出加速度", 2024)

KNOWN = """@prefix zkg: <https://w3id.org/zonekg/ontology#> .
@prefix id: <https://w3id.org/zonekg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
id:qingsong-new-materials a zkg:Enterprise ;
    rdfs:label "青松新材料"@zh , "Qingsong New Materials"@en ;
    skos:altLabel "浙江青松新材料股份有限公司"@zh .
id:jiangbei-edz a zkg:Zone ;
    rdfs:label "江北经济开发区"@zh , "Jiangbei Economic Development Zone"@en .
"""


@pytest.fixture
def draft():
    return extract_article(ARTICLE, META, Gazetteer())


def facts(draft, predicate):
    return {(f.subject_iri, f.object) for f in draft.facts if f.predicate_iri == predicate}


def entity(draft, name):
    found = [e for e in draft.entities if e.name == name or name in e.aliases]
    assert found, f"{name} not proposed; got {[e.name for e in draft.entities]}"
    return found[0]


def test_entities_of_each_class_are_found_with_readable_ascii_iris(draft):
    assert entity(draft, "江北经济开发区").cls == ZKG.Zone
    assert entity(draft, "青松新材料").cls == ZKG.Enterprise
    assert entity(draft, "青松新材料高性能薄膜项目").cls == ZKG.Project
    assert entity(draft, "新能源").cls == ZKG.IndustryChain
    assert entity(draft, "国家级专精特新“小巨人”企业").cls == ZKG.Honor
    for e in draft.entities:
        assert str(e.iri).startswith(str(ID)) and str(e.iri).isascii()
        assert not e.known and e.label_en_needs_review and e.label_en


def test_investment_converted_to_yuan_with_its_qualifier(draft):
    signed = entity(draft, "青松新材料高性能薄膜项目").iri
    started = entity(draft, "蓝海生物医药产业基地项目").iri
    amounts = {f.subject_iri: f for f in draft.facts if f.predicate_iri == ZKG.totalInvestment}
    assert Decimal(str(amounts[signed].object)) == Decimal("5894000000")
    assert amounts[signed].qualifier is None
    assert Decimal(str(amounts[started].object)) == Decimal("1200000000")
    assert amounts[started].qualifier == ZKG.Estimated


def test_status_and_years_resolved_against_the_article_year(draft):
    signed = entity(draft, "青松新材料高性能薄膜项目").iri
    started = entity(draft, "蓝海生物医药产业基地项目").iri
    assert (signed, ZKG.Signed) in facts(draft, ZKG.status)
    assert (started, ZKG.UnderConstruction) in facts(draft, ZKG.status)
    assert (started, Literal(2024, datatype=XSD.integer)) in facts(draft, ZKG.startYear)
    honour = [f for f in draft.facts if f.predicate_iri == ZKG.hasHonor]
    assert [(f.subject_iri, f.year) for f in honour] == [(entity(draft, "青松新材料").iri, 2023)]


def test_investor_location_and_chains(draft):
    project = entity(draft, "青松新材料高性能薄膜项目").iri
    zone = entity(draft, "江北经济开发区").iri
    assert (project, entity(draft, "青松新材料").iri) in facts(draft, ZKG.investor)
    assert (project, zone) in facts(draft, ZKG.locatedIn)
    assert {(zone, entity(draft, c).iri) for c in ("新能源", "新材料", "生物医药")} <= facts(draft, ZKG.inChain)


def test_every_fact_has_a_verbatim_quote_a_confidence_and_a_rule(draft):
    assert draft.facts
    for f in draft.facts:
        assert f.quote in ARTICLE and ARTICLE[f.start : f.start + len(f.quote)] == f.quote
        assert 0 < f.confidence <= 1 and f.rule


def test_known_names_reuse_the_graph_iri_and_full_names_reconcile(tmp_path):
    (tmp_path / "entities.ttl").write_text(KNOWN, encoding="utf-8")
    gazetteer = Gazetteer.from_data(tmp_path / "entities.ttl")
    text = "浙江青松新材料股份有限公司落户江北经济开发区，青松新材料入选省级专精特新“小巨人”企业。"
    draft = extract_article(text, META, gazetteer)
    company = entity(draft, "青松新材料")
    assert company.iri == ID["qingsong-new-materials"] and company.known
    assert company.label_en == "Qingsong New Materials" and not company.label_en_needs_review
    assert (company.iri, ID["jiangbei-edz"]) in facts(draft, ZKG.locatedIn)
    assert len([e for e in draft.entities if e.cls == ZKG.Enterprise]) == 1


def test_a_short_and_a_full_name_of_a_new_company_are_one_entity():
    text = "江北经济开发区：红杉智能装备股份有限公司总投资10亿元的红杉智能装备项目签约。红杉智能装备入选省级专精特新“小巨人”企业。"
    draft = extract_article(text, META, Gazetteer())
    companies = [e for e in draft.entities if e.cls == ZKG.Enterprise]
    assert len(companies) == 1
    assert {companies[0].name, *companies[0].aliases} >= {"红杉智能装备股份有限公司", "红杉智能装备"}


def test_more_than_and_about_qualifiers():
    text = "江北经济开发区内，总投资超30亿元的白鹭新能源项目开工；总投资约8000万元的白鹭储能项目投产。"
    draft = extract_article(text, META, Gazetteer())
    by_name = {e.iri: e.name for e in draft.entities}
    got = {
        by_name[f.subject_iri]: (Decimal(str(f.object)), f.qualifier)
        for f in draft.facts
        if f.predicate_iri == ZKG.totalInvestment
    }
    assert got == {
        "白鹭新能源项目": (Decimal("3000000000"), ZKG.MoreThan),
        "白鹭储能项目": (Decimal("80000000"), ZKG.Approximately),
    }


def test_sentences_keep_exact_spans_and_join_a_line_cut_mid_sentence():
    text = "标题\n\n这一句很长很长很长很长很长很长很长很长很长很长，在这里被\n\n断开了。下一句。"
    found = sentences(text)
    assert next(s.text for s in found) == "标题"
    assert found[1].text == text[found[1].start : found[1].end]
    assert "".join(found[1].text.split()) == "这一句很长很长很长很长很长很长很长很长很长很长，在这里被断开了。"


def test_the_draft_is_trig_in_the_project_layout(draft):
    dataset: Dataset = draft_to_dataset(draft)
    evidence = set(dataset.subjects(RDF.type, ZKG.Evidence))
    assert len(evidence) == len(draft.quotes())
    assert set(dataset.subjects(RDF.type, ZKG.FactProposal)) and set(dataset.subjects(RDF.type, ZKG.EntityProposal))
    graphs = {g.identifier for g in dataset.graphs()} - {URIRef("urn:x-rdflib:default")}
    assert graphs == evidence


@pytest.mark.parametrize("text", ["", "   \n", "Only English text here."])
def test_an_article_without_chinese_text_is_refused(text):
    with pytest.raises(BadValue):
        extract_article(text, META, Gazetteer())


def test_a_long_article_works():
    paragraph = ARTICLE.split("\n\n", 1)[1]
    text = "江北经济开发区\n\n" + paragraph * (20000 // len(paragraph) + 1)
    draft = extract_article(text, META, Gazetteer())
    assert len(text) > 20000 and draft.facts
    assert all(f.quote in text for f in draft.facts)


REPORT = """成都高新区2023年经济运行稳中向好

电子信息产业是成都高新区的主导产业。京东方、富士康、英特尔等龙头企业持续扩产。去年12月，总投资约280亿元的京东方第8.6代AMOLED生产线项目在成都高新区开工建设。

去年，成都高新区新增国家级专精特新“小巨人”企业12家，百利药业生物创新药产业化基地项目竣工投产。

总投资12亿元的长鑫存储二期项目日前开工建设，预计2025年竣工投产。
"""


@pytest.fixture
def report():
    return extract_article(REPORT, ArticleMeta("chengdu", "成都高新区2023年经济运行稳中向好", 2024), Gazetteer())


def test_listed_leading_companies_lead_the_zone_and_own_their_projects(report):
    zone = entity(report, "成都高新区").iri
    boe = entity(report, "京东方").iri
    assert {(zone, entity(report, n).iri) for n in ("京东方", "富士康", "英特尔")} <= facts(
        report, ZKG.leadingEnterprise
    )
    line = entity(report, "京东方第8.6代AMOLED生产线项目").iri
    assert (line, boe) in facts(report, ZKG.investor)
    assert (line, zone) in facts(report, ZKG.locatedIn)
    assert (line, Literal(2023, datatype=XSD.integer)) in facts(report, ZKG.startYear)
    assert (entity(report, "百利药业生物创新药产业化基地项目").iri, entity(report, "百利药业").iri) in facts(
        report, ZKG.investor
    )
    assert (zone, entity(report, "电子信息").iri) in facts(report, ZKG.inChain)


def test_a_planned_stage_is_a_year_not_the_status(report):
    memory = entity(report, "长鑫存储二期项目").iri
    assert (memory, ZKG.UnderConstruction) in facts(report, ZKG.status)
    assert (memory, ZKG.InProduction) not in facts(report, ZKG.status)
    assert (memory, Literal(2025, datatype=XSD.integer)) in facts(report, ZKG.productionYear)
    assert (entity(report, "百利药业生物创新药产业化基地项目").iri, ZKG.InProduction) in facts(report, ZKG.status)


def test_a_count_of_honoured_companies_gives_the_zone_no_honour(report):
    assert not [f for f in report.facts if f.predicate_iri == ZKG.hasHonor]


def test_zone_names_reconcile_across_abbreviations():
    text = "成都高新技术产业开发区位于四川省成都市。成都高新区着力发展集成电路、新型显示等产业。"
    draft = extract_article(text, META, Gazetteer())
    zones = [e for e in draft.entities if e.cls == ZKG.Zone]
    assert len(zones) == 1 and set(zones[0].aliases) | {zones[0].name} == {"成都高新技术产业开发区", "成都高新区"}
    assert zones[0].label_en == "Chengdu High-tech Industrial Development Zone"


EVENT = ArticleMeta("event", "滨湖高新区重大项目集中签约", 2024)


def triples(draft):
    by_name = {e.iri: e.name for e in draft.entities}

    def name(term):
        return by_name.get(term, str(term).rsplit("#", 1)[-1] if isinstance(term, URIRef) else term.toPython())

    return {(name(s), str(p).rsplit("#", 1)[-1], name(o)) for s, p, o in (f.triple for f in draft.facts)}


def test_a_project_name_stops_at_a_verb_or_at_a_company_named_in_full():
    text = (
        "3月12日，滨湖高新区举行签约活动。长飞光纤光缆股份有限公司与滨湖高新区签约建设长飞光纤预制棒扩产项目，"
        "计划总投资35亿元。隆基绿能科技股份有限公司年产15GW高效单晶电池项目当天开工。"
    )
    draft = extract_article(text, EVENT, Gazetteer())
    got = triples(draft)
    assert ("长飞光纤预制棒扩产项目", "investor", "长飞光纤光缆股份有限公司") in got
    assert ("长飞光纤预制棒扩产项目", "status", "Signed") in got
    assert ("长飞光纤预制棒扩产项目", "signedYear", 2024) in got
    assert ("年产15GW高效单晶电池项目", "investor", "隆基绿能科技股份有限公司") in got
    assert ("年产15GW高效单晶电池项目", "startYear", 2024) in got
    assert not [e for e in draft.entities if e.name.startswith(("建设", "隆基绿能科技股份有限公司年产"))]


def test_the_company_named_right_before_its_project_invests_in_it():
    text = (
        "此外，思必驰科技股份有限公司的智能语音开放平台项目也在当天签约。"
        "阳光电源股份有限公司旗下的阳光氢能科技有限公司也在当天开工建设年产10GW光伏逆变器及储能系统项目。"
    )
    got = triples(extract_article(text, EVENT, Gazetteer()))
    assert ("智能语音开放平台项目", "investor", "思必驰科技股份有限公司") in got
    assert ("智能语音开放平台项目", "signedYear", 2024) in got
    assert ("年产10GW光伏逆变器及储能系统项目", "investor", "阳光氢能科技有限公司") in got
    assert ("阳光氢能科技有限公司", "subsidiaryOf", "阳光电源股份有限公司") in got
    assert {("年产10GW光伏逆变器及储能系统项目", "inChain", c) for c in ("光伏", "储能")} <= got


def test_zone_words_standing_alone_name_the_zone_and_its_city_places_it():
    text = (
        "苏州工业园区举行一季度重大项目集中签约活动。信达生物相关负责人介绍，信达生物制药（苏州）有限公司2011年落户园区。"
        "园区将聚焦新一代信息技术、高端装备制造、新能源等领域。"
    )
    got = triples(extract_article(text, ArticleMeta("sip", "苏州工业园区集中签约", 2024), Gazetteer()))
    assert ("信达生物制药（苏州）有限公司", "locatedIn", "苏州工业园区") in got
    assert ("苏州工业园区", "locatedIn", "苏州") in got
    assert {("苏州工业园区", "inChain", c) for c in ("新一代信息技术", "高端装备制造", "新能源")} <= got


def test_in_a_report_of_signings_an_investing_company_is_not_placed_in_the_zone():
    text = "天府新区重大项目集中签约。其中，京东方科技集团股份有限公司拟投资120亿元建设京东方天府AMOLED生产线项目。"
    got = triples(extract_article(text, ArticleMeta("tf", "天府新区签约12个重大项目", 2024), Gazetteer()))
    assert ("京东方天府AMOLED生产线项目", "locatedIn", "天府新区") in got
    assert ("京东方天府AMOLED生产线项目", "investor", "京东方科技集团股份有限公司") in got
    assert not [t for t in got if t[0] == "京东方科技集团股份有限公司" and t[1] == "locatedIn"]


def test_a_feature_about_a_zone_places_the_companies_it_presents():
    text = "滨湖高新区着力培育新材料产业。青松新材料股份有限公司是一家专注高性能薄膜的企业，去年产值突破十亿元。"
    got = triples(extract_article(text, ArticleMeta("f", "滨湖高新区：向新而行", 2024), Gazetteer()))
    assert ("青松新材料股份有限公司", "locatedIn", "滨湖高新区") in got


def test_a_national_leader_leads_no_zone_but_the_zones_chain_leader_does():
    text = (
        "国盾量子是滨湖高新区量子信息产业的链主企业。"
        "中车青岛四方机车车辆股份有限公司是国内轨道交通装备领域的龙头企业，曾落户滨湖高新区。"
    )
    got = triples(extract_article(text, ArticleMeta("l", "滨湖高新区：向新而行", 2024), Gazetteer()))
    assert ("滨湖高新区", "leadingEnterprise", "国盾量子") in got
    assert ("国盾量子", "inChain", "量子信息") in got
    assert not [t for t in got if t[1] == "leadingEnterprise" and t[2].startswith("中车")]


def test_a_zone_named_new_area_and_a_partner_institution_without_the_party_before_with():
    text = "另据了解，青岛西海岸新区与中国海洋大学联合共建的海洋装备研究院日前揭牌。"
    draft = extract_article(text, ArticleMeta("q", "青岛西海岸新区：一批重点项目投产达效", 2023), Gazetteer())
    assert entity(draft, "青岛西海岸新区").cls == ZKG.Zone
    assert entity(draft, "中国海洋大学").cls == ZKG.TalentInstitution
    assert ("中国海洋大学", "cooperatesWith", "青岛西海岸新区") in triples(draft)


def test_a_stage_in_a_lists_heading_is_its_projects_and_a_list_of_industries_names_no_company():
    text = (
        "签约项目包括：宁德时代新能源科技股份有限公司投资的锂电池回收利用项目，总投资20亿元；"
        "上汽宁德乘用车有限公司的新能源汽车零部件配套产业园项目，总投资8.5亿元。"
        "近年来，东侨经开区围绕锂电新能源、新能源汽车、不锈钢新材料、铜材料四大主导产业招商。"
    )
    meta = ArticleMeta("nd", "宁德东侨经济技术开发区项目集中签约", 2024)
    draft = extract_article(text, meta, Gazetteer())
    got = triples(draft)
    assert ("锂电池回收利用项目", "status", "Signed") in got
    assert ("锂电池回收利用项目", "signedYear", 2024) in got
    assert ("锂电池回收利用项目", "investor", "宁德时代新能源科技股份有限公司") in got
    assert ("新能源汽车零部件配套产业园项目", "investor", "上汽宁德乘用车有限公司") in got
    assert ("新能源汽车零部件配套产业园项目", "totalInvestment", Decimal("850000000")) in got
    assert not [e for e in draft.entities if e.cls == ZKG.Enterprise and "新材料" in e.name]


def test_a_project_name_may_end_in_an_upgrade_and_a_bracketed_owner_invests():
    text = (
        "此外，一汽-大众汽车有限公司佛山分公司的新能源汽车焊装车间改造项目、"
        "佛山电器照明股份有限公司（佛山照明）的高明LED产业园二期项目也同步动工。"
        "佛山市顺德区美的集团旗下的美的库卡智能制造产业基地二期项目总投资超40亿元。"
    )
    got = triples(extract_article(text, ArticleMeta("fs", "佛山国家高新区12个项目集中开工", 2024), Gazetteer()))
    assert ("新能源汽车焊装车间改造项目", "investor", "一汽-大众汽车有限公司佛山分公司") in got
    assert ("新能源汽车焊装车间改造项目", "status", "UnderConstruction") in got
    assert ("高明LED产业园二期项目", "investor", "佛山电器照明股份有限公司") in got
    assert ("美的库卡智能制造产业基地二期项目", "investor", "美的集团") in got


def test_a_zone_named_with_and_without_its_city_is_one_and_counted_centres_are_no_names():
    text = (
        "1月25日，南京江北新区管委会发布2023年度经济运行情况。去年，江北新区实现地区生产总值3100亿元。"
        "新区与南京大学共建的南京大学江北新区研究院正式运行，新区还新增省级工程技术研究中心18家。"
    )
    draft = extract_article(text, ArticleMeta("nj", "南京江北新区2023年经济运行情况发布", 2024), Gazetteer())
    zones = [e for e in draft.entities if e.cls == ZKG.Zone]
    assert [(z.name, z.aliases) for z in zones] == [("南京江北新区", ("江北新区",))]
    assert "工程技术研究中心" not in {e.name for e in draft.entities}
    assert ("南京大学", "cooperatesWith", "南京江北新区") in triples(draft)


def test_a_group_named_with_or_without_its_legal_form_has_one_key():
    from kg.extract.names import name_key

    keys = {name_key(n) for n in ("浙江龙盛集团有限公司", "浙江龙盛集团股份有限公司", "浙江龙盛集团", "浙江龙盛")}
    assert keys == {name_key("浙江龙盛")}
