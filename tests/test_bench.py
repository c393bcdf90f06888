"""The benchmark's quick mode, and the synthetic graph it measures (scripts/bench.py, scripts/synth.py)."""

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.chain import chain_members
from kg.load import load_graph, rdf_format
from kg.validate import validate

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def script(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPTS / name), *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_synth_is_deterministic_and_sized(tmp_path, suffix):
    a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    for out in (a, b):
        assert script("synth.py", "--triples", "3000", "--out", str(out), cwd=tmp_path).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    written = sum(1 for _ in ox.parse(path=str(a), format=rdf_format(a)))
    assert 2700 <= written <= 3300, f"about the triples asked for, not {written}"


@pytest.mark.slow
def test_synth_passes_the_shapes_and_answers_the_chain_query(tmp_path, monkeypatch):
    out = tmp_path / "s.trig"
    assert script("synth.py", "--triples", "2000", "--out", str(out), cwd=tmp_path).returncode == 0
    monkeypatch.chdir(tmp_path)  # no ../shared/corpus here: the quotes are made up, the shapes are checked
    report = validate(out)
    assert report.ok, report.problems[:5]
    members = chain_members(load_graph(out), "新材料")
    assert members.distinct_members() > 0
    assert all(m.quotes for m in members.members), "every member comes with the quote that puts it in the chain"


def test_synth_rejects_an_unknown_format(tmp_path):
    result = script("synth.py", "--triples", "100", "--out", str(tmp_path / "s.xml"), cwd=tmp_path)
    assert result.returncode == 1
    assert "s.xml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_quick_bench_writes_the_table(tmp_path):
    result = script("bench.py", "--quick", "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    table = (tmp_path / "bench.md").read_text(encoding="utf-8")
    for tool in ("pyoxigraph", "rdflib", "kg, first question on new data"):
        assert f"| chain 新材料 | {tool} |" in table
    assert "| kg index | kg |" in table and "MB on disk" in table
    for task in ("chain, another chain", "show", "neighbors --depth 2", "path", "rank --top 10", "viz --chain"):
        assert f"| {task} | kg, indexed |" in table
    assert "target ≤ 0.15×" in table, "each question with its target, as a ratio against raw pyoxigraph"
