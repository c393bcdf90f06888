"""Benchmark zonekg against plain rdflib and raw pyoxigraph, from 10k to 1M triples, in one run.

Every measurement is a fresh process (interpreter start and imports included); its wall time
comes from the clock around it and its peak memory from the child's own ru_maxrss (os.wait4).
Linux carries a parent's high-water mark into a forked child, so this process stays small:
it imports only the standard library (matplotlib at the end) and makes the graphs in a child.
The graphs come from scripts/synth.py. Writes the table (Markdown) and a log-log plot of time
against triples.

Example:
    python scripts/bench.py                      # 10k, 100k, 1M → docs/bench.md, docs/bench.png
    python scripts/bench.py --quick --out /tmp/b # tiny sizes, seconds, the table only (no plot)

The plot needs matplotlib: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
CHAIN = "新材料"
CHAIN_IRI = "https://w3id.org/zonekg/id/chain-new-materials"
VIZ_CHAIN = "新材料细分0"
OTHER_CHAIN = "新能源"
ENTERPRISE = "瑞华5科技"
FAR_ENTERPRISE = "华海60科技"
USER_SPARQL = (
    "SELECT ?e ?label WHERE { ?e zkg:locatedIn id:zone-0 ; rdfs:label ?label FILTER (LANG(?label) = 'zh') } "
    "ORDER BY ?label"
)
NO_BACKGROUND = {"KG_INDEX_MIN_BYTES": str(2**62)}
ZONE = "华华0经济开发区"
ZONE_IRI = "https://w3id.org/zonekg/id/zone-0"
RDFLIB_CHAIN_CAP = 1_000_000
RDFLIB_TIMEOUT = 60.0
TIMEOUT = 180.0
FULL_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 3_000)
REPEATS = 5
CHAIN_REPEATS = 3

KG = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"
RAW = """
import sys, pyoxigraph as ox
path, name, iri, key = sys.argv[1:5]
store = ox.Store()
store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
text = open(f"{sys.argv[5]}/kg/queries/{name}.rq", encoding="utf-8").read()
subs = {ox.Variable(key): ox.NamedNode(iri), ox.Variable("lang"): ox.Literal("zh")}
rows = [tuple(s) for s in store.query(text, substitutions=subs, use_default_graph_as_union=True)]
print(len(rows))
"""
RDFLIB = """
import sys
from rdflib import Dataset, Literal, URIRef
path, name, iri, key = sys.argv[1:5]
ds = Dataset(default_union=True)
ds.parse(path, format="nquads")
text = open(f"{sys.argv[5]}/kg/queries/{name}.rq", encoding="utf-8").read()
rows = list(ds.query(text, initBindings={key: URIRef(iri), "lang": Literal("zh")}))
print(len(rows))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str
    timed_out: bool = False


def _peak(usage) -> float:
    return usage.ru_maxrss / 1024 if usage is not None else float("nan")


class Child(subprocess.Popen):
    """A Popen that reaps its child with wait4, keeping the child's own resource usage."""

    usage = None

    def _try_wait(self, wait_flags):
        pid, status, self.usage = os.wait4(self.pid, wait_flags)
        return pid, status


def run(args: list[str], env: dict[str, str] | None = None, timeout: float | None = None) -> Run:
    """One fresh process; past `timeout` it is killed and the timeout stands as a lower bound."""
    start = time.perf_counter()
    child = Child(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=HERE.parent)
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return Run(float(timeout), _peak(child.usage), "", timed_out=True)
    seconds = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"bench: {' '.join(args[:6])}… failed: {err.decode(errors='replace').strip()[-500:]}")
    return Run(
        seconds, _peak(child.usage), out.decode("utf-8", errors="replace") + err.decode("utf-8", errors="replace")
    )


def median(runs: list[Run]) -> Run:
    """The run of median time (its own peak memory with it)."""
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def kg(*args: str, env: dict[str, str] | None = None) -> Run:
    return run([PYTHON, "-c", KG, *args], env)


def python(code: str, *args: str, timeout: float | None = None) -> Run:
    return run([PYTHON, "-c", code, *args], timeout=timeout)


