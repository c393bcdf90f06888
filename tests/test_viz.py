"""The HTML graph: selections, the CLI, and the page itself in a real (headless) Chromium."""

import json
import re
from pathlib import Path

import pytest

import kg
from conftest import OpenedPage, assert_one_line_error, run
from kg.errors import KgError
from kg.graph import to_networkx
from kg.namespaces import ID
from kg.viz import Filters, build_page, select

IMG_ATTACK = "<img src=x onerror=window.__pwned=1>"
SCRIPT_ATTACK = "</script><script>window.__pwned=1</script>"
POLYMER_QUOTE = "2023年，示例新材料公司投资的示例高分子项目签约落户，总投资58.94亿元。"
HOSTILE = f"""
id:hostile-enterprise a zkg:Enterprise ; rdfs:label "{IMG_ATTACK}"@zh , "{SCRIPT_ATTACK}"@en ;
    skos:altLabel "{SCRIPT_ATTACK}"@zh .
src:hostile a zkg:Source ; dcterms:title "{SCRIPT_ATTACK}"@zh .
ev:hostile-01 a zkg:Evidence ; zkg:quote "{IMG_ATTACK}{SCRIPT_ATTACK}"@zh ; prov:wasDerivedFrom src:hostile .
ev:hostile-01 {{ id:hostile-enterprise zkg:locatedIn id:example-zone . }}
"""


def iri(slug: str) -> str:
    return str(ID[slug])


@pytest.fixture(scope="module")
def mini_dataset():
    return kg.load_graph(Path(__file__).parent / "data" / "mini.trig")


@pytest.fixture(scope="module")
def hostile_dataset(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.trig"
    path.write_text(
        (Path(__file__).parent / "data" / "mini.trig").read_text(encoding="utf-8") + HOSTILE, encoding="utf-8"
    )
    return kg.load_graph(path)


def page_json(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="zonekg-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


# Selections


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(zone="示例开发区"), {"example-zone", "project-example-polymer"}),
        (Filters(chain="New materials"), {"chain-new-materials", "chain-polymer-materials", "example-materials"}),
        (Filters(around="示例高分子项目"), {"project-example-polymer", "example-materials", "example-zone"}),
        (
            Filters(around="Example Polymer Project", depth=2),
            {
                "project-example-polymer",
                "example-materials",
                "example-zone",
                "region-example-city",
                "chain-polymer-materials",
            },
        ),
        (
            Filters(types=("enterprise", "zkg:Project")),
            {
                "example-materials",
                "project-example-polymer",
                "example-zone",
                "chain-polymer-materials",
                "chain-new-materials",
            },
        ),
        (
            Filters(chain="新材料", types=("Enterprise",)),
            {"example-materials", "chain-polymer-materials", "chain-new-materials"},
        ),
        (Filters(types=("Region",)), {"region-example-city", "example-zone"}),
        (Filters(zone="示例开发区", around="示例新材料"), {"project-example-polymer"}),
    ],
)
def test_filters_select_and_intersect(mini_dataset, filters, expected):
    selection = select(mini_dataset, filters)
    assert set(selection) == {iri(slug) for slug in expected}
    full = to_networkx(mini_dataset)
    assert sorted(selection.edges(keys=True)) == sorted(full.subgraph(selection).edges(keys=True))


def test_zone_brings_its_members_chains_and_honours():
    dataset = kg.load_graph()
    selection = select(dataset, Filters(zone="杭州湾上虞经开区"))
    full = to_networkx(dataset)
    zone = iri("hangzhou-bay-shangyu-etdz")
    inside = [n for n in selection if full.has_edge(n, zone, "zkg:locatedIn")]
    assert inside and {full.nodes[n]["type"] for n in selection} >= {"Zone", "Enterprise", "IndustryChain", "Honor"}
    assert all(full.nodes[n]["type"] != "Zone" or n == zone for n in selection)


@pytest.mark.parametrize(
    "filters, message",
    [
        (Filters(zone="示例开发"), "no zone named '示例开发'; did you mean 示例开发区"),
        (Filters(chain="示例开发区"), "no chain named '示例开发区'"),
        (Filters(types=("Company",)), "unknown class 'Company'; use one of Zone, Enterprise"),
        (Filters(zone="示例开发区", chain="新材料"), "no entity matches all the filters"),
        (Filters(depth=2), "a depth (2) needs an entity to count the steps from"),
    ],
)
def test_bad_filters_are_clear_errors(mini_dataset, filters, message):
    with pytest.raises(KgError, match=re.escape(message)):
        build_page(mini_dataset, filters)


