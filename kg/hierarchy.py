"""skos:broader hierarchies (industrial chains, honours) walked without recursion: their cycles."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def broader_cycles(broader: Mapping[T, Iterable[T]]) -> list[list[T]]:
    """One cycle through each group of nodes that reach each other by their broader links (a node
    may have several), each from its smallest member (by text), in order; found in linear time,
    however deep the hierarchy (Tarjan's strongly connected components, iteratively)."""
    edges = {node: sorted(set(parents), key=str) for node, parents in broader.items()}
    cycles = []
    for component in _components(edges):
        members = set(component)
        start = min(component, key=str)
        if len(component) == 1 and start not in edges.get(start, []):
            continue
        cycle = [start]
        node = next(p for p in edges[start] if p in members)
        seen = {start}
        while node not in seen:
            seen.add(node)
            cycle.append(node)
            node = next(p for p in edges[node] if p in members)
        cycle = cycle[cycle.index(node) :]
        first = cycle.index(min(cycle, key=str))
        cycles.append(cycle[first:] + cycle[:first])
    return sorted(cycles, key=lambda c: str(c[0]))


def _components(edges: Mapping[T, list[T]]) -> list[list[T]]:
    """The strongly connected components of the graph, by an iterative Tarjan."""
    index: dict[T, int] = {}
    low: dict[T, int] = {}
    on_stack: set[T] = set()
    stack: list[T] = []
    components = []
    for root in sorted(edges, key=str):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, [])
            if position < len(successors):
                work.append((node, position + 1))
                successor = successors[position]
                if successor not in index:
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components
