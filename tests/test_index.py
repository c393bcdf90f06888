"""The persisted index (kg/index/): keyed by the data's content, read by several processes at
once, never trusted half-written, and answering every question as the in-memory graph does."""

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run
from kg.errors import DataFileError
from kg.index.build import build_index
from kg.index.dataset import IndexedDataset
from kg.index.folders import index_key, index_root, open_index, open_or_load
from kg.index.layout import MARKER
from kg.load import DataFile, read_data

ENTERPRISE = "瑞华5科技"
FAR_ENTERPRISE = "华海60科技"


@pytest.fixture(scope="module")
def synth(tmp_path_factory) -> Path:
    """A synthetic graph of a few thousand triples: zones, chains, enterprises (scripts/synth.py)."""
    path = tmp_path_factory.mktemp("synth") / "s.nq"
    made = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "synth.py"), "--triples", "3000", "--out", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    return path


@pytest.fixture
def data(tmp_path, synth) -> Path:
    """A copy of the synthetic graph this test may change."""
    copy = tmp_path / "data.nq"
    copy.write_bytes(synth.read_bytes())
    return copy


def kg_process(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def test_a_command_on_indexed_data_opens_the_index(data):
    build_index(read_data(data))
    assert isinstance(open_or_load(read_data(data)), IndexedDataset)
    assert not isinstance(open_or_load(read_data(data), use_index=False), IndexedDataset)
    assert not isinstance(open_or_load(read_data(data), engine="rdflib"), IndexedDataset)


@pytest.mark.parametrize("padding", [0, 2**21], ids=["small", "large, hash remembered"])
def test_a_changed_file_is_never_answered_from_the_old_index(runner, data, padding):
    if padding:  # a file large enough for its hash to be remembered by its stat (kg.digests)
        data.write_bytes(data.read_bytes() + b"# " + b"x" * padding + b"\n")
    settled = time.time() - 60
    os.utime(data, (settled, settled))
    assert run(runner, "--data", str(data), "index").exit_code == 0
    before = run(runner, "--no-cache", "--data", str(data), "show", ENTERPRISE).output
    assert ENTERPRISE in before
    content = data.read_bytes()
    at = content.index(ENTERPRISE.encode()) + len("瑞华".encode())
    flipped = content[:at] + b"7" + content[at + 1 :]  # one byte: 瑞华5科技 becomes 瑞华7科技
    data.write_bytes(flipped)
    os.utime(data, (settled, settled))  # even with its modification time set back
    assert len(flipped) == len(content)
    assert open_index(read_data(data)) is None, "the old index does not serve the changed file"
    assert "no index of this data" in run(runner, "--data", str(data), "index", "--status").output
    after = run(runner, "--no-cache", "--data", str(data), "show", ENTERPRISE)
    assert after.exit_code != 0, "the name is gone from the changed file"
    assert f"no entity named {ENTERPRISE!r}" in after.stderr
    renamed = run(runner, "--no-cache", "--data", str(data), "show", "瑞华7科技")
    assert renamed.exit_code == 0 and "瑞华7科技" in renamed.output


def test_a_file_written_while_it_is_read_is_an_error_not_a_mix(data):
    data.write_bytes(data.read_bytes() + b"# " + b"x" * 2**21 + b"\n")
    settled = time.time() - 60
    os.utime(data, (settled, settled))
    assert read_data(data)[0].sha256, "hashed once, and remembered by the file's stat"
    file = read_data(data)[0]
    assert file.sha256 == hashlib.sha256(data.read_bytes()).digest()
    data.write_bytes(data.read_bytes().replace("瑞华5".encode(), "瑞华7".encode()))  # after the key, before the bytes
    with pytest.raises(DataFileError, match="changed while kg was reading it"):
        _ = file.content


def test_the_index_is_keyed_by_the_bytes_it_was_built_from(data):
    read = read_data(data)
    content = data.read_bytes()
    at = content.index(ENTERPRISE.encode()) + len("瑞华".encode())
    data.write_bytes(content[:at] + b"7" + content[at + 1 :])  # replaced before the command read it
    info = build_index(read)
    assert info.folder.name == index_key([DataFile(data, data.read_bytes())]), "keyed by what was built"
    assert info.folder.name != index_key([DataFile(data, content)])
    opened = open_index(read_data(data))
    assert isinstance(opened, IndexedDataset) and opened.folder == info.folder


def test_two_processes_read_one_index_at_once(data):
    build_index(read_data(data))
    question = ("--no-cache", "--data", str(data), "neighbors", ENTERPRISE, "--depth", "2")
    first, second = kg_process(*question), kg_process(*question)
    answers = [p.communicate(timeout=120) for p in (first, second)]
    assert first.returncode == second.returncode == 0, answers
    assert answers[0][0] == answers[1][0]
    in_memory = kg_process("--no-index", *question).communicate(timeout=120)[0]
    assert answers[0][0] == in_memory


def test_a_half_written_index_is_removed_and_rebuilt(runner, data):
    info = build_index(read_data(data))
    (info.folder / MARKER).unlink()  # as if the build had stopped before its last write
    assert open_index(read_data(data)) is None
    assert not info.folder.exists(), "the unfinished folder is removed, never opened"
    assert run(runner, "--data", str(data), "index").exit_code == 0
    assert isinstance(open_index(read_data(data)), IndexedDataset)


def test_a_marker_that_is_not_whole_is_not_trusted(data):
    info = build_index(read_data(data))
    (info.folder / MARKER).write_text('{"key": ', encoding="utf-8")
    assert open_index(read_data(data)) is None
    assert build_index(read_data(data)).triples == info.triples


def test_leftovers_of_a_stopped_build_are_swept(data):
    key = index_key(read_data(data))
    index_root().mkdir(parents=True)
    leftover = index_root() / f".{key}.abc.building"
    leftover.mkdir()
    (leftover / "store").mkdir()
    build_index(read_data(data))
    assert not leftover.exists()


def test_index_status_and_clear(runner, data):
    status = run(runner, "--data", str(data), "index", "--status")
    assert status.exit_code == 0 and "no index of this data" in status.output
    built = run(runner, "--data", str(data), "index")
    assert built.exit_code == 0 and "triples" in built.output
    status = run(runner, "--data", str(data), "index", "--status")
    assert "MB on disk" in status.output and str(index_root()) in status.output
    assert run(runner, "--data", str(data), "index", "--clear").output.strip() == "removed 1 index(es)"
    assert "no index of this data" in run(runner, "--data", str(data), "index", "--status").output


def test_status_and_clear_together_is_one_line_error(runner, data):
    result = run(runner, "--data", str(data), "index", "--status", "--clear")
    assert result.exit_code != 0
    assert result.stderr.strip().startswith("kg: error:") and "Traceback" not in result.stderr


QUESTIONS = [
    ("chain", "新材料"),
    ("chain", "新材料", "--format", "json"),
    ("query", "zone-enterprises", "-p", "zone=华华0经济开发区"),
    ("sparql", "SELECT ?e ?l WHERE { ?e zkg:locatedIn id:zone-0 ; rdfs:label ?l } ORDER BY ?e ?l"),
    ("show", ENTERPRISE),
    ("neighbors", ENTERPRISE),
    ("neighbors", ENTERPRISE, "--depth", "3"),
    ("path", ENTERPRISE, FAR_ENTERPRISE),
    ("path", ENTERPRISE, "浙江省"),
    ("rank", "--top", "10"),
    ("rank", "--by", "pagerank", "--type", "Enterprise", "--top", "5"),
    ("rank", "--by", "betweenness", "--top", "5"),
    ("stats",),
    ("chains",),
]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: " ".join(q)[:40])
def test_the_index_answers_as_the_graph_in_memory_does(runner, data, question):
    in_memory = run(runner, "--no-cache", "--no-index", "--data", str(data), *question)
    assert in_memory.exit_code == 0, in_memory.stderr
    build_index(read_data(data))
    indexed = run(runner, "--no-cache", "--data", str(data), *question)
    assert indexed.exit_code == 0, indexed.stderr
    assert indexed.output == in_memory.output


