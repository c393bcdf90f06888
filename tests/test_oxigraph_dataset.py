import subprocess
import sys

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from kg.load import load_graph
from kg.namespaces import ONTOLOGY_GRAPH, ZKG
from kg.oxigraph_dataset import OxigraphDataset
from kg.sparql import KeepsAnswers

ZONE = ox.NamedNode("https://w3id.org/zonekg/id/z")


def a_store() -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ZONE, ox.NamedNode(str(RDFS.label)), ox.Literal("区", language="zh")))
    return store


def test_is_an_rdflib_dataset_of_the_oxigraph_store_once_used():
    dataset = OxigraphDataset(a_store())
    assert isinstance(dataset, Dataset)
    assert list(dataset.objects(URIRef(ZONE.value), RDFS.label)) == [Literal("区", lang="zh")]
    dataset.add((URIRef(ZONE.value), RDFS.label, Literal("zone", lang="en")))
    assert len(dataset.oxigraph) == 2
    rows = dataset.query("SELECT ?name WHERE { ?z rdfs:label ?name } ORDER BY ?name")
    assert [str(row[0]) for row in rows] == ["zone", "区"]


def test_prefixes_before_the_set_up_are_those_after_it():
    dataset = OxigraphDataset(ox.Store())
    before = dict(dataset.namespaces())
    assert before["zkg"] == URIRef(str(ZKG)) and "brick" in before, "the project's prefixes over rdflib's"
    assert len(dataset) == 0
    assert dict(dataset.namespaces()) == before


def test_an_unknown_attribute_is_an_attribute_error_and_sets_nothing_up():
    dataset = OxigraphDataset(ox.Store())
    assert not hasattr(dataset, "kept_answer")
    assert not isinstance(dataset, KeepsAnswers)
    assert "_Graph__store" not in vars(dataset), "not set up by a question about another attribute"
    assert len(dataset) == 0
    assert "_Graph__store" in vars(dataset)
    assert not hasattr(dataset, "kept_answer"), "asked again once set up"


def test_load_graph_gives_an_oxigraph_dataset_that_library_users_can_walk():
    dataset = load_graph()
    assert isinstance(dataset, OxigraphDataset)
    assert len(list(dataset.quads((None, None, None, None)))) == len(dataset.oxigraph)


def test_a_chain_on_oxigraph_imports_neither_oxrdflib_nor_rdflibs_sparql_engine():
    code = (
        "import sys, contextlib, io; from kg.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    cli.main(['--no-cache', 'chain', '新材料'], standalone_mode=False)\n"
        "assert '新和成' in out.getvalue(), out.getvalue()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('oxrdflib', 'rdflib.plugins.sparql', 'pyparsing'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_a_completion_runs_once_before_the_store_or_the_rdflib_view_is_read():
    done = []
    dataset = OxigraphDataset(a_store(), lambda store: done.append(len(store)))
    assert dataset.deferred_store is not None and not done
    assert list(dataset.objects(URIRef(ZONE.value), RDFS.label)) == [Literal("区", lang="zh")]
    assert done == [1] and dataset.deferred_store is None
    assert len(dataset.oxigraph) == 1 and done == [1]


def test_a_built_graph_waits_for_its_merge_and_ontology_until_read(mini):
    dataset = load_graph(mini)
    deferred = dataset.deferred_store
    assert deferred is not None
    assert next(deferred.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)), None) is None
    assert len(dataset.graph(URIRef(ONTOLOGY_GRAPH))) > 100
    assert dataset.deferred_store is None
