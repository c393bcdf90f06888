"""The attack suite (issue 15): hostile data, failing disks, kills and races, run against the real
`kg` in its own process, each case bounded in seconds by a subprocess timeout.

One test (or one parametrised test) per class of attack:

- kept answers: always those of a --no-cache run; stdin and pipes keyed by content; answers of
  NOW(), RAND() … never kept; an unreadable data file is one line;
- validation: terminates on blank-node cycles, deep nesting, huge literals, skos:broader cycles,
  deep hierarchies; rejects blank quotes and empty files;
- bad values ("lots"^^xsd:decimal): every reader shows the raw text with one warning;
- injection: no formula in CSV cells, no control character on the terminal, no change to a query
  through any parameter, no markup from labels in the page;
- I/O: read-only and full filesystems, /dev/full behind stdout, non-UTF-8 query files, too deep
  JSON-LD, --timeout nan, symlinked --out, temporary files left by SIGKILL, atomic writes under
  SIGKILL, concurrent commands.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# Every case starts `kg` in processes of its own: not in the fast part.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.trig"
PREFIXES = """@prefix zkg: <https://w3id.org/zonekg/ontology#> .
@prefix id: <https://w3id.org/zonekg/id/> .
@prefix ev: <https://w3id.org/zonekg/evidence/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def kg(
    *args: str,
    cwd: Path,
    timeout: float = 90,
    stdin: str | bytes | None = None,
    stdout: object = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run `python -m kg ARGS` from this checkout in a process of its own; its cache in `cwd`."""
    environment = {**kg_environment(cwd), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd,
        input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        timeout=timeout,
    )


def kg_environment(cwd: Path) -> dict[str, str]:
    """The environment of a kg process: this checkout's code, a cache folder of the test's own."""
    return {**os.environ, "PYTHONPATH": str(ROOT), "KG_CACHE_DIR": str(cwd / "cache")}


def bash(script: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=kg_environment(cwd)
    )


def out(result: subprocess.CompletedProcess) -> str:
    return result.stdout.decode("utf-8") if result.stdout is not None else ""


def err(result: subprocess.CompletedProcess) -> str:
    return result.stderr.decode("utf-8")


def assert_one_line(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """Bad input or a failing disk: non-zero exit, one line on stderr naming the culprit, no traceback."""
    lines = [line for line in err(result).splitlines() if line.strip()]
    assert result.returncode != 0, out(result)
    assert len(lines) == 1, err(result)
    assert "Traceback" not in err(result) + out(result)
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def mini_with(tmp_path: Path, old: str, new: str, name: str = "data.trig") -> Path:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# Kept answers


COMMANDS = [
    ("stats",),
    ("stats", "--format", "json"),
    ("chains",),
    ("chain", "新材料"),
    ("chain", "新材料", "--format", "csv"),
    ("show", "示例高分子项目"),
    ("query", "projects-over", "-p", "amount=1", "--format", "json"),
    ("sparql", "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label"),
    ("neighbors", "示例开发区"),
    ("rank",),
]


@pytest.mark.parametrize("edit", [None, ("58.94亿元", "58.94亿元。"), ('"示例市"@zh', '"示例城"@zh')])
def test_kept_answers_always_equal_a_no_cache_run(tmp_path, edit):
    """Property: for several commands, on the data as it is and after an edit in place, the answer
    printed from the cache is byte for byte the one a --no-cache run prints."""
    data = tmp_path / "data.trig"
    shutil.copy(MINI, data)
    for command in COMMANDS:
        kg("--data", str(data), *command, cwd=tmp_path)
    if edit is not None:
        data.write_text(data.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    for command in COMMANDS:
        kept = kg("--data", str(data), *command, cwd=tmp_path)
        fresh = kg("--no-cache", "--data", str(data), *command, cwd=tmp_path)
        assert kept.returncode == fresh.returncode == 0, (command, err(kept), err(fresh))
        assert out(kept) == out(fresh), command


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?s ?b ?v WHERE { ?s zkg:hasIndicator ?b . ?b zkg:metric ?v }",
        "CONSTRUCT { ?s zkg:hasIndicator ?b . ?b ?p ?v . ?s rdfs:seeAlso [ rdfs:label ?v ] } "
        "WHERE { ?s zkg:hasIndicator ?b . ?b ?p ?v }",
    ],
)
def test_answers_with_blank_nodes_are_kept_as_a_fresh_run_prints_them(tmp_path, query):
    """Blank nodes get new labels in every load: an answer names them in order of appearance."""
    first = kg("sparql", query, cwd=tmp_path)
    kept = kg("sparql", query, cwd=tmp_path)
    fresh = kg("--no-cache", "sparql", query, cwd=tmp_path)
    assert first.returncode == 0 and out(first).count("\n") > 5, err(first)
    assert out(first) == out(kept) == out(fresh)


def test_a_query_from_stdin_or_a_pipe_is_keyed_by_its_text(tmp_path):
    for number in (1, 2, 3):
        query = f"SELECT (STR({number}) AS ?n) WHERE {{}}"
        assert "\n" + str(number) in out(
            kg("--data", str(MINI), "sparql", "-f", "/dev/stdin", cwd=tmp_path, stdin=query)
        )
        assert "\n" + str(number) in out(kg("--data", str(MINI), "sparql", "-f", "-", cwd=tmp_path, stdin=query))
    script = f"{sys.executable} -m kg --data {MINI} sparql -f <(echo 'SELECT (STR(7) AS ?n) WHERE {{}}')"
    substituted = bash(script, tmp_path)
    assert "\n7" in substituted.stdout, substituted.stderr


@pytest.mark.parametrize("call", ["NOW()", "RAND()", "UUID()", "STRUUID()", "BNODE()", "now ( )"])
def test_answers_that_cannot_be_repeated_are_never_kept(tmp_path, call):
    cache = tmp_path / "cache"
    result = kg("--data", str(MINI), "sparql", f"SELECT ?x WHERE {{ BIND({call} AS ?x) }}", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert not list(cache.glob("*.json"))
    kg("--data", str(MINI), "sparql", f'SELECT ?x WHERE {{ BIND("{call}" AS ?x) }} # {call}', cwd=tmp_path)
    assert len(list(cache.glob("*.json"))) == 1, "a call inside a string or a comment is not a call"


def test_the_key_is_the_hash_of_the_bytes_parsed(tmp_path):
    """A data file replaced while a command loads it: the graph and the key both come from the
    same bytes, read once, so the answer kept is the answer to the key's data."""
    from kg.cache import data_digest
    from kg.load import DataFile, build_graph, read_data

    data = tmp_path / "data.trig"
    shutil.copy(MINI, data)
    files = read_data(data)
    data.write_text(MINI.read_text(encoding="utf-8").replace("示例市", "另一市"), encoding="utf-8")
    graph = build_graph(files)
    assert "另一市" in {str(o) for o in graph.objects()} and "示例市" not in {str(o) for o in graph.objects()}
    data.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")  # and back, once parsed
    assert data_digest(files) == data_digest(
        [DataFile(data, MINI.read_bytes().replace("示例市".encode(), "另一市".encode()))]
    )
    assert data_digest(files) != data_digest(read_data(data))


