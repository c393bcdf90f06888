import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from conftest import assert_isomorphic_datasets, assert_one_line_error, rdf11, run
from kg.errors import KgError
from kg.export import export
from kg.files import write_atomic
from kg.load import load_graph
from kg.namespaces import ZKG

EXTENSIONS = {"turtle": "ttl", "ntriples": "nt", "nquads": "nq", "trig": "trig", "jsonld": "jsonld"}


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_dataset_formats_round_trip(curated, tmp_path, fmt):
    path = write_atomic(tmp_path / f"out.{EXTENSIONS[fmt]}", export(curated, fmt))
    assert_isomorphic_datasets(load_graph(path, with_ontology=False), load_graph(None, with_ontology=False))


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_triple_formats_hold_the_merged_facts(curated, fmt):
    merged = Graph().parse(data=export(curated, fmt).decode("utf-8"), format=fmt.replace("ntriples", "nt"))
    assert isomorphic(rdf11(merged), rdf11(curated.default_graph))
    assert (ZKG.Zone, RDF.type, None) not in merged


def test_ontology_only_on_request(mini):
    ds = load_graph(mini)
    with_ontology = Graph().parse(data=export(ds, "turtle", with_ontology=True).decode(), format="turtle")
    assert (ZKG.Zone, RDF.type, None) in with_ontology


def test_nquads_has_one_named_graph_per_quote_for_pyoxigraph(curated):
    quads = list(ox.parse(export(curated, "nquads"), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    quotes = set(curated.subjects(RDF.type, ZKG.Evidence))
    assert {g.value for g in graphs} == {str(q) for q in quotes}


def test_unknown_format_is_an_error(mini):
    with pytest.raises(KgError, match="unknown export format"):
        export(load_graph(mini), "xml")


def test_cli_export_writes_atomically_and_keeps_old_file_on_error(runner, tmp_path, mini):
    out = tmp_path / "g.nq"
    result = run(runner, "--data", str(mini), "export", "--format", "nquads", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert_isomorphic_datasets(load_graph(out, with_ontology=False), load_graph(mini, with_ontology=False))
    before = out.read_bytes()
    bad = tmp_path / "bad.trig"
    bad.write_text("@prefix ex: <http://ex/> .\nex:a ex:b", encoding="utf-8")
    result = run(runner, "--data", str(bad), "export", "--format", "nquads", "--out", str(out))
    assert_one_line_error(result, "bad.trig")
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cli_export_bad_options(runner, tmp_path, mini):
    result = run(runner, "--data", str(mini), "export", "--format", "xml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = run(runner, "--data", str(mini), "export", "--format", "trig", "--out", str(tmp_path / "no" / "x.trig"))
    assert_one_line_error(result, "no such folder")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_formats_hold_entities_and_relations_with_labels(curated, tmp_path, fmt):
    import networkx as nx

    from kg.graph import to_networkx

    expected = to_networkx(curated)
    path = write_atomic(tmp_path / f"g.{fmt}", export(curated, fmt))
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(read.nodes) == set(expected.nodes)
    assert read.number_of_edges() == expected.number_of_edges()
    node = "https://w3id.org/zonekg/id/byd"
    assert read.nodes[node]["type"] == "Enterprise" and read.nodes[node]["label"] == "比亚迪"
    assert read.nodes[node]["label_en"] == expected.nodes[node]["label_en"]
    assert "比亚迪".encode() in path.read_bytes()