@dataclass
class Row:
    size: int
    task: str
    tool: str
    run: Run | None
    note: str = ""


def fresh_copy(path: Path, name: str) -> Path:
    """The file with one comment line more: other bytes, so no index or kept answer serves it."""
    copy = path.with_name(f"{path.stem}-{name}{path.suffix}")
    shutil.copyfile(path, copy)  # by the kernel: this process stays small (see the module's docstring)
    with copy.open("ab") as out:
        out.write(f"# {name}\n".encode())
    return copy


LATER = (
    ("chain, another chain", ("chain", OTHER_CHAIN)),
    ("query zone-enterprises", ("query", "zone-enterprises", "-p", f"zone={ZONE}")),
    ("sparql", ("sparql", USER_SPARQL)),
    ("show", ("show", ENTERPRISE)),
    ("neighbors --depth 2", ("neighbors", ENTERPRISE, "--depth", "2")),
    ("path", ("path", ENTERPRISE, FAR_ENTERPRISE)),
    ("rank --top 10", ("rank", "--top", "10")),
)


def bench_size(
    path: Path, size: int, work: Path, rdflib_cap: int, rdflib_timeout: float, env: dict[str, str]
) -> list[Row]:
    """Every measurement for one graph size: the baselines, a first question on new data, the
    index build, then different questions and the page on the indexed file."""
    data = str(path)
    repo = str(HERE.parent)
    no_background = env | NO_BACKGROUND
    raws, firsts = [], []
    for n in range(CHAIN_REPEATS):  # taken in turns, so that the load of the machine falls on both alike
        raws.append(python(RAW, data, "chain-members", CHAIN_IRI, "chain", repo))
        copy = str(fresh_copy(path, f"first{n}"))
        firsts.append(kg("--no-cache", "--data", copy, "chain", CHAIN, env=no_background))
    raw, first = median(raws), median(firsts)
    rows = [Row(size, "chain 新材料", "pyoxigraph", raw, f"bulk_load + the query, median of {CHAIN_REPEATS}")]
    if size > rdflib_cap:
        rows.append(Row(size, "chain 新材料", "rdflib", None, f"skipped above {rdflib_cap:,} triples"))
    else:
        result = python(RDFLIB, data, "chain-members", CHAIN_IRI, "chain", repo, timeout=rdflib_timeout)
        note = f"stopped after {rdflib_timeout:.0f} s: a lower bound" if result.timed_out else "parse + the query"
        rows.append(Row(size, "chain 新材料", "rdflib", result, note))
    rows.append(
        Row(size, "chain 新材料", "kg, first question on new data", first, f"in memory, median of {CHAIN_REPEATS}")
    )
    indexed = fresh_copy(path, "indexed")
    built = kg("--data", str(indexed), "index", env=env)
    on_disk = built.output.split(" MB on disk", 1)[0].rsplit(" ", 1)[-1]
    rows.append(Row(size, "kg index", "kg", built, f"{on_disk} MB on disk"))
    indexed_data = ("--no-cache", "--data", str(indexed))
    for task, arguments in LATER:
        rows.append(Row(size, task, "kg, indexed", kg(*indexed_data, *arguments, env=env)))
    rows.append(viz_row(size, indexed, work, env))
    rows.append(
        Row(size, "zone-enterprises", "pyoxigraph", python(RAW, data, "zone-enterprises", ZONE_IRI, "zone", repo))
    )
    kg("--data", str(indexed), "chain", CHAIN, env=env)
    rows.append(
        Row(
            size,
            "chain 新材料",
            "kg, same command again",
            kg("--data", str(indexed), "chain", CHAIN, env=env),
            "the answer kept on disk",
        )
    )
    return rows


def viz_row(size: int, data: Path, work: Path, env: dict[str, str]) -> Row:
    arguments = ("--no-cache", "--data", str(data), "viz", "--chain", VIZ_CHAIN, "--max-nodes", "100000")
    result = run([PYTHON, "-c", KG, *arguments, "--out", str(work / "viz.html")], env, timeout=TIMEOUT)
    if result.timed_out:
        return Row(size, "viz --chain", "kg, indexed", result, f"stopped after {TIMEOUT:.0f} s: a lower bound")
    nodes = result.output.split("(", 1)[-1].split(" ", 1)[0]
    return Row(size, "viz --chain", "kg, indexed", result, f"{nodes} entities (chain {VIZ_CHAIN})")


