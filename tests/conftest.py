from pathlib import Path

import pytest
from click.testing import CliRunner

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
"""The source articles: `shared/` beside the repository, here and in CI."""


BROWSER_FIXTURES = {"browser"}
SERVER_FIXTURES = {"oxigraph", "virtuoso", "server"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that use Chromium `browser` and those that start servers `servers`, so that
    `-m "not browser and not servers"` runs the rest; their fixtures fail (never skip) when
    Chromium or a server is missing."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & SERVER_FIXTURES:
            item.add_marker(pytest.mark.servers)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch) -> Path:
    """Each test keeps command outputs in a folder of its own, never in the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def mini() -> Path:
    """A tiny valid TriG file in the curated format."""
    return DATA / "mini.trig"


@pytest.fixture
def mini_corpus() -> Path:
    return DATA / "corpus"


@pytest.fixture
def broken_copy(tmp_path, mini):
    """A copy of the mini data with one piece of text replaced: the file to validate."""

    def make(old: str, new: str, name: str = "mini.trig") -> Path:
        text = mini.read_text(encoding="utf-8")
        assert old in text, f"fixture text {old!r} not in {mini}"
        path = tmp_path / name
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    return make


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    """Invoke `kg` in process; exceptions other than SystemExit surface as test failures."""
    from kg.cli import cli

    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result


def assert_one_line_error(result, *fragments: str) -> None:
    """The contract for bad input: non-zero exit, one line on stderr naming the culprit, no traceback."""
    assert result.exit_code != 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture(scope="session")
def curated():
    """The curated graph, built once for the session (read-only in tests)."""
    import kg

    return kg.load_graph()


def assert_isomorphic_datasets(a, b) -> None:
    """Two datasets hold the same graphs (by name) with isomorphic content, blank nodes aside."""
    from rdflib.compare import isomorphic

    def graphs(ds):
        return {g.identifier: g for g in ds.graphs() if len(g)}

    ga, gb = graphs(a), graphs(b)
    assert set(ga) == set(gb), set(ga) ^ set(gb)
    for name in ga:
        assert isomorphic(rdf11(ga[name]), rdf11(gb[name])), f"graph {name} differs"


def rdf11(triples):
    """A plain Graph of the triples with RDF 1.1 literal equality: "x" and "x"^^xsd:string are one."""
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    graph = Graph()
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        graph.add((s, p, o))
    return graph


EXAMPLE_ARTICLE = (
    "示例开发区：新材料产业加速集聚\n\n示例开发区位于示例市。2023年，示例新材料公司投资的示例高分子项目签约落户，\n\n"
    "总投资58.94亿元。=示例科技公司落户示例开发区，是示例新材料公司旗下子公司。\n"
)


def example_draft(stem: str = "article", label_en: str | None = "Shili Keji (proposal)", needs_review: bool = True):
    """A small draft of EXAMPLE_ARTICLE against the mini data: three known entities, one new one."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    from kg.extract.model import ArticleMeta, Draft, ProposedEntity, ProposedFact
    from kg.namespaces import ID, ZKG

    def known(iri, name, cls, english, aliases=()):
        return ProposedEntity(name, name, cls, ID[iri], True, aliases, english, False, 1.0, "gazetteer")

    entities = [
        known("example-zone", "示例开发区", ZKG.Zone, "Example Development Zone"),
        known("region-example-city", "示例市", ZKG.Region, "Example City"),
        known(
            "example-materials", "示例新材料公司", ZKG.Enterprise, "Example Materials", ("示例新材料", "示例新材料集团")
        ),
        known("project-example-polymer", "示例高分子项目", ZKG.Project, "Example Polymer Project"),
        ProposedEntity(
            "示例科技公司",
            "示例科技公司",
            ZKG.Enterprise,
            ID["shi-li-ke-ji"],
            False,
            (),
            label_en,
            needs_review,
            0.8,
            "entity-suffix",
        ),
    ]
    first = "示例开发区位于示例市。"
    second = "2023年，示例新材料公司投资的示例高分子项目签约落户，\n\n总投资58.94亿元。"
    third = "=示例科技公司落户示例开发区，是示例新材料公司旗下子公司。"
    starts = {q: EXAMPLE_ARTICLE.index(q) for q in (first, second, third)}

    def fact(s, p, o, quote, rule, **extra):
        return ProposedFact(ID[s], p, o, quote, starts[quote], 0.9, rule, **extra)

    facts = [
        fact("example-zone", ZKG.locatedIn, ID["region-example-city"], first, "located-in"),
        fact("project-example-polymer", ZKG.investor, ID["example-materials"], second, "investor"),
        fact(
            "project-example-polymer",
            ZKG.totalInvestment,
            Literal("5894000000", datatype=XSD.decimal),
            second,
            "investment-amount",
        ),
        fact("project-example-polymer", ZKG.status, ZKG.Signed, second, "status"),
        fact("project-example-polymer", ZKG.signedYear, Literal(2023), second, "status-year"),
        fact("shi-li-ke-ji", ZKG.locatedIn, ID["example-zone"], third, "located-in"),
        fact("shi-li-ke-ji", ZKG.subsidiaryOf, ID["example-materials"], third, "subsidiary"),
    ]
    return Draft(ArticleMeta(stem, "示例开发区：新材料产业加速集聚", 2023, author="甲;乙"), entities, facts)


@pytest.fixture
def reviewed(tmp_path, mini, mini_corpus):
    """A corpus with the example article, a data folder holding the mini data, and the draft and workbook."""
    from types import SimpleNamespace

    from kg.extract.model import write_draft_trig
    from kg.extract.review import write_review

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "mini.txt").write_bytes((mini_corpus / "mini.txt").read_bytes())
    (corpus / "article.txt").write_text(EXAMPLE_ARTICLE, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "mini.trig").write_bytes(mini.read_bytes())
    draft = example_draft()
    trig = write_draft_trig(draft, tmp_path / "article.draft.trig")
    workbook = write_review(draft, tmp_path / "article.draft.xlsx")
    return SimpleNamespace(corpus=corpus, data=data, draft=draft, trig=trig, workbook=workbook)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """The real headless Chromium the pages are tested in (a missing one fails, never skips)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system-packages.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OpenedPage:
    """A page loaded from a file, with every request that tried to leave it (blocked) and every
    script error."""

    def __init__(self, browser, html: str | bytes, folder: Path, ready: str = "body", viewport: dict | None = None):
        path = folder / "page.html"
        path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport=viewport or {"width": 1280, "height": 800})
        self.page.route("**/*", self.guard)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector(ready, timeout=30_000)

    def guard(self, route):
        if route.request.url.split(":", 1)[0] in ("file", "data", "about"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()
