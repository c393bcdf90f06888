"""An rdflib `Dataset` over an Oxigraph store, whose rdflib side is set up on first use.

kg loads, skolemises and queries the Oxigraph store itself (`oxigraph`); rdflib's view of it
(oxrdflib's store) is only for the users of the rdflib API: `import kg` users, exports and
checks that walk the triples. Importing oxrdflib imports rdflib's SPARQL parser and reads
every installed package's entry points, about a tenth of a second, as much again as `import
rdflib`: a command answered by Oxigraph alone (`kg chain`) need not pay it. So the rdflib
`Dataset` is set up (oxrdflib imported, the project's prefixes bound) the first time any of
its state is read; until then only `oxigraph` and `namespaces()` answer.

A dataset can also come with its layout's last step left to do (`kg.load` defers the default
graph's merge of the facts and the ontology's graph): `oxigraph`, and so the rdflib view too,
takes that step first; only `deferred_store` gives the store as it is, for kg's own queries
that answer alike on the union of its graphs.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.namespaces import with_prefixes


class OxigraphDataset(Dataset):
    """A `Dataset` on oxrdflib's store over `oxigraph`, with the project's prefixes bound."""

    def __init__(self, oxigraph: ox.Store, completion: Callable[[ox.Store], None] | None = None) -> None:
        """`Dataset.__init__` runs on first use (`__getattr__`); `completion`, when given, on
        the first read of `oxigraph`."""
        self._store = oxigraph
        self._completion = completion
        self._set_up = False

    @property
    def oxigraph(self) -> ox.Store:
        """The Oxigraph store, its layout complete."""
        self.complete()
        return self._store

    def complete(self) -> None:
        """Take the layout's last step now, if it is still to do. It is forgotten only once done:
        interrupted, it is taken again whole, which adds nothing twice (a store is a set)."""
        if self._completion is not None:
            self._completion(self._store)
            self._completion = None

    @property
    def deferred_store(self) -> ox.Store | None:
        """The store while its layout's last step is still to do; None once it is done."""
        return self._store if self._completion is not None else None

    def __getattr__(self, name: str) -> Any:
        """Called for an attribute the instance lacks: before the set-up, every attribute the
        `Dataset` keeps (its store, identifier, namespace manager …) is one. Any other is
        missing, set up or not: asking for it (a check for a protocol's method) sets up nothing."""
        if name not in _dataset_state() or self.__dict__.get("_set_up", True):
            raise AttributeError(name)
        self._set_up = True
        from oxrdflib import OxigraphStore

        Dataset.__init__(self, store=OxigraphStore(store=self.oxigraph))
        with_prefixes(self)
        return getattr(self, name)

    def namespaces(self) -> Generator[tuple[str, URIRef], None, None]:
        """The bound prefixes; before the set-up, those it will bind, without setting it up."""
        if self._set_up:
            yield from super().namespaces()
        else:
            yield from _first_namespaces()


@cache
def _dataset_state() -> frozenset[str]:
    """The attributes a `Dataset` keeps on the instance, as a new one has them."""
    return frozenset(Dataset().__dict__)


@cache
def _first_namespaces() -> tuple[tuple[str, URIRef], ...]:
    """rdflib's default prefixes with the project's bound over them, as a new dataset has them."""
    return tuple(with_prefixes(Dataset()).namespaces())
