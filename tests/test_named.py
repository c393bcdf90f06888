import json

import pytest
from rdflib import Literal

from conftest import assert_one_line_error
from conftest import run as kg
from kg.errors import KgError, MissingParameter
from kg.load import load_graph
from kg.named import named_queries, run_named

REQUIRED = {
    "chain-members",
    "zone-enterprises",
    "projects-over",
    "zone-platforms",
    "institution-cooperation",
    "honours",
    "evidence",
}


def test_named_queries_document_themselves():
    queries = named_queries()
    assert set(queries) >= REQUIRED
    for query in queries.values():
        assert query.summary, query.name
        assert query.text.startswith(f"# {query.name}: "), query.name
        for parameter in query.parameters:
            assert f"?{parameter.name}" in query.text, (query.name, parameter.name)


def test_projects_over_compares_in_yi_as_its_header_says(mini):
    ds = load_graph(mini)
    assert [str(r["project"]).rsplit("/", 1)[1] for r in run_named(ds, "projects-over", {"amount": "58"}).rows] == [
        "project-example-polymer"
    ]
    assert run_named(ds, "projects-over", {"amount": "58.94"}).rows == []
    same = run_named(ds, "projects-over", {"amount": Literal(58)}).rows
    assert same == run_named(ds, "projects-over", {"amount": "58"}).rows


@pytest.mark.parametrize(
    "values, message",
    [
        ({"chain": '新材料" } . DROP ALL { "'}, "no chain named"),
        ({"chain": "新材料\n} UNION { ?member ?p ?o"}, "no chain named"),
        ({"chain": "新材料", "zone": "{ ?x ?y ?z }"}, "no zone named"),
        ({"chain": "新材料", "lang": 'zh") || true || ("'}, "language must be one of"),
    ],
)
def test_hostile_parameters_cannot_change_the_query(curated, values, message):
    with pytest.raises(KgError, match=message):
        run_named(curated, "chain-members", values)


def test_amount_must_be_a_number(curated):
    with pytest.raises(KgError, match="amount must be a number"):
        run_named(curated, "projects-over", {"amount": "50 } #"})


def test_unknown_query_and_parameter(curated):
    with pytest.raises(KgError, match="no named query 'nope'"):
        run_named(curated, "nope")
    with pytest.raises(KgError, match="has no parameter 'colour'"):
        run_named(curated, "honours", {"colour": "red"})
    with pytest.raises(MissingParameter, match="needs a value for its parameter chain"):
        run_named(curated, "chain-members")


def _rows(answer):
    """Rows comparable across engines: blank node identifiers differ by engine, so they are masked."""
    from rdflib import BNode

    return sorted(
        tuple(sorted((k, "_:b" if isinstance(v, BNode) else str(v)) for k, v in row.items())) for row in answer.rows
    )


@pytest.mark.parametrize(
    "name, values",
    [
        ("chain-members", {"chain": "新材料"}),
        ("projects-over", {"amount": "10"}),
        ("honours", {}),
        ("institution-cooperation", {}),
        ("evidence", {"entity": "比亚迪"}),
        ("zone-platforms", {"zone": "嵊州经济开发区"}),
        ("zone-enterprises", {"zone": "杭州湾上虞经开区"}),
    ],
)
def test_engines_give_the_same_rows(curated, name, values):
    other = load_graph(engine="rdflib")
    assert _rows(run_named(curated, name, values)) == _rows(run_named(other, name, values))


def test_cli_query_list_and_run(runner):
    listing = kg(runner, "query", "--list").output
    for name in REQUIRED:
        assert name in listing
    result = kg(runner, "query", "projects-over", "-p", "amount=50", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    rows = json.loads(result.output)
    assert rows and all(r["investment"] > 50e8 for r in rows)
    assert all("projectLabel" in r and r["project"].startswith("https://w3id.org/zonekg/id/") for r in rows)


def test_cli_query_errors(runner):
    assert_one_line_error(kg(runner, "query", "chain-members", "-p", "chain=不存在的链"), "no chain named '不存在的链'")
    assert_one_line_error(kg(runner, "query", "chain-members"), "query chain-members needs -p chain=…")
    assert_one_line_error(kg(runner, "query", "chain-members", "-p", "chain"), "is not key=value")


def test_evidence_shows_figures_and_awards_readably(runner):
    rows = json.loads(kg(runner, "query", "evidence", "-p", "entity=惟精新材料", "--format", "json").stdout)
    assert not any(str(v).startswith("_:") or "genid" in str(v) for r in rows for v in r.values())
    sales = next(r for r in rows if r["metric"] == "销售收入")
    assert (sales["value"], sales["unit"], sales["qualifierLabel"], sales["year"]) == (1400000000, "元", "约", 2023)
    award = next(r for r in rows if r["honourLabel"] and r["year"])
    assert (award["honourLabel"], award["year"]) == ("国家级专精特新“小巨人”企业", 2023)
    table = kg(runner, "query", "evidence", "-p", "entity=惟精新材料").stdout
    assert "_:" not in table and "销售收入" in table


def test_zone_enterprises_gives_their_chains(runner):
    rows = json.loads(kg(runner, "query", "zone-enterprises", "-p", "zone=嵊州经济开发区", "--format", "json").stdout)
    chains = {(r["enterpriseLabel"], r["chainLabel"]) for r in rows}
    assert {("汉科新材料", "新材料"), ("汉科新材料", "新能源装备"), ("比亚迪", "新能源装备")} <= chains
    assert all(r["title"] and r["year"] for r in rows if r["quote"])


# Portability: each .rq as a user of another engine runs it, with a VALUES block of their own.

ID = "https://w3id.org/zonekg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PORTABLE = [
    ("chain-members", {"chain": f"<{ID}chain-new-materials>", "lang": '"en"'}),
    ("chain-members", {"chain": f"<{ID}chain-new-materials>", "zone": f"<{ID}hangzhou-bay-shangyu-etdz>"}),
    ("zone-enterprises", {"zone": f"<{ID}hangzhou-bay-shangyu-etdz>", "lang": '"en"'}),
    ("zone-platforms", {"zone": f"<{ID}shengzhou-edz>", "lang": '"en"'}),
    ("projects-over", {"amount": "50", "lang": '"en"'}),
    ("institution-cooperation", {"lang": '"en"'}),
    ("honours", {"honour": f"<{ID}honor-national-little-giant>", "lang": '"en"'}),
    ("honours", {}),
    ("evidence", {"entity": f"<{ID}byd>", "lang": '"en"'}),
]


