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
ZONE = "华华0经济开发区"
ZONE_IRI = "https://w3id.org/zonekg/id/zone-0"
RDFLIB_CAP = 100_000
RDFLIB_CHAIN_CAP = 1_000_000
RDFLIB_TIMEOUT = 120.0
VIZ_TIMEOUT = 180.0
FULL_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 3_000)
REPEATS = 5
CHAIN_REPEATS = 3

KG = "import sys; from kg.cli import cli; cli.main(sys.argv[1:], prog_name='kg')"
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
DISK_BUILD = """
import sys, pyoxigraph as ox
store = ox.Store(sys.argv[2])
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
store.optimize()
store.flush()
"""
DISK_QUERY = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
text = open(f"{sys.argv[3]}/kg/queries/chain-members.rq", encoding="utf-8").read()
subs = {ox.Variable("chain"): ox.NamedNode(sys.argv[2]), ox.Variable("lang"): ox.Literal("zh")}
print(len([tuple(s) for s in store.query(text, substitutions=subs)]))
"""
LOAD = "import sys, kg; kg.load_graph(sys.argv[1])"
NETWORKX = "import sys, kg; from kg.graph import to_networkx; to_networkx(kg.load_graph(sys.argv[1]))"


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


def bench_size(
    path: Path, size: int, work: Path, rdflib_cap: int, rdflib_timeout: float, env: dict[str, str]
) -> list[Row]:
    """Every measurement for one graph size."""
    data = str(path)
    repo = str(HERE.parent)
    rows = [Row(size, "load", "zonekg", python(LOAD, data))]
    first, raw = [], []
    for _ in range(CHAIN_REPEATS):
        first.append(kg("--no-cache", "--data", data, "chain", CHAIN, env=env))
        raw.append(python(RAW, data, "chain-members", CHAIN_IRI, "chain", repo))
    rows.append(
        Row(size, "chain-members", "zonekg", median(first), f"median of {CHAIN_REPEATS}, --no-cache: a first run")
    )
    rows.append(Row(size, "chain-members", "pyoxigraph", median(raw), f"median of {CHAIN_REPEATS}"))
    kg("--data", data, "chain", CHAIN, env=env)
    again = median([kg("--data", data, "chain", CHAIN, env=env) for _ in range(CHAIN_REPEATS)])
    rows.append(
        Row(
            size,
            "chain-members",
            "zonekg, same command again",
            again,
            f"median of {CHAIN_REPEATS}; {again.seconds / median(first).seconds:.2f}× the first run: "
            "the answer kept on disk under the data's hash",
        )
    )
    disk = str(work / f"store-{size}")
    rows.append(
        Row(size, "build on-disk store", "pyoxigraph", python(DISK_BUILD, data, disk), "bulk_load + merge + optimize")
    )
    rows.append(
        Row(
            size,
            "chain-members",
            "pyoxigraph on-disk",
            python(DISK_QUERY, disk, CHAIN_IRI, repo),
            "the store built above, opened read-only: what a persisted store would serve",
        )
    )
    rows.append(
        Row(
            size,
            "zone-enterprises",
            "zonekg",
            kg("--no-cache", "--data", data, "query", "zone-enterprises", "-p", f"zone={ZONE}", env=env),
        )
    )
    rows.append(
        Row(size, "zone-enterprises", "pyoxigraph", python(RAW, data, "zone-enterprises", ZONE_IRI, "zone", repo))
    )
    for task, iri, key, cap in (
        ("chain-members", CHAIN_IRI, "chain", rdflib_cap),
        ("zone-enterprises", ZONE_IRI, "zone", RDFLIB_CAP),
    ):
        if size > cap:
            rows.append(Row(size, task, "rdflib", None, f"skipped above {cap:,} triples (minutes)"))
            continue
        result = python(RDFLIB, data, task, iri, key, repo, timeout=rdflib_timeout)
        rows.append(
            Row(
                size,
                task,
                "rdflib",
                result,
                f"stopped after {rdflib_timeout:.0f} s: a lower bound" if result.timed_out else "",
            )
        )
    rows.append(
        Row(
            size,
            "export nquads",
            "zonekg",
            kg("--data", data, "export", "--format", "nquads", "--out", str(work / "export.nq"), env=env),
        )
    )
    rows.append(Row(size, "to_networkx", "zonekg", python(NETWORKX, data)))
    rows.append(viz_row(size, data, work, env))
    return rows


def viz_row(size: int, data: str, work: Path, env: dict[str, str]) -> Row:
    result = run(
        [
            PYTHON,
            "-c",
            KG,
            "--data",
            data,
            "viz",
            "--chain",
            VIZ_CHAIN,
            "--max-nodes",
            "100000",
            "--out",
            str(work / "viz.html"),
        ],
        env,
        timeout=VIZ_TIMEOUT,
    )
    if result.timed_out:
        return Row(
            size, "viz", "zonekg", result, f"stopped after {VIZ_TIMEOUT:.0f} s: a lower bound (chain {VIZ_CHAIN})"
        )
    nodes = result.output.split("(", 1)[-1].split(" ", 1)[0]
    return Row(size, "viz", "zonekg", result, f"{nodes} nodes (chain {VIZ_CHAIN})")


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


def ratio(a: Run | None, b: Run | None, field: str = "seconds") -> str:
    if a is None or b is None:
        return ""
    return f"{'≥ ' if a.timed_out else ''}{getattr(a, field) / getattr(b, field):.2f}×"


def find(rows: list[Row], size: int, task: str, tool: str) -> Run | None:
    return next((r.run for r in rows if (r.size, r.task, r.tool) == (size, task, tool)), None)


def markdown(rows: list[Row], startup: list[tuple[str, float, float]], sizes: dict[int, int]) -> str:
    lines = [
        "# zonekg benchmark",
        "",
        f"Written by `python scripts/bench.py` on {platform.node() or 'this machine'} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}). "
        "Every cell is one fresh process: wall time with interpreter start and imports, and that "
        "process's peak resident memory. Graphs from `scripts/synth.py` (N-Quads). "
        "pyoxigraph = `Store().bulk_load` + the same SPARQL with the same substitutions, over the union "
        "of the graphs (the raw store has no merged default graph); rdflib = `Dataset(default_union=True)` "
        "with the default memory store, `parse` + the same SPARQL.",
        "",
        "| triples | task | tool | seconds | peak MB | zonekg ÷ pyoxigraph (time, memory) | rdflib ÷ zonekg | note |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        size = sizes[row.size]
        if row.run is None:
            lines.append(f"| {size:,} | {row.task} | {row.tool} | – | – | | | {row.note} |")
            continue
        ours = find(rows, row.size, row.task, "zonekg")
        raw = find(rows, row.size, row.task, "pyoxigraph")
        vs_raw = (
            f"{ratio(row.run, raw)}, {ratio(row.run, raw, 'peak_mb')}" if row.tool.startswith("zonekg") and raw else ""
        )
        vs_rdflib = ratio(row.run, ours) if row.tool == "rdflib" else ""
        seconds = f"≥ {row.run.seconds:.0f}" if row.run.timed_out else f"{row.run.seconds:.2f}"
        lines.append(
            f"| {size:,} | {row.task} | {row.tool} | {seconds} | {row.run.peak_mb:.0f} | "
            f"{vs_raw} | {vs_rdflib} | {row.note} |"
        )
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
    ("load", "zonekg"),
    ("chain-members", "zonekg"),
    ("chain-members", "pyoxigraph"),
    ("chain-members", "pyoxigraph on-disk"),
    ("chain-members", "zonekg, same command again"),
    ("chain-members", "rdflib"),
    ("zone-enterprises", "zonekg"),
    ("export nquads", "zonekg"),
    ("to_networkx", "zonekg"),
    ("viz", "zonekg"),
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
            axes.plot(xs, ys, style, marker="o", label=f"{task} — {tool}")
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
