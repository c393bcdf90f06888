"""zonekg: a knowledge graph of China's development zones, every fact backed by a verbatim quote.

>>> import kg
>>> dataset = kg.load_graph()
"""

from kg.errors import KgError
from kg.load import load_graph

__all__ = ["KgError", "load_graph"]
