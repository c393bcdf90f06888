"""zonekg: a knowledge graph of China's development zones, every fact backed by a verbatim quote.

>>> import kg
>>> dataset = kg.load_graph()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.errors import KgError

if TYPE_CHECKING:
    from kg.load import load_graph

__all__ = ["KgError", "load_graph"]


def __getattr__(name: str) -> Any:
    """`kg.load_graph`, imported on first use: `kg.load` brings rdflib and Oxigraph (a tenth of a
    second), which every `kg` command would otherwise pay on importing the package, even
    `kg --help`."""
    if name == "load_graph":
        from kg.load import load_graph

        return load_graph
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