@pytest.mark.parametrize(
    "question",
    [("show", "华东"), ("chain", "新材"), ("show", "id:enterprise-99999"), ("path", ENTERPRISE, "no-such-place")],
)
def test_the_index_explains_names_it_does_not_know_as_memory_does(runner, data, question):
    in_memory = run(runner, "--no-cache", "--no-index", "--data", str(data), *question)
    build_index(read_data(data))
    indexed = run(runner, "--no-cache", "--data", str(data), *question)
    assert in_memory.exit_code == indexed.exit_code == 1
    assert indexed.stderr == in_memory.stderr


def test_a_ranking_computed_on_an_index_is_kept_with_it(runner, data):
    build_index(read_data(data))
    first = run(runner, "--no-cache", "--data", str(data), "rank", "--by", "pagerank")
    tables = open_index(read_data(data))
    assert tables is not None
    from kg.index.tables import ranked

    assert ranked(tables.tables, "pagerank")
    again = run(runner, "--no-cache", "--data", str(data), "rank", "--by", "pagerank")
    assert again.output == first.output


@pytest.mark.parametrize(
    "filters",
    [
        ("--chain", "新材料细分0"),
        ("--zone", "华华0经济开发区"),
        ("--around", ENTERPRISE, "--depth", "2"),
        ("--types", "Zone"),
    ],
)
def test_the_page_of_an_index_is_the_page_of_memory(runner, data, tmp_path, filters):
    memory_page, index_page = tmp_path / "memory.html", tmp_path / "index.html"
    memory = run(runner, "--no-index", "--data", str(data), "viz", *filters, "--out", str(memory_page))
    assert memory.exit_code == 0, memory.stderr
    build_index(read_data(data))
    indexed = run(runner, "--data", str(data), "viz", *filters, "--out", str(index_page))
    assert indexed.exit_code == 0, indexed.stderr
    assert index_page.read_bytes() == memory_page.read_bytes()


