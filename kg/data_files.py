"""The data files: which files make up the graph (the curated set, a folder's, or one file),
and their bytes, read once when first needed, and their SHA-256.

A module of its own, apart from building the graph (`kg.load`): the kept answers (`kg.cache`)
are keyed by these bytes, and a command answered from them imports no rdflib.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from kg.digests import remember_sha256, remembered_sha256
from kg.errors import DataFileError, NotFound
from kg.parse_errors import one_line
from kg.resources import curated_dir

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def parsed_quads(content: bytes, fmt: ox.RdfFormat, graph: str | None = None) -> Iterator[ox.Quad]:
    """The quads of RDF bytes as Oxigraph parses them (a triples format's into `graph`, else the
    default graph), their blank nodes new to this parse, as a bulk load makes them."""
    parsed = ox.parse(content, format=fmt, rename_blank_nodes=True)
    if fmt.supports_datasets:
        return cast(Iterator[ox.Quad], parsed)
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    return (ox.Quad(t.subject, t.predicate, t.object, target) for t in cast(Iterator[ox.Triple], parsed))


def data_files(data: str | Path | None = None) -> list[Path]:
    """The RDF files that make up the graph: the curated set, a folder's files, or one file."""
    if data is None:
        return _folder_files(curated_dir())
    path = Path(data)
    if path.is_dir():
        found = _folder_files(path)
        if not found:
            raise DataFileError(f"{path}: no RDF files ({' '.join(RDF_FORMATS)}) in this folder")
        return found
    if not path.exists():
        raise NotFound(f"{path}: no such file or folder")
    rdf_format(path)
    return [path]


class DataFile:
    """One data file: its path (for messages and its format), its bytes, read once when first
    needed, and their SHA-256 (the key of the index and of kept answers; see `kg.digests` for
    how it is known without reading a large file again)."""

    def __init__(self, path: Path, content: bytes | None = None):
        self.path = path
        self._content = content
        self._stat = None if content is not None else _stat(path)
        self._sha256: bytes | None = None
        self._remembered = False

    @classmethod
    def read(cls, path: Path) -> DataFile:
        """The file, not yet read: reading waits until its bytes are needed."""
        return cls(path)

    @property
    def size(self) -> int:
        if self._content is not None or self._stat is None:
            return len(self.content)
        return self._stat.st_size

    @property
    def content(self) -> bytes:
        """The bytes, read once. Were they hashed from the record (`kg.digests`), the bytes read
        must be those: a file written meanwhile is an error, never two versions mixed."""
        if self._content is None:
            self._content = _read(self.path)
            if self._remembered and hashlib.sha256(self._content).digest() != self._sha256:
                raise DataFileError(f"{self.path}: changed while kg was reading it; run the command again")
        return self._content

    @property
    def sha256(self) -> bytes:
        """The SHA-256 of the bytes: remembered for this very file, else computed (and remembered)."""
        if self._sha256 is None:
            before = self._stat
            if self._content is None and before is not None:
                self._sha256 = remembered_sha256(self.path, before)
                self._remembered = self._sha256 is not None
            if self._sha256 is None:
                self._sha256 = hashlib.sha256(self.content).digest()
                self.remember_sha256()
        return self._sha256

    def remember_sha256(self) -> None:
        """Remember the hash (`kg.digests`) if the file is still as it was when read: again after
        a long build, by which time a file written just before has settled."""
        if self._sha256 is not None and self._stat is not None and _same_file(self._stat, _stat(self.path)):
            remember_sha256(self.path, self._stat, self._sha256)


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError as error:
        raise _unreadable(path, error) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _unreadable(path, error) from None


def _unreadable(path: Path, error: OSError) -> DataFileError:
    return DataFileError(f"{path}: cannot read: {error.strerror or one_line(error)}")


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    fields = ("st_dev", "st_ino", "st_size", "st_mtime_ns", "st_ctime_ns")
    return all(getattr(a, f) == getattr(b, f) for f in fields)


def read_data(data: str | Path | None = None) -> list[DataFile]:
    """Each data file, read once when its bytes are needed: the graph is parsed from these very
    bytes and the kept answers are keyed by them, so a file replaced meanwhile cannot mix two
    versions."""
    return [DataFile.read(path) for path in data_files(data)]


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in RDF_FORMATS and p.is_file())


def rdf_format(path: Path) -> ox.RdfFormat:
    try:
        return RDF_FORMATS[path.suffix]
    except KeyError:
        raise DataFileError(
            f"{path}: unknown RDF format {path.suffix or '(no extension)'!r}; use one of {' '.join(RDF_FORMATS)}"
        ) from None