def test_an_unreadable_data_file_is_one_line(tmp_path):
    data = tmp_path / "data.trig"
    shutil.copy(MINI, data)
    data.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads anything: drop the capabilities that let it
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        drop = "-dac_override,-dac_read_search"
        prefix = ["setpriv", "--bounding-set", drop, "--inh-caps", drop]
    environment = kg_environment(tmp_path)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "kg", "--data", str(data), "stats"],
        cwd=tmp_path,
        capture_output=True,
        env=environment,
        timeout=60,
    )
    assert_one_line(result, str(data), "Permission denied")


# Validation


def validate(tmp_path: Path, data: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return kg("--data", str(data), "validate", cwd=tmp_path, timeout=timeout)


def problems(result: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in err(result) and "Error" not in err(result), err(result)
    return out(result).splitlines()


def test_a_blank_node_cycle_ends_and_is_a_problem(tmp_path):
    data = write(tmp_path / "cycle.ttl", PREFIXES + "_:a zkg:value _:b . _:b zkg:value _:a .\n")
    result = validate(tmp_path, data, timeout=60)
    assert result.returncode == 1
    assert any("blank nodes contain each other in a circle" in line for line in problems(result))


def test_deeply_nested_blank_nodes_validate_in_seconds(tmp_path):
    chain = "".join(f"_:b{i} zkg:value _:b{i + 1} .\n" for i in range(20_000))
    data = write(tmp_path / "nested.ttl", PREFIXES + "id:x zkg:hasIndicator _:b0 .\n" + chain)
    result = validate(tmp_path, data, timeout=90)
    assert result.returncode == 1 and any(line.startswith("nested.ttl: id:x: ") for line in problems(result))


@pytest.mark.parametrize("size", [200_000, 50_000_000])
def test_a_huge_literal_is_a_named_problem(tmp_path, size):
    data = write(tmp_path / "big.ttl", PREFIXES + 'id:x rdfs:label "' + "a" * size + '"@en .\n')
    result = validate(tmp_path, data, timeout=120)
    assert result.returncode == 1
    expected = (
        f"big.ttl: id:x: rdfs:label: a literal of {size:,} characters"
        if size < 2**24
        else "big.ttl: a literal or IRI too long"
    )
    assert any(line.startswith(expected) for line in problems(result)), out(result)


def test_a_broader_cycle_is_rejected_naming_the_chains(tmp_path):
    data = mini_with(tmp_path, '"New materials"@en .', '"New materials"@en ; skos:broader id:chain-polymer-materials .')
    result = validate(tmp_path, data)
    assert "skos:broader goes round in a circle: 新材料 → 高分子新材料 → 新材料" in out(result)
    assert_one_line(kg("--data", str(data), "chains", cwd=tmp_path), "新材料 → 高分子新材料 → 新材料")
    for report in (("chain", "新材料"), ("zone", "示例开发区"), ("zones",)):
        command = ("--data", str(data), "report", *report, "--format", "html", "--out", "r.html")
        assert_one_line(kg(*command, cwd=tmp_path), "新材料 → 高分子新材料 → 新材料")


def test_a_hierarchy_3000_levels_deep_is_no_recursion_error(tmp_path):
    chains = "".join(
        f'id:c{i} a zkg:IndustryChain ; rdfs:label "链{i}"@zh , "c{i}"@en'
        + (f" ; skos:broader id:c{i - 1}" if i else "")
        + " .\n"
        for i in range(3000)
    )
    data = write(tmp_path / "deep.ttl", PREFIXES + chains)
    assert validate(tmp_path, data).returncode == 0
    tree = kg("--data", str(data), "chains", cwd=tmp_path)
    assert tree.returncode == 0 and out(tree).count("\n") == 3000, err(tree)
    member = kg("--data", str(data), "chain", "链0", cwd=tmp_path)
    assert member.returncode == 0, err(member)
    dossier = kg("--data", str(data), "report", "chain", "链0", "--format", "html", "--out", "r.html", cwd=tmp_path)
    assert dossier.returncode == 0, err(dossier)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'zkg:quote "示例开发区位于示例市。"@zh',
            'zkg:quote "   "@zh',
            "ev:mini-01: zkg:quote: the quote is only whitespace",
        ),
        ('"5894000000"^^xsd:decimal', '"lots"^^xsd:decimal', "zkg:totalInvestment: 'lots' is not a valid xsd:decimal"),
        ("zkg:signedYear 2023", 'zkg:signedYear "twenty"^^xsd:integer', "'twenty' is not a valid xsd:integer"),
    ],
)
def test_blank_quotes_and_ill_typed_values_are_problems(tmp_path, old, new, expected):
    result = validate(tmp_path, mini_with(tmp_path, old, new))
    assert result.returncode == 1 and any(expected in line for line in problems(result)), out(result)


