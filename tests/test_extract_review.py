"""The review workbook of a draft, as Excel or WPS shows it (read back with openpyxl)."""

from openpyxl import load_workbook

from kg.extract.review import read_review, review_sheets, write_review
from kg.namespaces import ID
from kg.output.xlsx import workbook_bytes
from tests.conftest import example_draft


def rows(ws) -> list[dict]:
    headers = [cell.value for cell in ws[1]]
    return [dict(zip(headers, (cell.value for cell in row), strict=True)) for row in ws.iter_rows(min_row=2)]


def test_entities_sheet(reviewed):
    ws = load_workbook(reviewed.workbook)["entities"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    headers = [cell.value for cell in ws[1]]
    assert ws.column_dimensions[chr(ord("A") + headers.index("key"))].hidden
    table = {row["name 名称"]: row for row in rows(ws)}
    assert set(table) == {"示例开发区", "示例市", "示例新材料公司", "示例高分子项目", "示例科技公司"}
    new = table["示例科技公司"]
    assert (new["class 类别"], new["in graph? 已有"], new["IRI"]) == ("企业 Enterprise", "no", "id:shi-li-ke-ji")
    assert (new["English label 英文名"], new["label to check? 英文名待审"], new["keep? 保留"]) == (
        "Shili Keji (proposal)",
        "yes",
        "yes",
    )
    assert table["示例新材料公司"]["aliases 别名"] == "示例新材料、示例新材料集团"
    assert (
        table["示例开发区"]["in graph? 已有"] == "yes"
        and table["示例开发区"]["English label 英文名"] == "Example Development Zone"
    )
    assert rows(ws)[0]["in graph? 已有"] == "no"


def test_facts_sheet_reads_in_article_order_with_values_a_reviewer_understands(reviewed):
    facts = rows(load_workbook(reviewed.workbook)["facts"])
    assert len(facts) == 7
    assert [f["evidence 证据"] for f in facts] == ["ev:article-01"] + ["ev:article-02"] * 4 + ["ev:article-03"] * 2
    money = next(f for f in facts if f["rule 规则"] == "investment-amount")
    assert money["object or value 宾语或数值"] == "58.94亿元 (5894000000 元)"
    assert money["property 属性"].endswith("(zkg:totalInvestment)")
    assert money["subject 主语"] == "示例高分子项目" and money["confidence 置信度"] == 0.9
    status = next(f for f in facts if f["rule 规则"] == "status")
    assert status["object or value 宾语或数值"].endswith("Signed")
    assert all(f["keep? 保留"] == "yes" for f in facts)


def test_a_sentence_that_starts_like_a_formula_is_text(reviewed):
    ws = load_workbook(reviewed.workbook)["facts"]
    sentences = [row[0] for row in ws.iter_rows(min_row=2)]
    risky = [cell for cell in sentences if "示例科技公司落户" in cell.value]
    assert risky and all(cell.value.startswith("'=") and cell.data_type == "s" for cell in risky)


def test_the_unedited_workbook_keeps_everything_as_proposed(reviewed):
    review = read_review(reviewed.workbook, reviewed.draft)
    assert all(review.facts.values()) and len(review.facts) == 7
    decision = review.entities[ID["shi-li-ke-ji"]]
    assert decision.keep and decision.iri == ID["shi-li-ke-ji"] and decision.label_en == "Shili Keji (proposal)"


def test_same_draft_same_workbook_bytes(tmp_path):
    assert workbook_bytes(review_sheets(example_draft())) == workbook_bytes(review_sheets(example_draft()))
    a = write_review(example_draft(), tmp_path / "a.xlsx")
    b = write_review(example_draft(), tmp_path / "b.xlsx")
    assert a.read_bytes() == b.read_bytes()
