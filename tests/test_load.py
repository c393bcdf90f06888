import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from conftest import assert_isomorphic_datasets
from kg.data_files import data_files
from kg.errors import KgError
from kg.load import load_graph
from kg.namespaces import ONTOLOGY_GRAPH, ZKG


def test_curated_data_ships_with_the_package():
    names = [p.name for p in data_files()]
    assert "entities.ttl" in names
    assert len([n for n in names if n.endswith(".trig")]) == 5


def test_facts_are_merged_into_the_default_graph(mini):
    ds = load_graph(mini)
    evidence = ds.graph(URIRef("https://w3id.org/zonekg/evidence/mini-01"))
    fact = next(iter(evidence))
    assert fact in ds.default_graph
    assert (ZKG.Zone, RDF.type, None) not in ds.default_graph, "the ontology stays in its own graph"
    assert len(ds.graph(URIRef(ONTOLOGY_GRAPH))) > 100


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_both_engines_build_the_same_dataset(mini, engine):
    assert_isomorphic_datasets(load_graph(mini, engine=engine), load_graph(mini, engine="oxigraph"))


def test_a_folder_loads_every_rdf_file(tmp_path, mini):
    (tmp_path / "a.trig").write_text(mini.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not RDF", encoding="utf-8")
    assert [p.name for p in data_files(tmp_path)] == ["a.trig"]
    assert_isomorphic_datasets(load_graph(tmp_path), load_graph(mini))


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.trig", None, "no such file or folder"),
        ("data.xml", "<x/>", "unknown RDF format '.xml'"),
        ("bad.trig", "@prefix ex: <http://ex/> .\nex:a ex:b .\n", "bad.trig:2:"),
    ],
)
def test_bad_data_is_a_one_line_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(KgError) as error:
        load_graph(path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_empty_folder_is_an_error(tmp_path):
    with pytest.raises(KgError, match="no RDF files"):
        load_graph(tmp_path)


def test_public_api_names_functions_by_verbs_and_keeps_the_modules():
    import kg.data_files

    assert kg.load_graph is load_graph
    assert kg.data_files.data_files is data_files


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_same_blank_node_label_in_two_files_is_two_nodes(tmp_path, engine):
    (tmp_path / "a.nq").write_text('_:x <http://ex/p> "1" .\n', encoding="utf-8")
    (tmp_path / "b.nq").write_text('_:x <http://ex/p> "2" .\n', encoding="utf-8")
    ds = load_graph(tmp_path, engine=engine, with_ontology=False)
    subjects = set(ds.default_graph.subjects(URIRef("http://ex/p")))
    assert len(subjects) == 2
    assert all(str(s).startswith("https://w3id.org/zonekg/id/") for s in subjects), "stable IRIs, no blank nodes"


def test_facts_with_blank_nodes_are_merged_with_the_same_stable_iris(tmp_path):
    (tmp_path / "d.nq").write_text(
        "<http://ex/a> <http://ex/has> _:b <http://ex/g> .\n"
        '_:b <http://ex/value> "7" <http://ex/g> .\n'
        "<http://ex/a> <http://ex/in> <http://ex/z> _:graph .\n",
        encoding="utf-8",
    )
    ds = load_graph(tmp_path)
    named = ds.graph(URIRef("http://ex/g"))
    node = named.value(URIRef("http://ex/a"), URIRef("http://ex/has"))
    assert isinstance(node, URIRef)
    assert set(named) <= set(ds.default_graph), "every fact of a named graph is in the default graph too"
    assert (URIRef("http://ex/a"), URIRef("http://ex/in"), URIRef("http://ex/z")) in ds.default_graph
    assert_isomorphic_datasets(ds, load_graph(tmp_path, engine="rdflib"))


def test_n_quads_without_blank_nodes_are_laid_out_as_any_data(tmp_path):
    (tmp_path / "d.nq").write_text(
        '<http://ex/a> <http://ex/in> <http://ex/z> <http://ex/g> .\n<http://ex/g> <http://ex/quote> "_: is text" .\n',
        encoding="utf-8",
    )
    (tmp_path / "e.nq").write_text("<http://ex/b> <http://ex/in> <http://ex/z> <http://ex/h> .\n", encoding="utf-8")
    ds = load_graph(tmp_path)
    for subject in ("a", "b"):
        assert (URIRef(f"http://ex/{subject}"), URIRef("http://ex/in"), URIRef("http://ex/z")) in ds.default_graph
    assert_isomorphic_datasets(ds, load_graph(tmp_path, engine="rdflib"))


def test_a_blank_node_fact_quoted_twice_and_stated_plainly_gets_the_iri_rdflib_gives_it(tmp_path):
    (tmp_path / "d.nq").write_text(
        "<http://ex/a> <http://ex/has> _:b <http://ex/q1> .\n"
        "<http://ex/a> <http://ex/has> _:b <http://ex/q2> .\n"
        "<http://ex/a> <http://ex/has> _:b .\n"
        '_:b <http://ex/value> "1" <http://ex/q1> .\n',
        encoding="utf-8",
    )
    assert_isomorphic_datasets(load_graph(tmp_path), load_graph(tmp_path, engine="rdflib"))


def test_an_export_with_the_ontology_loads_back_on_both_engines_alike(tmp_path, mini):
    from kg.export import export

    path = tmp_path / "all.nq"
    path.write_bytes(export(load_graph(mini), "nquads", with_ontology=True))
    loaded = load_graph(path)
    assert loaded.deferred_store is None, "the data has quads in the ontology's graph: laid out at once"
    again = export(loaded, "nquads", with_ontology=True)
    assert again == export(load_graph(path, engine="rdflib"), "nquads", with_ontology=True), "the same stable labels"
    assert again.count(b"_:") > path.read_bytes().count(b"_:"), "the ontology added again, its blank nodes apart"
