"""zonekg: a knowledge graph of China's development zones, every fact backed by a verbatim quote.

    >>> import kg
    >>> dataset = kg.load()
"""
from kg.errors import KgError
from kg.load import load

__all__ = ["KgError", "load"]