def test_an_empty_data_file_is_a_problem_naming_it(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.trig")
    write(folder / "empty.ttl", "")
    result = validate(tmp_path, folder)
    assert result.returncode == 1 and "data/empty.ttl: no triples: the data file is empty" in out(result)


def test_validation_reports_progress_on_stderr(tmp_path):
    result = validate(tmp_path, MINI)
    assert result.returncode == 0
    assert "kg: validate: read " in err(result) and "kg: validate: checked shapes" in err(result)


# Bad values


@pytest.mark.parametrize(
    "command",
    [
        ("show", "示例高分子项目"),
        ("viz", "--out", "page.html"),
        ("chain", "新材料", "--format", "json"),
        ("query", "projects-over", "-p", "amount=0", "--format", "csv"),
        ("sparql", "SELECT ?o WHERE { ?s zkg:totalInvestment|zkg:signedYear ?o }"),
    ],
)
def test_bad_values_are_shown_as_written_with_one_warning(tmp_path, command):
    data = mini_with(tmp_path, '"5894000000"^^xsd:decimal', '"lots"^^xsd:decimal')
    data.write_text(
        data.read_text(encoding="utf-8").replace("zkg:signedYear 2023", 'zkg:signedYear "twenty"^^xsd:integer'),
        encoding="utf-8",
    )
    for cache in (("--no-cache",), (), ()):  # fresh, then kept and printed from the cache
        result = kg(*cache, "--data", str(data), *command, cwd=tmp_path)
        assert_shown_as_written_with_one_warning(result, command)


def assert_shown_as_written_with_one_warning(result: subprocess.CompletedProcess, command: tuple[str, ...]) -> None:
    assert result.returncode == 0, err(result)
    assert "Traceback" not in err(result) and "rdflib" not in err(result)
    warnings = err(result).splitlines()
    assert all(line.startswith("kg: warning: ") for line in warnings), warnings
    assert len(warnings) == len(set(warnings)), "each value is warned about once"
    if command[0] in ("show", "viz", "sparql"):
        assert any(
            line.startswith("kg: warning: 'lots' is not a valid xsd:decimal: shown as written") for line in warnings
        )
    if command[0] in ("show", "sparql"):
        assert "lots" in out(result)


# Injection


HOSTILE_LABEL = '=HYPERLINK(\\"http://evil\\")\\u001B]0;pwned\\u0007\\u001B[2J\\u202E\\u009B31m'


@pytest.fixture
def hostile(tmp_path) -> Path:
    """The mini data with escape sequences, a bidi override and a formula in labels and a quote."""
    text = MINI.read_text(encoding="utf-8")
    text = text.replace('"示例新材料公司"@zh', f'"{HOSTILE_LABEL}示例新材料公司"@zh')
    text = text.replace('"示例高分子项目"@zh', '"-2+3\\u001B[31m示例高分子项目"@zh')
    text = text.replace('"示例开发区"@zh', '"@SUM(A1)\\u0007示例开发区"@zh')
    return write(tmp_path / "hostile.trig", text)


@pytest.mark.parametrize(
    "command",
    [
        ("query", "chain-members", "-p", "chain=新材料", "--format", "csv"),
        ("chain", "新材料", "--format", "csv"),
        ("sparql", "SELECT ?s ?l WHERE { ?s rdfs:label ?l }", "--format", "csv"),
    ],
)
def test_no_csv_cell_begins_with_a_formula_character(tmp_path, hostile, command):
    import csv
    import io

    result = kg("--no-cache", "--data", str(hostile), *command, cwd=tmp_path)
    assert result.returncode == 0, err(result)
    rows = list(csv.reader(io.StringIO(out(result).lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    assert any("示例新材料公司" in cell for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], rows
    assert not CONTROL.search(out(result).replace("\r\n", "\n"))


@pytest.mark.parametrize("report, name", [(("chain", "新材料"), "示例新材料公司"), (("zones",), "示例开发区")])
def test_no_xlsx_cell_begins_with_a_formula_character(tmp_path, hostile, report, name):
    from openpyxl import load_workbook

    result = kg("--data", str(hostile), "report", *report, "--format", "xlsx", "--out", "r.xlsx", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    cells = [c.value for sheet in load_workbook(tmp_path / "r.xlsx") for row in sheet.iter_rows() for c in row]
    texts = [value for value in cells if isinstance(value, str)]
    assert any(name in text for text in texts)
    assert not [text for text in texts if text[:1] in ("=", "+", "-", "@", "\t", "\r")], texts
    assert not [text for text in texts if CONTROL.search(text.replace("\n", ""))], texts


@pytest.mark.parametrize(
    "command",
    [
        ("show", "示例新材料"),
        ("chain", "新材料"),
        ("chains",),
        ("query", "chain-members", "-p", "chain=新材料"),
        ("sparql", "SELECT ?s ?l WHERE { ?s rdfs:label ?l }"),
        ("neighbors", "示例新材料"),
        ("rank",),
        ("path", "示例新材料", "示例市"),
        ("show", "nobody\x1b[2J\x1b]0;title\x07"),
        ("query", "chain-members", "-p", "chain=\x1b[2Jnowhere"),
    ],
)
def test_no_control_character_from_the_data_reaches_the_terminal(tmp_path, hostile, command):
    result = kg("--no-cache", "--data", str(hostile), *command, cwd=tmp_path)
    assert not CONTROL.search(out(result)), out(result)
    assert not CONTROL.search(err(result)), err(result)


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_json_and_turtle_carry_control_characters_escaped(tmp_path, hostile, fmt):
    construct = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
    for command in (
        ("query", "chain-members", "-p", "chain=新材料", "--format", fmt),
        ("sparql", construct, "--format", fmt),
    ):
        result = kg("--no-cache", "--data", str(hostile), *command, cwd=tmp_path)
        assert result.returncode == 0 and not CONTROL.search(out(result).replace("\n", "")), out(result)
    rows = json.loads(
        out(
            kg(
                "--no-cache",
                "--data",
                str(hostile),
                "query",
                "chain-members",
                "-p",
                "chain=新材料",
                "--format",
                "json",
                cwd=tmp_path,
            )
        )
    )
    assert rows[0]["memberLabel"].startswith('=HYPERLINK("http://evil")\x1b]0;pwned'), "JSON keeps the data"


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("query", "chain-members", "-p", 'chain=x" } ; DROP ALL ; SELECT * { "'), "no"),
        (("query", "projects-over", "-p", "amount=1) } UNION { ?s ?p ?o"), "amount"),
        (("query", "zone-enterprises", "-p", "zone=<http://x> } DELETE WHERE { ?s ?p ?o"), "no"),
        (("chain", "新材料", "--zone", '" } ; DROP ALL #'), "no"),
        (("show", "id:x> ?p ?o } #"), "no"),
    ],
)
def test_no_parameter_changes_a_query(tmp_path, args, fragment):
    result = kg("--data", str(MINI), *args, cwd=tmp_path)
    assert_one_line(result, fragment)
    assert out(kg("--data", str(MINI), "stats", "--format", "json", cwd=tmp_path)).count("zkg:") > 3


def test_hostile_labels_stay_text_in_the_page(tmp_path):
    data = mini_with(
        tmp_path, '"示例新材料公司"@zh', '"</script><script>alert(1)</script><img src=x onerror=alert(2)>"@zh'
    )
    result = kg("--data", str(data), "viz", "--out", "page.html", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "<img src=x" not in page


# I/O


@contextlib.contextmanager
def small_tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A real filesystem of 64 KiB (or read-only) at `folder`; skipped where mount is not allowed."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"{options},size=64k", "tmpfs", str(folder)], capture_output=True, timeout=30
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, timeout=30)


def test_out_on_a_full_filesystem_is_one_line_and_keeps_the_old_file(tmp_path):
    with small_tmpfs(tmp_path / "full", "rw") as full:
        old = full / "out.nq"
        old.write_text("old\n", encoding="utf-8")
        (full / "filler").write_bytes(b"x" * (64 * 1024 - 8192))
        result = kg("--data", str(MINI), "export", "--format", "nquads", "--out", str(old), cwd=tmp_path)
        assert_one_line(result, str(old), "No space left on device")
        assert old.read_text(encoding="utf-8") == "old\n"
        assert sorted(p.name for p in full.iterdir()) == ["filler", "out.nq"], "no temporary file left"


def test_out_on_a_read_only_filesystem_is_one_line(tmp_path):
    with small_tmpfs(tmp_path / "ro", "ro") as read_only:
        for args in (("export", "--format", "nquads"), ("viz",)):
            result = kg("--data", str(MINI), *args, "--out", str(read_only / "x"), cwd=tmp_path)
            assert_one_line(result, str(read_only / "x"), "Read-only file system")


@pytest.mark.parametrize("args", [("stats",), ("export", "--format", "nquads"), ("chain", "新材料", "--format", "csv")])
def test_stdout_on_a_full_disk_is_one_line(tmp_path, args):
    with open("/dev/full", "wb") as full:
        for cache in ((), ("--no-cache",)):
            result = kg(*cache, "--data", str(MINI), *args, cwd=tmp_path, stdout=full)
            assert_one_line(result, "No space left on device")


def test_a_closed_pipe_ends_quietly(tmp_path):
    script = (
        f"{sys.executable} -m kg --no-cache export --format nquads | head -c 10 > /dev/null; exit ${{PIPESTATUS[0]}}"
    )
    result = bash(script, tmp_path)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr


def test_a_query_file_that_is_not_utf8_is_one_line(tmp_path):
    (tmp_path / "q.rq").write_bytes('SELECT ?x WHERE { ?x rdfs:label "新" }'.encode("gb18030"))
    assert_one_line(kg("--data", str(MINI), "sparql", "-f", "q.rq", cwd=tmp_path), "q.rq", "not UTF-8")
    assert_one_line(kg("--data", str(MINI), "sparql", "-f", "missing.rq", cwd=tmp_path), "missing.rq")


def test_deeply_nested_blank_nodes_in_json_ld_are_one_line(tmp_path):
    """JSON-LD nests what blank nodes nest (rdflib's serialiser recurses): the export is whole
    JSON or one line, for 20,000 levels as for `kg validate`."""
    chain = "".join(f"_:b{i} zkg:value _:b{i + 1} .\n" for i in range(20_000))
    data = write(tmp_path / "nested.trig", PREFIXES + "ev:x { id:x zkg:hasIndicator _:b0 .\n" + chain + "}\n")
    result = kg("--data", str(data), "export", "--format", "jsonld", cwd=tmp_path, timeout=120)
    if result.returncode == 0:
        assert json.loads(out(result))["@graph"] and not err(result)
    else:
        assert_one_line(result, "nests too deeply")


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0"])
def test_a_timeout_that_is_no_finite_positive_number_is_one_line(tmp_path, value):
    result = kg("--data", str(MINI), "push", "--store", "http://127.0.0.1:9/store", "--timeout", value, cwd=tmp_path)
    assert_one_line(result, "--timeout")


def test_usage_errors_are_one_line(tmp_path):
    assert_one_line(kg("chain", "x", "--format", "xml", cwd=tmp_path), "--format", "kg chain --help")
    assert_one_line(kg("--engine", "nope", "stats", cwd=tmp_path), "--engine")


def test_out_through_a_symlink_keeps_the_link_and_the_mode(tmp_path):
    target = tmp_path / "real.nq"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.nq"
    link.symlink_to(target.name)
    result = kg("--data", str(MINI), "export", "--format", "nquads", "--out", str(link), cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert link.is_symlink() and os.readlink(link) == target.name
    assert (target.stat().st_mode & 0o777) == 0o600
    assert "<https://w3id.org/zonekg/id/example-zone>" in target.read_text(encoding="utf-8")


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=30)
    return process.pid


def test_temporary_files_left_by_a_killed_run_are_removed_on_the_next_write(tmp_path):
    stale = tmp_path / f".out.nq.kg-{dead_pid()}-abc123.tmp"
    stale.write_bytes(b"half")
    running = tmp_path / f".out.nq.kg-{os.getpid()}-def456.tmp"
    running.write_bytes(b"being written")
    foreign = tmp_path / ".out.nq.12345.tmp"
    foreign.write_bytes(b"not ours")
    result = kg("--data", str(MINI), "export", "--format", "nquads", "--out", "out.nq", cwd=tmp_path)
    assert result.returncode == 0, err(result)
    assert not stale.exists() and running.exists() and foreign.exists()


def test_sigkill_mid_write_leaves_the_old_file_whole_and_the_next_write_cleans_up(tmp_path):
    data = tmp_path / "synth.nq"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "synth.py"), "--triples", "100000", "--out", str(data)],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    target = tmp_path / "out.nq"
    target.write_text("old\n", encoding="utf-8")
    environment = kg_environment(tmp_path)
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5):
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "--data", str(data), "export", "--format", "nquads", "--out", str(target)],
            cwd=tmp_path,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        content = target.read_bytes()
        assert content == b"old\n" or (content.endswith(b" .\n") and content.count(b"\n") > 100_000)
    result = kg("--data", str(MINI), "export", "--format", "nquads", "--out", str(target), cwd=tmp_path)
    assert result.returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_concurrent_commands_print_the_same_and_keep_whole_entries(tmp_path):
    environment = kg_environment(tmp_path)
    commands = [[sys.executable, "-m", "kg", "--data", str(MINI), "chain", "新材料", "--format", "json"]] * 6
    processes = [
        subprocess.Popen(c, cwd=tmp_path, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for c in commands
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes), [e for _, e in outputs]
    assert len({o for o, _ in outputs}) == 1
    for entry in (tmp_path / "cache").glob("*.json"):
        json.loads(entry.read_text(encoding="utf-8"))
    assert not list((tmp_path / "cache").glob(".*.tmp"))
