from rdflib import URIRef

from kg.labels import label, labels_of, with_labels
from kg.namespaces import ID
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
