"""N-Quads and N-Triples loaded by Oxigraph alone: no Python object per quad.

A file of these line-based formats is loaded straight from its bytes, except for the lines
that may hold a blank node (a `_:` anywhere on them). Those are parsed together, so that their
blank nodes are the file's own, and set aside to get stable IRIs (kg.skolem); the runs of lines
between them are loaded from the same bytes, not copied. That is faster than a parse of the whole
file in Python however many lines have blank nodes: at a million quads, 3.1 s against 3.6 s with
2% of the lines, 14.9 s against 17.6 s with 63%, and with less memory.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox

from kg.data_files import DataFile, parsed_quads, rdf_format
from kg.errors import DataFileError
from kg.parse_errors import syntax_error, syntax_message

LINE_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)

Span = tuple[int, int]
"""A line of the file as the offsets of its first byte and of the byte after its end."""
SetAside = Callable[[Iterable[ox.Quad]], Iterator[ox.Quad]]
"""What gives the quads without blank nodes and keeps the others (`kg.load.blank_aside`)."""


def load_lines(store: ox.Store, file: DataFile, aside: SetAside) -> None:
    """Add an N-Quads or N-Triples file to the store, its blank-node quads given to `aside`.

    A syntax error is a `DataFileError` naming the file and line of its first error, as a
    parse of the whole file finds it: the file is parsed again to find it (loaded in parts,
    an error shows where the part ends, and not always first)."""
    try:
        _load_in_parts(store, file, aside)
    except SyntaxError as error:
        raise _first_syntax_error(file, error) from None


def _load_in_parts(store: ox.Store, file: DataFile, aside: SetAside) -> None:
    content = file.content
    spans = blank_lines(content)
    start = 0
    for begin, end in [*spans, (len(content), len(content))]:
        if begin > start:
            _load_run(store, file, start, begin)
        start = end
    if spans:  # parsed together: a blank-node label is one node wherever it is in the file
        lines = b"".join(content[begin:end] for begin, end in spans)
        store.bulk_extend(aside(parsed_quads(lines, rdf_format(file.path))))


def blank_lines(content: bytes) -> list[Span]:
    """The lines with a `_:`, in order."""
    spans: list[Span] = []
    first = content.find(b"_")  # one byte is searched for by memchr, some thirty times faster than two
    found = content.find(b"_:", first) if first >= 0 else -1
    while found >= 0:
        begin = content.rfind(b"\n", 0, found) + 1
        end = content.find(b"\n", found) + 1 or len(content)
        spans.append((begin, end))
        found = content.find(b"_:", end)
    return spans


def _load_run(store: ox.Store, file: DataFile, begin: int, end: int) -> None:
    """Load the file's bytes from `begin` to `end`: whole lines without blank nodes."""
    content = file.content
    whole = begin == 0 and end == len(content)
    store.load(
        content if whole else io.BufferedReader(_Reader(memoryview(content)[begin:end])), format=rdf_format(file.path)
    )


def _first_syntax_error(file: DataFile, error: SyntaxError) -> DataFileError:
    try:
        for _ in ox.parse(file.content, format=rdf_format(file.path)):
            pass
    except SyntaxError as first:
        return syntax_error(file.path, first)
    return DataFileError(f"{file.path}: {syntax_message(error)}")


class _Reader(io.RawIOBase):
    """A readable file over a slice of bytes, which Oxigraph reads without a copy being made."""

    def __init__(self, view: memoryview) -> None:
        self.view, self.position = view, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), len(self.view) - self.position)
        buffer[:size] = self.view[self.position : self.position + size]
        self.position += size
        return size
