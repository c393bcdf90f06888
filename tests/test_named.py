import json

import pytest

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


def test_projects_over_compares_in_yuan(mini):
    ds = load_graph(mini)
    assert [str(r["project"]).rsplit("/", 1)[1] for r in run_named(ds, "projects-over", {"amount": "58"}).rows] == [
        "project-example-polymer"
    ]
    assert run_named(ds, "projects-over", {"amount": "58.94"}).rows == []


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
