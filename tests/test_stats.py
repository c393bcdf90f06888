from rdflib import RDF

from kg.load import load_graph
from kg.namespaces import ZKG
from kg.stats import stats


def test_both_engines_count_the_same(curated):
    on_oxigraph = stats(curated)
    assert on_oxigraph.as_dict() == stats(load_graph(engine="rdflib")).as_dict()
    assert on_oxigraph.facts > 100 and 0 < on_oxigraph.quoted_facts < on_oxigraph.facts


def test_evidence_and_sources_are_not_facts(curated):
    """What describes a quote or an article (its text, source, title, year) is no fact of the graph:
    the years of indicators and awards count, those of the articles do not."""
    properties = stats(curated).properties
    assert "zkg:quote" not in properties and "prov:wasDerivedFrom" not in properties
    years = [s for s, _, _ in curated.triples((None, ZKG.year, None))]
    of_facts = [s for s in years if (s, RDF.type, ZKG.Source) not in curated]
    assert len(of_facts) < len(years)
    assert properties["zkg:year"][0] == len(of_facts)