def curated_startup(env: dict[str, str]) -> list[tuple[str, float, float]]:
    """`kg chain 新材料` on the curated graph beside `python -c "import rdflib"`: medians."""
    cases = {
        'python -c "import rdflib"': lambda: python("import rdflib"),
        "kg --no-cache chain 新材料 (curated)": lambda: kg("--no-cache", "chain", CHAIN, env=env),
        "kg chain 新材料 (curated, answer kept)": lambda: kg("chain", CHAIN, env=env),
        "kg --help": lambda: kg("--help", env=env),
    }
    result = []
    for name, call in cases.items():
        runs = [call() for _ in range(REPEATS)]
        result.append((name, statistics.median(r.seconds for r in runs), statistics.median(r.peak_mb for r in runs)))
    return result


TARGETS = {
    ("chain 新材料", "kg, first question on new data"): 1.3,
    ("viz --chain", "kg, indexed"): 0.5,
    ("rank --top 10", "kg, indexed"): 0.3,
} | {(task, "kg, indexed"): 0.15 for task, _ in LATER if task != "rank --top 10"}
MEMORY_TARGET = 1.2


def ratio(a: Run | None, b: Run | None, field: str = "seconds") -> float | None:
    if a is None or b is None:
        return None
    return getattr(a, field) / getattr(b, field)


def find(rows: list[Row], size: int, task: str, tool: str) -> Run | None:
    return next((r.run for r in rows if (r.size, r.task, r.tool) == (size, task, tool)), None)


def verdict(row: Row, raw: Run | None) -> str:
    """'1.12× (target ≤ 1.3×: met)' for the rows with a target."""
    target = TARGETS.get((row.task, row.tool))
    measured = ratio(row.run, raw)
    if target is None or measured is None or row.run is None:
        return ""
    bound = "≥ " if row.run.timed_out else ""
    return f"target ≤ {target}×: {'met' if measured <= target and not row.run.timed_out else 'not met'} ({bound}{measured:.2f}×)"


