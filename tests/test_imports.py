"""The modules of kg import one another without a cycle, and without hiding one in a function."""

import ast
from pathlib import Path

import networkx as nx

KG = Path(__file__).resolve().parents[1] / "kg"


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The kg modules a module imports, at the top or inside functions alike."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found |= {name for name in names if name in modules}
    return found


def import_graph() -> nx.DiGraph:
    paths = {module_name(p): p for p in KG.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(paths)
    for name, path in paths.items():
        graph.add_edges_from((name, other) for other in imports_of(path, set(paths)) if other != name)
    return graph


def test_the_import_graph_is_found():
    graph = import_graph()
    assert {"kg.sparql", "kg.named", "kg.names", "kg.cli"} <= set(graph)
    assert graph.has_edge("kg.named", "kg.names") and graph.has_edge("kg.names", "kg.sparql")


def test_no_import_cycle_among_kg_modules():
    graph = import_graph()
    assert nx.is_directed_acyclic_graph(graph), f"import cycles: {list(nx.simple_cycles(graph))}"
