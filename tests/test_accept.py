"""kg accept: the kept rows of a reviewed workbook become data that validates, or nothing is written."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import BadValue, DataFileError
from kg.extract.accept import accept
from kg.namespaces import EV, ID, ZKG
from kg.validate import validate
from tests.conftest import assert_one_line_error, run


def edit(workbook: Path, sheet: str, match: dict[str, str], changes: dict[str, object]) -> None:
    """Change the cells of the rows whose cells equal `match` (by header), as a reviewer would."""
    book = load_workbook(workbook)
    ws = book[sheet]
    headers = [cell.value for cell in ws[1]]
    hit = 0
    for row in ws.iter_rows(min_row=2):
        cells = dict(zip(headers, row, strict=True))
        if all(str(cells[h].value or "") == v for h, v in match.items()):
            hit += 1
            for header, value in changes.items():
                cells[header].value = value
    assert hit, f"no row of {sheet} matches {match}"
    book.save(workbook)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def dataset(folder: Path) -> Dataset:
    ds = Dataset()
    for path in sorted(folder.iterdir()):
        ds.parse(path, format="trig" if path.suffix == ".trig" else "turtle")
    return ds


def test_the_unedited_workbook_gives_data_that_validates(reviewed):
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert result.written, result.problems
    assert result.article_file == reviewed.data / "article.trig"
    assert result.new_entities == [ID["shi-li-ke-ji"]]
    assert (result.facts, result.quotes, result.new_aliases) == (7, 3, 1)
    assert validate(reviewed.data, reviewed.corpus).ok
    ds = dataset(reviewed.data)
    tech = ID["shi-li-ke-ji"]
    assert (tech, ZKG.subsidiaryOf, ID["example-materials"]) in ds.graph(EV["article-03"])
    assert set(ds.objects(tech, RDFS.label)) == {
        Literal("示例科技公司", lang="zh"),
        Literal("Shili Keji (proposal)", lang="en"),
    }
    assert Literal("示例新材料集团", lang="zh") in set(ds.objects(ID["example-materials"], SKOS.altLabel))
    assert not set(ds.subjects(RDF.type, ZKG.FactProposal)) and not set(ds.subjects(RDF.type, ZKG.EntityProposal))


def test_entities_file_keeps_what_it_had(reviewed):
    declared = (
        "@prefix zkg: <https://w3id.org/zonekg/ontology#> .\n@prefix id: <https://w3id.org/zonekg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
        'id:chain-x a zkg:IndustryChain ; rdfs:label "某链"@zh , "Some chain"@en .\n'
    )
    (reviewed.data / "entities.ttl").write_text(declared, encoding="utf-8")
    assert accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus).written
    text = (reviewed.data / "entities.ttl").read_text(encoding="utf-8")
    assert text.startswith(declared)
    assert text.count("@prefix zkg:") == 1 and "@prefix skos:" in text
    assert "# article (kg accept)" in text


def test_rows_not_kept_are_left_out(reviewed):
    edit(reviewed.workbook, "facts", {"rule 规则": "status"}, {"keep? 保留": "no"})
    edit(reviewed.workbook, "facts", {"rule 规则": "located-in", "subject 主语": "示例开发区"}, {"keep? 保留": "否"})
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert result.written, result.problems
    ds = dataset(reviewed.data)
    polymer = ID["project-example-polymer"]
    assert not set(ds.graph(EV["article-01"]).triples((polymer, ZKG.status, None)))
    assert (polymer, ZKG.totalInvestment, None) in ds.graph(EV["article-01"])
    assert (ID["shi-li-ke-ji"], ZKG.locatedIn, ID["example-zone"]) in ds.graph(EV["article-02"])
    assert result.quotes == 2


def test_a_dropped_entity_takes_its_facts_with_it(reviewed):
    edit(reviewed.workbook, "entities", {"name 名称": "示例科技公司"}, {"keep? 保留": "no"})
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert result.written, result.problems
    assert result.new_entities == [] and result.dropped_with_entity == 2
    ds = dataset(reviewed.data)
    assert not set(ds.triples((ID["shi-li-ke-ji"], None, None)))


def test_a_new_entity_no_kept_fact_mentions_is_not_declared(reviewed):
    edit(reviewed.workbook, "facts", {"subject 主语": "示例科技公司"}, {"keep? 保留": "no"})
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert result.written, result.problems
    assert result.new_entities == [] and result.unmentioned == [ID["shi-li-ke-ji"]]
    assert not set(dataset(reviewed.data).triples((ID["shi-li-ke-ji"], None, None)))


def test_a_deleted_row_is_not_kept(reviewed):
    book = load_workbook(reviewed.workbook)
    book["facts"].delete_rows(2)
    book.save(reviewed.workbook)
    assert accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus).facts == 6


def test_the_reviewer_renames_a_new_entity_and_writes_its_label(reviewed):
    edit(
        reviewed.workbook,
        "entities",
        {"name 名称": "示例科技公司"},
        {"IRI": "id:example-tech", "English label 英文名": "Example Tech"},
    )
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert result.written, result.problems
    ds = dataset(reviewed.data)
    tech = ID["example-tech"]
    assert Literal("Example Tech", lang="en") in set(ds.objects(tech, RDFS.label))
    assert (tech, ZKG.subsidiaryOf, ID["example-materials"]) in ds.graph(EV["article-03"])
    assert not set(ds.triples((ID["shi-li-ke-ji"], None, None)))


def test_the_reviewer_merges_a_new_entity_into_a_known_one(reviewed):
    edit(reviewed.workbook, "entities", {"name 名称": "示例科技公司"}, {"IRI": "id:example-materials"})
    edit(reviewed.workbook, "facts", {"rule 规则": "subsidiary"}, {"keep? 保留": "no"})
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert result.written, result.problems
    assert result.new_entities == []
    ds = dataset(reviewed.data)
    assert Literal("示例科技公司", lang="zh") in set(ds.objects(ID["example-materials"], SKOS.altLabel))
    assert (ID["example-materials"], ZKG.locatedIn, ID["example-zone"]) in ds.graph(EV["article-03"])


def test_an_empty_english_label_stops_everything(reviewed):
    before = snapshot(reviewed.data)
    edit(reviewed.workbook, "entities", {"name 名称": "示例科技公司"}, {"English label 英文名": None})
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert not result.written
    assert any("English label of 示例科技公司 is empty" in p.message for p in result.problems)
    assert snapshot(reviewed.data) == before


def test_data_that_does_not_validate_is_not_written(reviewed):
    before = snapshot(reviewed.data)
    (reviewed.corpus / "article.txt").unlink()
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert not result.written
    assert any("src:article has no file in" in p.message for p in result.problems)
    assert not any("kg-accept-" in p.location for p in result.problems)
    assert snapshot(reviewed.data) == before


def test_a_class_clash_is_a_problem(reviewed):
    edit(reviewed.workbook, "entities", {"name 名称": "示例科技公司"}, {"IRI": "id:example-zone"})
    result = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert any("is a zkg:Enterprise but id:example-zone is a zkg:Zone" in p.message for p in result.problems)


def test_an_existing_article_file_is_overwritten_only_when_asked(reviewed):
    (reviewed.data / "article.trig").write_text("# curated by hand\n", encoding="utf-8")
    refused = accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert refused.overwrite_refused and not refused.written
    assert (reviewed.data / "article.trig").read_text(encoding="utf-8") == "# curated by hand\n"
    assert accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus, overwrite=True).written
    assert "ev:article-01" in (reviewed.data / "article.trig").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("sheet", "match", "changes", "error", "fragment"),
    [
        ("facts", {"rule 规则": "status"}, {"keep? 保留": "maybe"}, BadValue, "keep? must be yes or no, not 'maybe'"),
        (
            "entities",
            {"name 名称": "示例科技公司"},
            {"IRI": "id:示例"},
            BadValue,
            "IRI 'id:示例' is not id: followed by a slug",
        ),
        ("facts", {"rule 规则": "status"}, {"key": "ev:x id:y zkg:z id:w"}, DataFileError, "is not in the draft"),
    ],
)
def test_bad_cells_name_the_sheet_and_row(reviewed, sheet, match, changes, error, fragment):
    edit(reviewed.workbook, sheet, match, changes)
    with pytest.raises(error) as raised:
        accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    assert fragment in str(raised.value) and f"sheet '{sheet}' row " in str(raised.value)


def test_cli_accept(runner, reviewed):
    result = run(
        runner, "accept", str(reviewed.workbook), "--data", str(reviewed.data), "--corpus", str(reviewed.corpus)
    )
    assert result.exit_code == 0, result.output
    assert "7 facts in 3 quotes" in result.stderr and "1 new entities" in result.stderr
    again = run(
        runner, "accept", str(reviewed.workbook), "--data", str(reviewed.data), "--corpus", str(reviewed.corpus)
    )
    assert_one_line_error(again, "article.trig: already exists", "--force")


def test_cli_accept_prints_the_problems_and_writes_nothing(runner, reviewed):
    edit(reviewed.workbook, "entities", {"name 名称": "示例科技公司"}, {"English label 英文名": ""})
    result = run(
        runner, "accept", str(reviewed.workbook), "--data", str(reviewed.data), "--corpus", str(reviewed.corpus)
    )
    assert result.exit_code == 1
    assert "English label of 示例科技公司 is empty" in result.stdout
    assert "nothing written" in result.stderr
    assert not (reviewed.data / "article.trig").exists()


def test_cli_accept_without_a_draft_beside_the_workbook(runner, reviewed, tmp_path):
    moved = tmp_path / "elsewhere.xlsx"
    reviewed.workbook.rename(moved)
    result = run(runner, "accept", str(moved), "--data", str(reviewed.data))
    assert_one_line_error(result, "elsewhere.trig: no such draft")
    ok = run(
        runner,
        "accept",
        str(moved),
        "--draft",
        str(reviewed.trig),
        "--data",
        str(reviewed.data),
        "--corpus",
        str(reviewed.corpus),
    )
    assert ok.exit_code == 0, ok.output


def test_uri_of_the_source_is_the_article_stem(reviewed):
    accept(reviewed.workbook, reviewed.data, corpus=reviewed.corpus)
    ds = dataset(reviewed.data)
    assert URIRef("https://w3id.org/zonekg/source/article") in set(ds.subjects(RDF.type, ZKG.Source))


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CURATED = Path(__file__).resolve().parents[1] / "data" / "triples"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus beside the repository")
def test_a_real_article_extracted_reviewed_unedited_and_accepted_validates(runner, tmp_path):
    """Leave 002 out of the curated data, extract it, accept the untouched workbook: the data validates."""
    data = tmp_path / "data"
    data.mkdir()
    for path in CURATED.iterdir():
        if path.suffix in (".ttl", ".trig") and not path.name.startswith("002_"):
            (data / path.name).write_bytes(path.read_bytes())
    draft = tmp_path / "002.draft.trig"
    article = CORPUS / "002_0cc1cbd71ab3e426.txt"
    extracted = run(runner, "--data", str(data), "extract", str(article), "--year", "2024", "--out", str(draft))
    assert extracted.exit_code == 0, extracted.output
    assert draft.with_suffix(".xlsx").is_file()
    checked = run(runner, "--data", str(draft), "validate", "--draft", "--corpus", str(CORPUS))
    assert checked.exit_code == 0, checked.output
    accepted = run(runner, "accept", str(draft.with_suffix(".xlsx")), "--data", str(data), "--corpus", str(CORPUS))
    assert accepted.exit_code == 0, accepted.output
    assert (data / "002_0cc1cbd71ab3e426.trig").is_file()
    report = validate(data, CORPUS)
    assert report.ok, "\n".join(map(str, report.problems))
