"""An index opened for reading: the built dataset on disk under the rdflib API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import BadValue
from kg.index.answers import kept_answer
from kg.index.layout import STORE, TABLES
from kg.oxigraph_dataset import OxigraphDataset
from kg.sparql import Answer


class IndexedDataset(OxigraphDataset):
    """A dataset read from an index folder; `tables` is the folder's SQLite file of names and
    rankings. It answers every query as the in-memory dataset of the same data does."""

    def __init__(self, folder: Path):
        super().__init__(ox.Store.read_only(str(folder / STORE)))
        self.folder = folder
        self.tables = folder / TABLES

    def graph(self, identifier: Any = None, base: str | None = None) -> Graph:
        """A named graph to read: unlike `Dataset.graph`, which adds the graph to the store first
        (a write that a read-only store refuses)."""
        if identifier is None:
            raise BadValue("an index is read-only: it cannot make a new graph")
        found = self._graph(identifier)
        found.base = base
        return found

    def kept_answer(self, text: str) -> Answer | None:
        """The answer the build kept for this very query text (`kg.index.answers`), if any."""
        return kept_answer(self.tables, text)
