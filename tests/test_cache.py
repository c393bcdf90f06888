"""kg.cache through the commands: a second identical command prints the kept output without
loading the data, and any change to the data, the arguments or a query file is a new answer."""

import json
import os

import pytest

import kg.load as loading
from conftest import run as kg
from kg.cache import cache_dir, prune

ADDED = """
id:example-glass a zkg:Enterprise ; rdfs:label "示例玻璃公司"@zh , "Example Glass"@en .
ev:mini-99 a zkg:Evidence ; zkg:quote "示例玻璃公司属于新材料产业。"@zh ; prov:wasDerivedFrom src:mini .
ev:mini-99 { id:example-glass zkg:inChain id:chain-new-materials . }
"""


@pytest.fixture
def data(tmp_path, mini):
    path = tmp_path / "data.trig"
    path.write_text(mini.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def no_loading(monkeypatch):
    """From here on, loading the data fails the test: what is printed comes from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("the data was loaded")

    monkeypatch.setattr(loading, "load_graph", refuse)


def test_the_same_command_on_the_same_data_prints_the_kept_output(runner, data, request):
    first = kg(runner, "--data", str(data), "chain", "新材料")
    assert first.exit_code == 0 and "示例新材料公司" in first.stdout
    assert len(list(cache_dir().glob("*.json"))) == 1
    request.getfixturevalue("no_loading")
    second = kg(runner, "--data", str(data), "chain", "新材料")
    assert second.exit_code == 0 and second.stdout == first.stdout


def test_changed_data_is_a_new_answer(runner, data):
    before = kg(runner, "--data", str(data), "chain", "新材料").stdout
    data.write_text(data.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    after = kg(runner, "--data", str(data), "chain", "新材料").stdout
    assert "示例玻璃公司" not in before and "示例玻璃公司" in after


def test_other_arguments_are_other_answers(runner, data):
    zh = kg(runner, "--data", str(data), "chain", "新材料").stdout
    en = kg(runner, "--data", str(data), "chain", "新材料", "--lang", "en").stdout
    assert "Example Materials" in en and "Example Materials" not in zh
    assert len(list(cache_dir().glob("*.json"))) == 2


def test_an_edited_query_file_is_a_new_answer(runner, data, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?e WHERE { ?e a zkg:Enterprise }", encoding="utf-8")
    enterprises = kg(runner, "--data", str(data), "sparql", "-f", str(query), "--format", "csv").stdout
    query.write_text("SELECT ?e WHERE { ?e a zkg:Project }", encoding="utf-8")
    projects = kg(runner, "--data", str(data), "sparql", "-f", str(query), "--format", "csv").stdout
    assert "example-materials" in enterprises and "project-example-polymer" in projects
    assert "example-materials" not in projects


def test_no_cache_neither_reads_nor_writes(runner, data):
    result = kg(runner, "--no-cache", "--data", str(data), "chain", "新材料")
    assert result.exit_code == 0 and "示例新材料公司" in result.stdout
    assert not list(cache_dir().glob("*"))


def test_a_damaged_entry_is_answered_afresh(runner, data):
    first = kg(runner, "--data", str(data), "chain", "新材料").stdout
    (entry,) = cache_dir().glob("*.json")
    entry.write_text('{"key": "truncated', encoding="utf-8")
    assert kg(runner, "--data", str(data), "chain", "新材料").stdout == first
    assert json.loads(entry.read_text(encoding="utf-8"))["stdout"] == first


def test_errors_are_not_kept(runner, data):
    result = kg(runner, "--data", str(data), "chain", "不存在的链")
    assert result.exit_code == 1 and not list(cache_dir().glob("*.json"))


def test_an_unwritable_cache_warns_and_still_answers(runner, data, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    result = kg(runner, "--data", str(data), "chain", "新材料")
    assert result.exit_code == 0 and "示例新材料公司" in result.stdout
    assert (
        result.stderr.count("\n") == 1 and "cannot keep the answer" in result.stderr and str(blocker) in result.stderr
    )


def test_remote_queries_are_not_kept(runner, data):
    result = kg(runner, "--data", str(data), "query", "honours", "--endpoint", "http://127.0.0.1:9/query")
    assert result.exit_code == 1 and not list(cache_dir().glob("*.json"))


def test_prune_drops_the_least_recently_used(tmp_path):
    for number in range(5):
        path = tmp_path / f"{number}.json"
        path.write_text("x" * 10, encoding="utf-8")
        os.utime(path, (number, number))
    prune(tmp_path, max_entries=3, max_bytes=10**6)
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["2.json", "3.json", "4.json"]
    prune(tmp_path, max_entries=10, max_bytes=25)
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["3.json", "4.json"]
