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
