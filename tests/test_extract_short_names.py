"""kg.extract.short_names: short names an article introduces with a full company name."""

from kg.extract.gazetteer import Gazetteer
from kg.extract.model import ArticleMeta
from kg.extract.pipeline import extract_article
from kg.extract.short_names import short_forms
from kg.namespaces import ZKG

META = ArticleMeta("dev", "滨湖高新区重大项目集中开工", 2024)


def companies(draft):
    return {e.name: e for e in draft.entities if e.cls == ZKG.Enterprise}


def names_of(e):
    return {e.name, *e.aliases}


def test_short_forms_drop_place_and_legal_suffix_and_close_up_a_city_inside():
    assert short_forms("合肥视涯技术有限公司")[:3] == ["视涯技术", "视涯技", "视涯"]
    assert "国盾量子" in short_forms("科大国盾量子技术股份有限公司")
    assert "中车四方" in short_forms("中车青岛四方机车车辆股份有限公司")
    assert "中国" not in short_forms("中国电子科技集团有限公司")


def test_a_short_name_used_later_is_the_company_named_in_full_before():
    text = (
        "滨湖高新区内，合肥视涯技术有限公司二期厂房正在建设。视涯技术是全球硅基OLED微显示领域的头部企业，"
        "前年获评安徽省“专精特新”冠军企业。"
    )
    draft = extract_article(text, META, Gazetteer())
    shiya = companies(draft)["合肥视涯技术有限公司"]
    assert "视涯技术" in names_of(shiya)
    assert len(companies(draft)) == 1
    assert any(f.subject_iri == shiya.iri and f.predicate_iri == ZKG.hasHonor for f in draft.facts)


def test_a_two_character_short_name_counts_only_standing_alone():
    text = "江苏盛虹科技股份有限公司落户滨湖高新区。盛虹投资建设的盛虹纤维项目开工。盛虹桥位于城东。"
    draft = extract_article(text, META, Gazetteer())
    shenghong = companies(draft)["江苏盛虹科技股份有限公司"]
    project = next(e for e in draft.entities if e.name == "盛虹纤维项目")
    assert (project.iri, ZKG.investor, shenghong.iri) in {f.triple for f in draft.facts}
    assert "盛虹桥" not in {n for e in draft.entities for n in names_of(e)}


def test_a_bracketed_short_name_is_an_alias():
    text = "陕西重型汽车有限公司（陕汽）智能工厂升级改造项目去年全面建成。陕汽入选国家级智能制造示范工厂。"
    draft = extract_article(text, META, Gazetteer())
    shaanqi = companies(draft)["陕西重型汽车有限公司"]
    assert "陕汽" in names_of(shaanqi)
    assert any(f.subject_iri == shaanqi.iri and f.predicate_iri == ZKG.hasHonor for f in draft.facts)


def test_a_subsidiary_named_after_its_parent_stays_a_company_of_its_own():
    text = "天齐锂业股份有限公司是全球领先的锂产品供应商，其全资子公司天齐锂业（射洪）有限公司去年入选四川省绿色工厂。"
    draft = extract_article(text, META, Gazetteer())
    found = companies(draft)
    parent, child = found["天齐锂业股份有限公司"], found["天齐锂业（射洪）有限公司"]
    triples = {f.triple for f in draft.facts}
    assert (child.iri, ZKG.subsidiaryOf, parent.iri) in triples
    honoured = {f.subject_iri for f in draft.facts if f.predicate_iri == ZKG.hasHonor}
    assert honoured == {child.iri}


def test_the_parent_keeps_its_short_name_when_a_subsidiary_opens_with_it():
    text = (
        "天齐锂业股份有限公司与滨湖高新区签约共建锂电新材料研究院。"
        "天齐锂业是全球领先的锂产品供应商，其全资子公司天齐锂业（射洪）有限公司去年入选四川省绿色工厂。"
    )
    draft = extract_article(text, META, Gazetteer())
    found = companies(draft)
    assert "天齐锂业" in names_of(found["天齐锂业股份有限公司"])
    assert "天齐锂业" not in names_of(found["天齐锂业（射洪）有限公司"])


def test_a_company_said_to_belong_to_a_group_is_its_subsidiary():
    text = (
        "江苏国望高科纤维有限公司投资的差别化纤维智能工厂项目开工。国望高科是盛虹集团旗下企业，去年获评国家级绿色工厂。"
    )
    draft = extract_article(text, META, Gazetteer())
    found = companies(draft)
    child = found["江苏国望高科纤维有限公司"]
    assert "国望高科" in names_of(child)
    assert (child.iri, ZKG.subsidiaryOf, found["盛虹集团"].iri) in {f.triple for f in draft.facts}