def test_cli_refuses_a_selection_over_max_nodes(runner, mini):
    result = run(runner, "--data", str(mini), "viz", "--max-nodes", "3")
    assert_one_line_error(result, "6 entities, more than --max-nodes 3", "--zone", "--chain", "--around")


def test_cli_unknown_zone_is_one_line(runner, mini):
    assert_one_line_error(run(runner, "--data", str(mini), "viz", "--zone", "Nowhere"), "no zone named 'Nowhere'")


def test_cli_writes_the_default_page(runner, mini, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "--data", str(mini), "viz", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "wrote build/zonekg.html (6 entities, 5 relations)" in result.stdout
    html = Path("build/zonekg.html").read_bytes().decode("utf-8")
    data = page_json(html)
    assert {n["label"] for n in data["nodes"]} >= {"Example Materials", "Example Development Zone"}
    assert {e["label"] for e in data["edges"]} >= {"located in", "investor"}
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", html, re.I), "the page loads a resource"


def test_hostile_strings_are_escaped_in_the_html(hostile_dataset):
    html = build_page(hostile_dataset).html
    assert IMG_ATTACK not in html and SCRIPT_ATTACK not in html
    card = page_json(html)["entities"][iri("hostile-enterprise")]
    assert card["label"] == IMG_ATTACK
    assert [IMG_ATTACK + SCRIPT_ATTACK, SCRIPT_ATTACK] in [[g["quote"], g["source"]] for g in card["evidence"]]


# In the browser


class Opened(OpenedPage):
    """The graph page, loaded and laid out."""

    def __init__(self, browser, html: str, folder: Path):
        super().__init__(browser, html, folder, ready="body[data-ready=true]")

    def network(self) -> tuple[list[str], list[tuple[str, str, str]]]:
        data = self.page.evaluate("""() => ({
            nodes: window.network.body.data.nodes.getIds(),
            edges: window.network.body.data.edges.get().map(e => [e.from, e.to, e.predicate]),
        })""")
        return sorted(data["nodes"]), sorted(tuple(e) for e in data["edges"])

    def point(self, script: str, arg: str) -> tuple[float, float]:
        """Page coordinates of a canvas point computed by `script` (node centre, edge middle)."""
        box = self.page.locator("#graph").bounding_box()
        xy = self.page.evaluate(
            f"""(id) => {{
            const n = window.network; const p = ({script})(n, id); return n.canvasToDOM(p);
        }}""",
            arg,
        )
        return box["x"] + xy["x"], box["y"] + xy["y"]

    def node_at(self, node: str) -> tuple[float, float]:
        return self.point("(n, id) => n.getPosition(id)", node)

    def edge_middle(self, edge: str) -> tuple[float, float]:
        return self.point("(n, id) => n.body.edges[id].edgeType.getPoint(0.5)", edge)

    def selected(self) -> list[str]:
        return self.page.evaluate("() => window.network.getSelectedNodes()")

    def hidden(self) -> dict[str, bool]:
        return self.page.evaluate(
            "() => Object.fromEntries(window.network.body.data.nodes.get().map(n => [n.id, !!n.hidden]))"
        )

    def clean(self) -> None:
        assert self.outside == [], f"requests left the page: {self.outside}"
        assert self.errors == [], self.errors
        assert self.page.evaluate("() => window.__pwned") is None


def same_network(opened: Opened, graph) -> None:
    nodes, edges = opened.network()
    assert nodes == sorted(graph.nodes)
    assert edges == sorted(graph.edges(keys=True))


def test_mini_page_shows_the_graph_and_why(browser, mini_dataset, tmp_path):
    opened = Opened(browser, build_page(mini_dataset).html, tmp_path)
    same_network(opened, to_networkx(mini_dataset))
    page = opened.page
    edge = page.evaluate("""() => window.network.body.data.edges.get()
        .find(e => e.predicate === 'zkg:investor').id""")
    page.mouse.click(*opened.edge_middle(edge))
    assert page.locator("#panel").is_visible()
    assert page.locator("#panel .quote").all_inner_texts() == [POLYMER_QUOTE]
    assert page.locator("#panel .source").inner_text() == "来源：示例开发区：新材料产业加速集聚"
    assert "投资方" in page.locator("#panel h2 + .kind").inner_text()

    page.mouse.click(*opened.node_at(iri("project-example-polymer")))
    assert page.locator("#panel h2").inner_text() == "示例高分子项目"
    assert "总投资58.94亿元" in page.locator("#panel dl").nth(1).inner_text().replace("\n", "").replace("\t", "")
    opened.clean()


def test_search_finds_aliases_in_either_language(browser, mini_dataset, tmp_path):
    opened = Opened(browser, build_page(mini_dataset).html, tmp_path)
    box = opened.page.locator("#search-box")
    box.fill("示例新材料")
    box.press("Enter")
    assert opened.selected() == [iri("example-materials")]
    assert opened.page.locator("#panel h2").inner_text() == "示例新材料公司"
    box.fill("example  POLYMER")
    assert opened.page.locator("#search-results li").all_inner_texts() == ["示例高分子项目项目"]
    opened.page.locator("#search-results li").click()
    assert opened.selected() == [iri("project-example-polymer")]
    box.fill("nothing like this")
    assert opened.page.locator("#search-results li").all_inner_texts() == ["未找到"]
    opened.clean()


def test_class_checkboxes_hide_and_show_nodes(browser, mini_dataset, tmp_path):
    opened = Opened(browser, build_page(mini_dataset).html, tmp_path)
    chains = {iri("chain-new-materials"), iri("chain-polymer-materials")}
    checkbox = opened.page.locator("input[data-class=IndustryChain]")
    checkbox.uncheck()
    assert {n for n, hidden in opened.hidden().items() if hidden} == chains
    checkbox.check()
    assert not any(opened.hidden().values())
    checkbox.uncheck()
    opened.page.locator("#search-box").fill("Polymer materials")
    opened.page.locator("#search-box").press("Enter")
    assert opened.selected() == [iri("chain-polymer-materials")] and not any(opened.hidden().values())
    opened.clean()


def test_hostile_labels_show_as_text_and_run_nothing(browser, hostile_dataset, tmp_path):
    hostile = iri("hostile-enterprise")
    opened = Opened(browser, build_page(hostile_dataset).html, tmp_path)
    page = opened.page
    page.mouse.move(*opened.node_at(hostile))
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert IMG_ATTACK in tooltip.inner_text() and SCRIPT_ATTACK in tooltip.inner_text()
    page.locator("#search-box").fill(SCRIPT_ATTACK)
    page.locator("#search-box").press("Enter")
    assert opened.selected() == [hostile]
    assert page.locator("#panel h2").inner_text() == IMG_ATTACK
    assert page.locator("#panel .quote").inner_text() == IMG_ATTACK + SCRIPT_ATTACK
    assert page.locator("#panel .source").inner_text() == "来源：" + SCRIPT_ATTACK
    assert page.locator("img").count() == 0
    same_network(opened, to_networkx(hostile_dataset))
    opened.clean()


def test_curated_graph_page_is_complete_and_offline(browser, tmp_path):
    dataset = kg.load_graph()
    opened = Opened(browser, build_page(dataset, lang="en").html, tmp_path)
    same_network(opened, to_networkx(dataset))
    assert opened.page.evaluate("() => window.network.physics.physicsEnabled") is False
    opened.clean()
    zone = build_page(dataset, Filters(zone="Shengzhou Economic Development Zone (High-tech Park)"))
    assert iri("shengzhou-edz") in zone.graph
    opened = Opened(browser, zone.html, tmp_path)
    same_network(opened, zone.graph)
    opened.clean()


# Readability of the whole graph


@pytest.fixture(scope="module")
def curated_page(tmp_path_factory):
    return build_page(kg.load_graph())


def label_boxes(opened: Opened, ids: list[str]) -> list[dict]:
    """Where each label sits on screen, computed here: under the node's box (vis-network's
    bounding box, mapped with canvasToDOM), as wide as the text measured in the label font."""
    return opened.page.evaluate(
        """(ids) => {
        const n = window.network;
        const measure = document.createElement('canvas').getContext('2d');
        measure.font = window.zonekgLabelFont;
        const positions = n.getPositions(ids);
        return ids.map(id => {
            const box = n.getBoundingBox(id);
            const centre = n.canvasToDOM({x: positions[id].x, y: box.bottom});
            const text = n.body.data.nodes.get(id).text;
            const width = measure.measureText(text).width;
            return {id, text, x: centre.x - width / 2, y: centre.y, w: width, h: 13};
        });
    }""",
        ids,
    )


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    ]


