"""The kinds of store kg knows: their URLs, and whether their default graph is the union.

A GSP or update URL tells the kind (Oxigraph's `…/store`, Fuseki's `…/DATASET/data`, …), and the
kind tells the query endpoint for reading back and the layout that keeps the named queries'
answers the local ones (see `kg.remote.layout`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class StoreKind:
    """What kg knows of one kind of store: its URLs and how its default graph behaves."""

    name: str
    gsp_path: str
    update_path: str
    query: str
    update: str
    union_default: bool
    dataset_upload: bool
    auth: str = "basic"

    def match(self, url: str) -> str | None:
        """The store's base URL when `url` is its GSP or update endpoint."""
        path = urlsplit(url).path
        for pattern in (self.gsp_path, self.update_path):
            found = re.fullmatch(pattern, path)
            if found:
                return _with_path(url, found.group("base"))
        return None


STORE_KINDS = (
    StoreKind(
        "oxigraph", r"(?P<base>.*)/store/?", r"(?P<base>.*)/update/?", "{base}/query", "{base}/update", False, True
    ),
    StoreKind(
        "fuseki",
        r"(?P<base>.*/[^/]+)/data/?",
        r"(?P<base>.*/[^/]+)/update/?",
        "{base}/sparql",
        "{base}/update",
        False,
        True,
    ),
    StoreKind(
        "virtuoso",
        r"(?P<base>.*)/sparql-graph-crud(-auth)?/?",
        r"(?P<base>.*)/sparql(-auth)?/?",
        "{base}/sparql",
        "{base}/sparql-auth",
        True,
        False,
        "digest",
    ),
    StoreKind(
        "graphdb",
        r"(?P<base>.*/repositories/[^/]+)/rdf-graphs/service/?",
        r"(?P<base>.*/repositories/[^/]+)/statements/?",
        "{base}",
        "{base}/statements",
        True,
        False,
    ),
)
GENERIC = StoreKind("generic", r"(?P<base>)", r"(?P<base>)", "", "", False, False)


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def store_kind(url: str) -> tuple[StoreKind, str]:
    """The kind of store behind a GSP or update URL, and its base URL; GENERIC when unknown."""
    for kind in STORE_KINDS:
        base = kind.match(url)
        if base is not None:
            return kind, base
    return GENERIC, url


def query_endpoint(url: str) -> str | None:
    """The SPARQL query endpoint of the store behind a GSP or update URL, when its kind is known."""
    kind, base = store_kind(url)
    return kind.query.format(base=base) if kind is not GENERIC else None
