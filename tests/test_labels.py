import pytest
from rdflib import URIRef

from kg.labels import label, labels_of, with_labels
from kg.load import load_graph
from kg.namespaces import ID, ONTOLOGY_GRAPH
from kg.sparql import Answer, run


class CountingEndpoint:
    """An endpoint answering from a local dataset, counting the queries it is sent."""

    def __init__(self, dataset):
        self.dataset, self.queries = dataset, 0

    def query(self, text: str) -> Answer:
        self.queries += 1
        return run(self.dataset, text)


def test_labels_from_an_endpoint_come_in_one_query_and_match_the_local_ones(curated):
    entities = [ID.byd, ID["hangzhou-bay-shangyu-etdz"], URIRef("https://example.org/nothing")]
    endpoint = CountingEndpoint(curated)
    for lang in ("zh", "en"):
        assert labels_of(endpoint, entities, lang) == {e: label(curated, e, lang) for e in entities}
    assert endpoint.queries == 2
    assert str(labels_of(endpoint, [ID.byd])[ID.byd]) == "比亚迪"


def test_with_labels_asks_an_endpoint_once_per_column_of_iris(curated):
    rows = run(curated, "SELECT ?e ?z WHERE { ?e zkg:locatedIn ?z } ORDER BY ?e ?z")
    endpoint = CountingEndpoint(curated)
    remote = with_labels(endpoint, Answer(rows.kind, list(rows.columns), [dict(r) for r in rows.rows]), "en")
    local = with_labels(curated, rows, "en")
    assert (remote.columns, remote.rows) == (local.columns, local.rows) and len(local.rows) > 50
    assert endpoint.queries == 2


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_of_two_labels_in_one_language_the_first_in_code_point_order_is_shown(tmp_path, engine):
    (tmp_path / "d.nq").write_text(
        '<http://ex/a> <http://www.w3.org/2000/01/rdf-schema#label> "甲"@zh <http://ex/q> .\n'
        '<http://ex/a> <http://www.w3.org/2000/01/rdf-schema#label> "丙"@zh .\n'
        '<http://ex/a> <http://www.w3.org/2000/01/rdf-schema#label> "乙"@zh .\n',
        encoding="utf-8",
    )
    dataset = load_graph(tmp_path, engine=engine)
    assert str(label(dataset, URIRef("http://ex/a"))) == "丙", "丙 U+4E19 < 乙 U+4E59 < 甲 U+7532"
    if engine == "oxigraph":
        assert dataset.deferred_store is not None
        dataset.complete()
        assert str(label(dataset, URIRef("http://ex/a"))) == "丙"


def test_an_endpoint_gives_the_code_point_first_label_too(tmp_path):
    (tmp_path / "d.nq").write_text(
        '<http://ex/a> <http://www.w3.org/2000/01/rdf-schema#label> "甲"@zh .\n'
        '<http://ex/a> <http://www.w3.org/2000/01/rdf-schema#label> "丙"@zh .\n',
        encoding="utf-8",
    )
    dataset = load_graph(tmp_path)
    dataset.complete()
    assert str(labels_of(CountingEndpoint(dataset), [URIRef("http://ex/a")])[URIRef("http://ex/a")]) == "丙"


@pytest.mark.parametrize("lang, expected", [("zh", "开发区知识图谱本体"), ("en", "zonekg ontology")])
def test_a_term_labelled_only_in_the_ontology_has_its_label_before_and_after_the_merge(mini, lang, expected):
    dataset = load_graph(mini)
    assert str(label(dataset, URIRef(ONTOLOGY_GRAPH), lang)) == expected
    assert dataset.deferred_store is not None
    dataset.complete()
    assert str(label(dataset, URIRef(ONTOLOGY_GRAPH), lang)) == expected