def test_whole_graph_labels_do_not_overlap_at_the_default_view(browser, curated_page, tmp_path):
    opened = Opened(browser, curated_page.html, tmp_path)
    shown = opened.page.evaluate("() => window.zonekgLabels")
    zones = [n for n, d in curated_page.graph.nodes(data=True) if d["type"] == "Zone"]
    assert set(zones) <= set(shown), "every zone is labelled at the default view"
    assert len(shown) >= 25
    boxes = label_boxes(opened, shown)
    assert overlapping(boxes) == []
    opened.page.evaluate("() => window.network.moveTo({scale: window.network.getScale() * 3})")
    opened.page.wait_for_timeout(100)
    closer = opened.page.evaluate("() => window.zonekgLabels")
    assert overlapping(label_boxes(opened, closer)) == []
    assert set(closer) - set(shown), "zooming in shows labels that had no room"
    opened.clean()


def test_edge_labels_show_on_hover(browser, mini_dataset, tmp_path):
    opened = Opened(browser, build_page(mini_dataset).html, tmp_path)
    page = opened.page
    edge = page.evaluate("() => window.network.body.data.edges.get().find(e => e.predicate === 'zkg:investor').id")
    size = f"() => window.network.body.edges['{edge}'].options.font.size"
    assert page.evaluate(size) == 0
    page.mouse.move(*opened.edge_middle(edge))
    page.wait_for_function(f"() => ({size})() > 0")
    page.mouse.move(5, 400)
    page.wait_for_function(f"() => ({size})() === 0")
    opened.clean()