def _with_user_values(text: str, values: dict[str, str]) -> str:
    """What a Jena or GraphDB user does after reading the header: a VALUES block first in WHERE."""
    if not values:
        return text
    block = f"VALUES ({' '.join('?' + k for k in values)}) {{ ({' '.join(values.values())}) }}"
    assert text.count("\nWHERE {\n") == 1
    return text.replace("\nWHERE {\n", f"\nWHERE {{\n  {block}\n", 1)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The curated graph as a user gets it: `kg export --format nquads` (no ontology)."""
    from click.testing import CliRunner

    path = tmp_path_factory.mktemp("export") / "zonekg.nq"
    result = kg(CliRunner(), "export", "--format", "nquads", "--out", str(path))
    assert result.exit_code == 0, result.output
    return path


def _json_rows(columns, rows):
    from kg.output.answers import json_value

    return [{c: json_value(row.get(c)) for c in columns} for row in rows]


@pytest.mark.parametrize("name, values", PORTABLE)
def test_named_query_gives_kg_rows_in_kg_order_on_plain_pyoxigraph_and_rdflib(runner, exported, name, values):
    import json

    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.named import named_query
    from kg.terms import to_rdflib

    text = _with_user_values(named_query(name).text, values)
    store = ox.Store()
    store.bulk_load(path=str(exported), format=ox.RdfFormat.N_QUADS)
    solutions = store.query(text)
    columns = [v.value for v in solutions.variables]
    on_oxigraph = [
        {c: (None if t is None else to_rdflib(t)) for c, t in zip(columns, s, strict=True)} for s in solutions
    ]
    dataset = Dataset()
    dataset.parse(str(exported), format="nquads")
    on_rdflib = [dict.fromkeys(columns) | row.asdict() for row in dataset.query(text)]

    parameters = ["-p", "amount=50"] if name == "projects-over" else []
    for key, term in values.items():
        if key not in ("lang", "amount"):
            parameters += ["-p", f"{key}={term.strip('<>')}"]
    lang = ["--lang", "en"] if '"en"' in values.values() else []
    result = kg(runner, "query", name, *parameters, *lang, "--format", "json")
    assert result.exit_code == 0, result.output
    shown = [c for c in columns if c not in named_query(name).parameter_names()]
    from_kg = [{c: row[c] for c in shown} for row in json.loads(result.output)]

    assert from_kg, "the query found nothing: the test would prove nothing"
    assert _json_rows(shown, on_oxigraph) == from_kg
    assert _json_rows(shown, on_rdflib) == from_kg
    if lang:
        labels = [row[c] for row in on_oxigraph for c in shown if c.endswith("Label") and row[c] is not None]
        assert labels and all(label.language == "en" for label in labels)


def test_typed_labels_come_with_every_export(exported):
    import pyoxigraph as ox

    from kg.named import named_query

    store = ox.Store()
    store.bulk_load(path=str(exported), format=ox.RdfFormat.N_QUADS)
    text = _with_user_values(named_query("chain-members").text, {"chain": f"<{ID}chain-new-materials>"})
    assert all(s["typeLabel"] is not None for s in store.query(text))


def test_projects_over_binding_50_counts_projects_over_5_billion_yuan(exported):
    import pyoxigraph as ox

    from kg.named import named_query

    store = ox.Store()
    store.bulk_load(path=str(exported), format=ox.RdfFormat.N_QUADS)
    zkg = "https://w3id.org/zonekg/ontology#"
    projects = {
        q.subject
        for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(zkg + "Project"), ox.DefaultGraph())
    }
    expected = {
        q.subject
        for q in store.quads_for_pattern(None, ox.NamedNode(zkg + "totalInvestment"), None, ox.DefaultGraph())
        if q.subject in projects and float(q.object.value) > 50e8
    }
    text = _with_user_values(named_query("projects-over").text, {"amount": "50"})
    assert {s["project"] for s in store.query(text)} == expected and expected


@pytest.mark.parametrize("path", sorted(named_queries()[n].path for n in REQUIRED))
def test_named_query_parses_alone_in_standard_parsers(path):
    import pyoxigraph as ox
    from rdflib.plugins.sparql import prepareQuery

    text = path.read_text(encoding="utf-8")
    prepareQuery(text)
    assert list(ox.Store().query(text)) == []