def test_a_first_command_on_large_data_builds_the_index_in_the_background(data, monkeypatch):
    monkeypatch.setenv("KG_INDEX_MIN_BYTES", "0")
    answer = kg_process("--no-cache", "--data", str(data), "chain", "新材料").communicate(timeout=120)
    assert "新材料" in answer[0]
    deadline = time.monotonic() + 120
    while open_index(read_data(data)) is None:
        assert time.monotonic() < deadline, "the background build finished within two minutes"
        time.sleep(0.5)


@pytest.mark.parametrize(
    "question",
    [
        ("chain", "新材料"),
        ("chain", "新材料", "--format", "json"),
        ("chain", "新材料", "--lang", "en", "--by", "member", "--format", "csv"),
        ("chain", "新材料", "--zone", "华华0经济开发区"),
        ("query", "chain-members", "-p", "chain=新材料"),
        ("chains",),
        ("chains", "--lang", "en"),
        ("stats",),
    ],
    ids=lambda q: " ".join(q)[:40],
)
def test_kept_answers_print_what_memory_prints(runner, data, monkeypatch, question):
    import kg.index.dataset

    monkeypatch.setattr("kg.index.build.KEEP_FROM", 1)
    in_memory = run(runner, "--no-cache", "--no-index", "--data", str(data), *question)
    assert in_memory.exit_code == 0, in_memory.stderr
    build_index(read_data(data))
    found = []
    read = kg.index.dataset.kept_answer
    monkeypatch.setattr(kg.index.dataset, "kept_answer", lambda path, text: found.append(read(path, text)) or found[-1])
    indexed = run(runner, "--no-cache", "--data", str(data), *question)
    assert indexed.exit_code == 0, indexed.stderr
    assert indexed.output == in_memory.output
    assert any(answer is not None and len(answer.rows) > 5 for answer in found), "the answer was read, not queried"


def test_a_kept_answer_reads_back_every_kind_of_term(tmp_path):
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    from kg.index.answers import kept_answer, write_answers
    from kg.sparql import Answer

    terms = [
        URIRef("https://w3id.org/zonekg/id/a"),
        Literal("新材料", lang="zh"),
        Literal("x"),
        None,
        Literal("2024", datatype=XSD.integer),
        Literal("224.4", datatype=XSD.decimal),
        BNode("b1"),
    ]
    answer = Answer("SELECT", ["t", "u"], [{"t": t, "u": terms[0]} for t in terms])
    write_answers(tmp_path / "t.sqlite", {"SELECT ?t ?u {}": answer})
    back = kept_answer(tmp_path / "t.sqlite", "SELECT ?t ?u {}")
    assert back is not None and back.columns == answer.columns
    assert [[(type(c), c) for c in row.values()] for row in back.rows] == [
        [(type(c), c) for c in row.values()] for row in answer.rows
    ]
    assert kept_answer(tmp_path / "t.sqlite", "SELECT ?t ?u { }") is None


def test_a_build_tells_each_step_as_it_is_done(data):
    from kg.index.build import STEPS

    told: list[str] = []
    build_index(read_data(data), told.append)
    assert told == list(STEPS)
    told.clear()
    build_index(read_data(data), told.append)
    assert told == [], "an index already there is not built again"


def test_damaged_side_tables_are_one_line_then_rebuilt(runner, data):
    info = build_index(read_data(data))
    tables = info.folder / "tables.sqlite"
    tables.write_bytes(tables.read_bytes()[:5000])  # cut short, as a full disk or a crash leaves it
    damaged = run(runner, "--no-cache", "--data", str(data), "chain", "新材料")
    assert damaged.exit_code == 1
    assert damaged.stderr.startswith("kg: error: the index in") and "damaged" in damaged.stderr
    assert damaged.stderr.count("\n") == 1 and "Traceback" not in damaged.stderr
    assert open_index(read_data(data)) is None, "never trusted again"
    again = run(runner, "--no-cache", "--data", str(data), "chain", "新材料")
    in_memory = run(runner, "--no-cache", "--no-index", "--data", str(data), "chain", "新材料")
    assert again.exit_code == 0 and again.output == in_memory.output