def test_search_ranks_as_the_command_line(browser, curated_page, tmp_path):
    from kg.names import rank

    opened = Opened(browser, curated_page.html, tmp_path)
    box = opened.page.locator("#search-box")
    box.fill("NHU")
    box.press("Enter")
    assert opened.selected() == [iri("zhejiang-nhu")]
    assert opened.page.locator("#panel h2").inner_text() == "新和成"
    names = {node: card["search"] for node, card in page_json(curated_page.html)["entities"].items()}
    for typed in ("NHU", "新材", "ETDZ", "杭州湾上虞经开区", "嵊州", "materials", "Ｂｙｄ", "研究院"):
        in_page = opened.page.evaluate("(q) => window.zonekgFind(q)", typed)
        assert in_page == rank(names, typed)[:15], typed
    opened.clean()


def test_panel_makes_room_and_closes_the_hover_card(browser, mini_dataset, tmp_path):
    opened = Opened(browser, build_page(mini_dataset).html, tmp_path)
    page = opened.page
    before = page.locator("#graph").bounding_box()
    node = opened.node_at(iri("project-example-polymer"))
    page.mouse.move(*node)
    page.locator("div.vis-tooltip").wait_for(state="visible")
    page.mouse.click(*node)
    panel = page.locator("#panel").bounding_box()
    after = page.locator("#graph").bounding_box()
    assert after["width"] == pytest.approx(before["width"] - panel["width"], abs=2)
    assert after["x"] + after["width"] <= panel["x"] + 1, "the panel covers the graph"
    canvas = page.evaluate("() => document.querySelector('#graph canvas').getBoundingClientRect().width")
    assert canvas == pytest.approx(after["width"], abs=2)
    assert not page.locator("div.vis-tooltip").is_visible()
    page.locator("#panel-close").click()
    assert page.locator("#graph").bounding_box()["width"] == pytest.approx(before["width"], abs=2)
    opened.clean()


def test_default_page_is_named_after_its_filters(runner, mini, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "--data", str(mini), "viz", "--chain", "新材料", "--types", "enterprise,PROJECT")
    assert result.exit_code == 0, result.output
    assert "wrote build/zonekg-chain-new-materials-enterprise-project.html" in result.stdout
    run(runner, "--data", str(mini), "viz", "--around", "示例新材料公司", "--depth", "2")
    assert sorted(p.name for p in Path("build").iterdir()) == [
        "zonekg-chain-new-materials-enterprise-project.html",
        "zonekg-example-materials-2.html",
    ]
