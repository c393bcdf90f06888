import contextlib
import importlib.util
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
"""The source articles: `shared/` beside the repository, here and in CI."""

NAMED = [
    ("chain-members", {"chain": "新材料"}),
    ("chain-members", {"chain": "新材料", "lang": "en"}),
    ("chain-members", {"chain": "新材料", "zone": "杭州湾上虞经开区"}),
    ("zone-enterprises", {"zone": "杭州湾上虞经开区"}),
    ("zone-platforms", {"zone": "杭州湾上虞经开区"}),
    ("projects-over", {"amount": "50"}),
    ("honours", {}),
    ("institution-cooperation", {}),
    ("evidence", {"entity": "杭州湾上虞经开区"}),
]
"""The named queries with values to bind, each answered with rows on the curated graph."""

BROWSER_FIXTURES = {"browser"}
SERVER_FIXTURES = {"oxigraph", "fresh_oxigraph", "virtuoso", "store"}


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


def chromium_launcher():
    """scripts/chromium.py, the launch shared with scripts/screenshot.py (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("chromium", ROOT / "scripts" / "chromium.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def browser():
    """The real headless Chromium the pages are tested in (a missing one fails, never skips)."""
    launcher = chromium_launcher()
    if not launcher.CHROMIUM.exists():
        pytest.fail(f"{launcher.CHROMIUM} is missing: run scripts/system-packages.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launcher.launch(playwright)
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


# Servers on 127.0.0.1 for kg.remote: real Oxigraph and Virtuoso, and small HTTP servers that
# misbehave on purpose. Each is stopped when its tests are done.

STORE_PASSWORD = "dba"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    pytest.fail(f"server at {url} not up within {seconds} s")


@contextlib.contextmanager
def server_process(command: list[str], folder: Path, up_url: str):
    """A server started in `folder` and stopped by its PID, once `up_url` answers."""
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(up_url, process, log)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Store:
    """A triple store under test: its GSP and query URLs, and the user to push as."""

    def __init__(self, kind: str, store: str, query: str, user: str | None):
        self.kind, self.store, self.query, self.user = kind, store, query, user
        self.pushed = False

    def push_args(self, *extra: str) -> list[str]:
        return ["push", "--store", self.store, *(["--user", self.user] if self.user else []), *extra]

    def endpoint(self):
        from kg.remote.endpoint import SparqlEndpoint

        return SparqlEndpoint(self.query)


@contextlib.contextmanager
def oxigraph_store(folder: Path):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.fail("the oxigraph server is missing: pip install '.[test]'")
    port = free_port()
    command = [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"]
    with server_process(command, folder, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"):
        yield Store("oxigraph", f"http://127.0.0.1:{port}/store", f"http://127.0.0.1:{port}/query", None)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    with oxigraph_store(tmp_path_factory.mktemp("oxigraph")) as store:
        yield store


@pytest.fixture
def fresh_oxigraph(tmp_path):
    """An empty Oxigraph of the test's own, for tests that leave other data behind."""
    with oxigraph_store(tmp_path) as store:
        yield store


def virtuoso_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """The packaged virtuoso.ini with its database in `folder` and its ports on 127.0.0.1."""
    moved = {"DatabaseFile", "ErrorLogFile", "LockFile", "TransactionFile", "xa_persistent_file"}
    section, lines = "", []
    for line in Path("/etc/virtuoso-opensource-7/virtuoso.ini").read_text().splitlines():
        header = re.match(r"\s*\[(.+)\]", line)
        section = header.group(1) if header else section
        setting = re.match(r"\s*(\w+)\s*=\s*([^;]*)", line)
        key = setting.group(1) if setting else ""
        if section in ("Database", "TempDatabase") and key in moved:
            line = f"{key} = {folder / Path(setting.group(2).strip()).name}"
        elif key == "ServerPort" and section in ("Parameters", "HTTPServer"):
            line = f"ServerPort = 127.0.0.1:{sql_port if section == 'Parameters' else http_port}"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., {folder}, /usr/share/virtuoso-opensource-7/vad"
        elif key == "ResultSetMaxRows":
            line = "ResultSetMaxRows = 1000000"
        lines.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n")
    return ini


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.fail("virtuoso-t is missing: run scripts/system-packages.sh")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    ini = virtuoso_ini(folder, free_port(), http_port)
    base = f"http://127.0.0.1:{http_port}"
    with server_process([binary, "+foreground", "+configfile", str(ini)], folder, f"{base}/sparql"):
        yield Store("virtuoso", f"{base}/sparql-graph-crud-auth", f"{base}/sparql", "dba")


@pytest.fixture(params=["oxigraph", "virtuoso"])
def store(request, monkeypatch):
    """Each real store in turn, with the password in the environment."""
    monkeypatch.setenv("KG_STORE_PASSWORD", STORE_PASSWORD)
    return request.getfixturevalue(request.param)


@contextlib.contextmanager
def http_server(handler):
    """A small HTTP server on 127.0.0.1 in a thread of this process; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def canonical(dataset) -> set[str]:
    """The dataset's quads with blank nodes canonically relabelled (pyoxigraph's RDF dataset
    canonicalisation: rdflib.compare handles graphs, not blank nodes shared between graphs),
    without the dataset description a push adds (tested on its own)."""
    import pyoxigraph as ox

    from kg.describe import is_description
    from kg.terms import to_ox

    every = (ox.Quad(*(to_ox(t) for t in quad)) for quad in dataset.quads((None, None, None, None)))
    quads = ox.Dataset(q for q in every if not is_description(q))
    quads.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(q) for q in quads}


def same_dataset(a, b) -> bool:
    return canonical(a) == canonical(b)


def comparable_rows(answer) -> list[tuple]:
    """Rows comparable across engines: terms in N-Triples form, blank nodes as `_:`."""
    from rdflib import BNode

    from kg.terms import to_ox

    def cell(value):
        return None if value is None else "_:" if isinstance(value, BNode) else str(to_ox(value))

    return sorted((tuple((c, cell(r.get(c))) for c in answer.columns) for r in answer.rows), key=repr)


def count_table(result) -> list[tuple[int, int]]:
    """(local, remote) from each line of the comparison `kg push` prints."""
    return [(int(m[1]), int(m[2])) for m in re.finditer(r"\s(\d+)\s+(\d+)\s*$", result.stdout, re.M)]


def pushed(runner, store: Store, *extra: str):
    """`kg push --replace` of the curated graph to the store, which must succeed."""
    result = run(runner, *store.push_args("--replace", *extra))
    assert result.exit_code == 0, result.output + result.stderr
    store.pushed = True
    return result
