"""skos:broader hierarchies (industrial chains, honours) walked without recursion: their cycles."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def broader_cycles(broader: Mapping[T, T]) -> list[list[T]]:
    """The cycles of a map child → broader, each starting from its smallest member (by text),
    found in one pass however deep the hierarchy."""
    finished: set[T] = set()
    cycles = []
    for start in sorted(broader, key=str):
        path: list[T] = []
        on_path: set[T] = set()
        node: T | None = start
        while node is not None and node not in finished and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = broader.get(node)
        if node is not None and node in on_path:
            cycle = path[path.index(node) :]
            first = cycle.index(min(cycle, key=str))
            cycles.append(cycle[first:] + cycle[:first])
        finished.update(path)
    return cycles
