import pytest

from kg.errors import KgError
from kg.graph import edge_rows, neighbors, node_rows, path, rank, to_networkx
from kg.load import load_graph

ID = "https://w3id.org/zonekg/id/"


@pytest.fixture
def graph(mini):
    return to_networkx(load_graph(mini))


def test_nodes_are_entities_with_types_and_labels(graph):
    assert graph.nodes[ID + "example-materials"] == {
        "type": "Enterprise",
        "label_zh": "示例新材料公司",
        "label_en": "Example Materials",
    }
    assert all(n.startswith(ID) for n in graph), "no literals, evidence or sources"
    assert graph.number_of_nodes() == 6


def test_edges_carry_predicates(graph):
    edges = {(u.removeprefix(ID), d["predicate"], v.removeprefix(ID)) for u, v, d in graph.edges(data=True)}
    assert edges == {
        ("example-zone", "zkg:locatedIn", "region-example-city"),
        ("project-example-polymer", "zkg:investor", "example-materials"),
        ("project-example-polymer", "zkg:locatedIn", "example-zone"),
        ("example-materials", "zkg:inChain", "chain-polymer-materials"),
        ("chain-polymer-materials", "skos:broader", "chain-new-materials"),
    }


def test_path_and_neighbors(graph):
    facts = path(graph, ID + "example-materials", ID + "region-example-city")
    assert [(f.subject.removeprefix(ID), f.predicate) for f in facts] == [
        ("project-example-polymer", "zkg:investor"),
        ("project-example-polymer", "zkg:locatedIn"),
        ("example-zone", "zkg:locatedIn"),
    ]
    near = {n.removeprefix(ID): d for n, d, _ in neighbors(graph, ID + "example-zone", 2)}
    assert near == {"region-example-city": 1, "project-example-polymer": 1, "example-materials": 2}


def test_no_path_is_an_error(graph):
    graph.add_node(ID + "island", type="Zone")
    with pytest.raises(KgError, match="no chain of facts connects"):
        path(graph, ID + "example-zone", ID + "island")


@pytest.mark.parametrize("by", ["degree", "betweenness", "pagerank"])
def test_rank_by_type(graph, by):
    top = rank(graph, by, "Zone", 3)
    assert [n for n, _ in top] == [ID + "example-zone"]


def test_cli_graph_commands(runner):
    from conftest import assert_one_line_error, run

    assert "嵊州经济开发区(高新园区)" in run(runner, "neighbors", "比亚迪", "--depth", "2").output
    assert run(runner, "path", "比亚迪", "BYD").exit_code == 0
    output = run(runner, "path", "中欣氟材", "比亚迪", "--lang", "en").output
    assert "in industrial chain" in output and output.count("\n") >= 2
    assert "杭州湾上虞经济技术开发区" in run(runner, "rank", "--by", "pagerank", "--top", "3").output
    assert_one_line_error(run(runner, "rank", "--type", "Galaxy"), "unknown class 'Galaxy'")
    assert_one_line_error(run(runner, "neighbors", "火星"), "no entity named '火星'")


def test_nodes_and_edges_are_the_same_before_and_after_the_merge():
    dataset = load_graph()
    nodes, edges = node_rows(dataset), edge_rows(dataset)
    assert dataset.deferred_store is not None, "answered on the union of the graphs, the merge not made"
    dataset.complete()
    assert node_rows(dataset) == nodes and edge_rows(dataset) == edges and edges