def markdown(rows: list[Row], startup: list[tuple[str, float, float]], sizes: dict[int, int]) -> str:
    lines = [
        "# zonekg benchmark",
        "",
        f"Written by `python scripts/bench.py` on {platform.node() or 'this machine'} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}). "
        "Every cell is one fresh process: wall time with interpreter start and imports, and that "
        "process's peak resident memory. Graphs from `scripts/synth.py` (N-Quads). "
        "pyoxigraph = `Store().bulk_load` of the file + the `chain-members` SPARQL for 新材料 over the union "
        "of the graphs: the baseline every ratio divides by. rdflib = `Dataset(default_union=True)`, `parse` "
        "+ the same SPARQL. *First question on new data*: `kg --no-cache --data COPY chain 新材料` on a copy "
        "no index or kept answer has seen (answered in memory; a real first command then starts the index "
        "build in the background). *Indexed*: `kg --no-cache --data FILE …` after `kg --data FILE index`: "
        "every command opens the index read-only; none of these questions was asked before.",
        "",
        "| triples | task | tool | seconds | peak MB | ÷ pyoxigraph (time, memory) | target | note |",
        "| ---: | --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        size = sizes[row.size]
        if row.run is None:
            lines.append(f"| {size:,} | {row.task} | {row.tool} | – | – | | | {row.note} |")
            continue
        raw = find(
            rows, row.size, "zone-enterprises" if row.task == "zone-enterprises" else "chain 新材料", "pyoxigraph"
        )
        times, memory = ratio(row.run, raw), ratio(row.run, raw, "peak_mb")
        versus = f"{times:.2f}×, {memory:.2f}×" if row.tool != "pyoxigraph" and times is not None else ""
        seconds = f"≥ {row.run.seconds:.0f}" if row.run.timed_out else f"{row.run.seconds:.2f}"
        lines.append(
            f"| {size:,} | {row.task} | {row.tool} | {seconds} | {row.run.peak_mb:.0f} | {versus} | "
            f"{verdict(row, raw)} | {row.note} |"
        )
    largest = max(sizes)
    first = find(rows, largest, "chain 新材料", "kg, first question on new data")
    raw = find(rows, largest, "chain 新材料", "pyoxigraph")
    memory = ratio(first, raw, "peak_mb")
    if memory is not None:
        met = "met" if memory <= MEMORY_TARGET else "not met"
        lines += [
            "",
            f"Peak memory of the first question at {sizes[largest]:,} triples: {memory:.2f}× raw "
            f"pyoxigraph's (target ≤ {MEMORY_TARGET}×: {met}).",
        ]
    lines += [
        "",
        "Start-up on the curated graph (median of 5 fresh processes):",
        "",
        "| command | seconds | peak MB | ÷ import rdflib |",
        "| --- | ---: | ---: | ---: |",
    ]
    base = startup[0][1]
    for name, seconds, peak in startup:
        lines.append(f"| `{name}` | {seconds:.3f} | {peak:.0f} | {seconds / base:.2f}× |")
    return "\n".join(lines) + "\n"


PLOTTED = (
    ("chain 新材料", "pyoxigraph"),
    ("chain 新材料", "rdflib"),
    ("chain 新材料", "kg, first question on new data"),
    ("kg index", "kg"),
    ("chain, another chain", "kg, indexed"),
    ("show", "kg, indexed"),
    ("neighbors --depth 2", "kg, indexed"),
    ("path", "kg, indexed"),
    ("rank --top 10", "kg, indexed"),
    ("viz --chain", "kg, indexed"),
)


def plot(rows: list[Row], sizes: dict[int, int], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(8, 5.5), dpi=110)
    for task, tool in PLOTTED:
        points = [
            (sizes[r.size], r.run.seconds)
            for r in rows
            if (r.task, r.tool) == (task, tool) and r.run and not r.run.timed_out
        ]
        if points:
            xs, ys = zip(*points, strict=True)
            style = "--" if tool in ("pyoxigraph", "rdflib") else "-"
            axes.plot(xs, ys, style, marker="o", label=f"{task.replace(CHAIN, 'new materials')} — {tool}")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("triples")
    axes.set_ylabel("seconds (fresh process)")
    axes.set_title("zonekg: time against graph size")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(out)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a smoke test in seconds; no plot")
    parser.add_argument("--sizes", help="comma-separated triple counts (default 10000,100000,1000000)")
    parser.add_argument(
        "--out", type=Path, help="folder for bench.md and bench.png (default docs/, or a temp folder with --quick)"
    )
    parser.add_argument(
        "--rdflib-cap",
        type=int,
        default=RDFLIB_CHAIN_CAP,
        help="largest size the rdflib baseline of chain-members runs at (zone-enterprises: 100,000)",
    )
    parser.add_argument(
        "--rdflib-timeout",
        type=float,
        default=RDFLIB_TIMEOUT,
        help="seconds before an rdflib run is stopped (the time then stands as a lower bound)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(QUICK_SIZES if args.quick else FULL_SIZES)
    out = args.out or (Path(tempfile.mkdtemp(prefix="zonekg-bench-")) if args.quick else HERE.parent / "docs")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zonekg-bench-") as tmp:
        work = Path(tmp)
        env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
        rows: list[Row] = []
        actual: dict[int, int] = {}
        for size in sizes:
            path = work / f"synth-{size}.nq"
            made = run([PYTHON, str(HERE / "synth.py"), "--triples", str(size), "--out", str(path)])
            actual[size] = int(made.output.split(": ", 1)[1].split(" ", 1)[0].replace(",", ""))
            print(f"bench: {actual[size]:,} triples", file=sys.stderr, flush=True)
            rows += bench_size(path, size, work, args.rdflib_cap, args.rdflib_timeout, env)
        startup = curated_startup(env)
    table = markdown(rows, startup, actual)
    (out / "bench.md").write_text(table, encoding="utf-8")
    print(table)
    print(f"wrote {out / 'bench.md'}", file=sys.stderr)
    if not args.quick:
        plot(rows, actual, out / "bench.png")
        print(f"wrote {out / 'bench.png'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
