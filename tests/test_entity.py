from rdflib import URIRef

from conftest import assert_one_line_error, run
from kg.entity import entity_card
from kg.labels import label_text
from kg.load import load_graph


def test_card_has_names_type_and_quoted_facts(mini):
    card = entity_card(load_graph(mini), "Example Materials")
    assert card.labels == {"zh": "示例新材料公司", "en": "Example Materials"}
    assert card.alt_labels == ["示例新材料"] and card.types == ["企业"]
    assert {(f.subject, f.predicate, f.object) for f in card.facts} == {
        ("示例高分子项目", "投资方", "示例新材料公司"),
        ("示例新材料公司", "所属产业链", "高分子新材料"),
    }
    assert all(f.quote and f.title == "示例开发区：新材料产业加速集聚" for f in card.facts)


def test_cli_show(runner):
    result = run(runner, "show", "BYD")
    assert result.exit_code == 0
    assert result.output.startswith("比亚迪 / BYD  (企业)  id:byd")
    assert "“" in result.output and "[src:002_0cc1cbd71ab3e426]" in result.output
    assert_one_line_error(run(runner, "show", "<script>"), "no entity named '<script>'")


def test_a_card_is_the_same_before_and_after_the_merge():
    dataset = load_graph()
    card = entity_card(dataset, "杭州湾上虞经开区")
    assert dataset.deferred_store is not None, "answered on the union of the graphs, the merge not made"
    dataset.complete()
    assert entity_card(dataset, "杭州湾上虞经开区") == card and card.facts


def test_of_two_names_in_one_language_a_card_shows_the_one_labels_show(tmp_path):
    (tmp_path / "d.nq").write_text(
        "<http://ex/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/zonekg/ontology#Enterprise> .\n"
        '<http://ex/a> <http://www.w3.org/2000/01/rdf-schema#label> "甲公司"@zh .\n'
        '<http://ex/a> <http://www.w3.org/2000/01/rdf-schema#label> "丙公司"@zh .\n',
        encoding="utf-8",
    )
    dataset = load_graph(tmp_path)
    card = entity_card(dataset, "http://ex/a")
    assert card.labels == {"zh": "丙公司"} == {"zh": label_text(dataset, URIRef("http://ex/a"))}
