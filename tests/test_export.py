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
    assert_isomorphic_datasets(
        without_description(load_graph(path, with_ontology=False)), load_graph(None, with_ontology=False)
    )


def without_description(dataset):
    """The dataset without the VoID/DCAT description an export adds to the default graph."""
    from kg.describe import is_description
    from kg.export import dataset_quads
    from kg.terms import to_rdflib

    for quad in [q for q in dataset_quads(dataset) if is_description(q)]:
        dataset.remove(tuple(to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object, quad.graph_name)))
    return dataset


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_triple_formats_hold_the_merged_facts(curated, fmt):
    from kg.describe import description
    from kg.export import dataset_quads
    from kg.terms import to_rdflib

    merged = Graph().parse(data=export(curated, fmt).decode("utf-8"), format=fmt.replace("ntriples", "nt"))
    expected = rdf11(curated.default_graph)
    for quad in description(q for q in dataset_quads(curated) if isinstance(q.graph_name, ox.DefaultGraph)):
        expected.add(tuple(to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object)))
    assert isomorphic(rdf11(merged), expected)
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
    assert_isomorphic_datasets(
        without_description(load_graph(out, with_ontology=False)), load_graph(mini, with_ontology=False)
    )
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
    keys = [key for _, _, key in read.edges(keys=True)]
    assert len(set(keys)) == len(keys), "edge ids must be unique"
    located = [
        a
        for s, o, a in read.edges(data=True)
        if (s, o) == (node, "https://w3id.org/zonekg/id/platform-shengzhou-new-energy-equipment")
    ]
    assert [a["predicate"] for a in located] == ["https://w3id.org/zonekg/ontology#locatedIn"]
    assert "比亚迪" in located[0]["quote"] and located[0]["source"].startswith("https://w3id.org/zonekg/source/")
    assert located[0]["source_title"]
    assert all(a["predicate"].startswith(("http://", "https://")) for *_, a in read.edges(data=True))
    assert read.nodes[node]["type"] == "Enterprise" and read.nodes[node]["label"] == "比亚迪"
    assert read.nodes[node]["label_en"] == expected.nodes[node]["label_en"]
    assert "比亚迪".encode() in path.read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld", "graphml", "gexf"])
def test_exports_are_byte_identical_across_runs_and_engines(tmp_path, fmt):
    """Each export in a fresh process (new blank node labels, new hash seeds), on both engines."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).parent.parent
    outputs = []
    for run_number, engine in enumerate(["oxigraph", "oxigraph", "rdflib"]):
        out = tmp_path / f"{run_number}.{fmt}"
        env = {**os.environ, "PYTHONHASHSEED": str(run_number + 1)}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "--no-cache",
                "--engine",
                engine,
                "export",
                "--format",
                fmt,
                "--with-ontology",
                "--out",
                str(out),
            ],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def test_export_describes_the_dataset_with_void_and_dcat(curated):
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCAT, DCTERMS, VOID, XSD

    from kg.namespaces import SRC

    graph = Graph().parse(data=export(curated, "turtle").decode("utf-8"), format="turtle")
    dataset = URIRef("https://w3id.org/zonekg/dataset")
    assert (dataset, RDF.type, VOID.Dataset) in graph and (dataset, RDF.type, DCAT.Dataset) in graph
    assert graph.value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert graph.value(dataset, DCTERMS.creator) is not None and graph.value(dataset, DCTERMS.title) is not None
    from importlib.metadata import version

    assert str(graph.value(dataset, URIRef(str(DCAT) + "version"))) == version("zonekg")
    assert graph.value(dataset, DCTERMS.modified) == Literal("2024", datatype=XSD.gYear)
    assert set(graph.objects(dataset, DCTERMS.source)) == set(curated.subjects(RDF.type, ZKG.Source)) and SRC
    creator = graph.value(dataset, DCTERMS.creator)
    described = {t for t in graph if not str(t[0]).startswith(str(dataset)) and t[0] != creator}
    assert int(graph.value(dataset, VOID.triples)) == len(described)
    zones = set(curated.subjects(RDF.type, ZKG.Zone))
    partition = next(
        p for p in graph.objects(dataset, VOID.classPartition) if graph.value(p, VOID["class"]) == ZKG.Zone
    )
    assert int(graph.value(partition, VOID.entities)) == len(zones)
    assert set(graph.objects(dataset, VOID.exampleResource)) & zones
    assert (dataset, VOID.sparqlEndpoint, None) not in graph


def test_export_of_an_export_keeps_one_description(curated, tmp_path):
    first = export(curated, "nquads")
    path = write_atomic(tmp_path / "again.nq", first)
    assert export(load_graph(path, with_ontology=False), "nquads") == first


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_formats_keep_relations_named_by_any_iri(tmp_path, fmt):
    import networkx as nx

    data = tmp_path / "d.ttl"
    data.write_text(
        "@prefix zkg: <https://w3id.org/zonekg/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://example.org/a> a zkg:Enterprise ; rdfs:label "甲"@zh ; <urn:x:rel> <https://example.org/b> .\n'
        '<https://example.org/b> a zkg:Enterprise ; rdfs:label "乙"@zh .\n',
        encoding="utf-8",
    )
    path = write_atomic(tmp_path / f"g.{fmt}", export(load_graph(data), fmt))
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert [a["predicate"] for *_, a in read.edges(data=True)] == ["urn:x:rel"]
