"""N-Quads and N-Triples loaded by Oxigraph alone: no Python object per quad.

A file of these line-based formats is loaded straight from its bytes, except for the lines
that may hold a blank node (a `_:` anywhere on them). Those are parsed together, so that their
blank nodes are the file's own, and set aside to get stable IRIs (kg.skolem); the runs of lines
between them are loaded from the same bytes, not copied. A file with a blank node on more than
`MAX_BLANK_LINES` lines is parsed whole in Python. A syntax error names the line of the file.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox

from kg.data_files import DataFile, rdf_format
from kg.errors import DataFileError
from kg.parse_errors import syntax_message

LINE_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES)
MAX_BLANK_LINES = 10_000

Span = tuple[int, int]
"""A line of the file as the offsets of its first byte and of the byte after its end."""
SetAside = Callable[[Iterable[ox.Quad]], Iterator[ox.Quad]]
"""What gives the quads without blank nodes and keeps the others (`kg.load.blank_aside`)."""


def load_lines(store: ox.Store, file: DataFile, aside: SetAside) -> None:
    """Add an N-Quads or N-Triples file to the store, its blank-node quads given to `aside`."""
    content = file.content
    spans = blank_lines(content)
    if spans is None:
        _parse(store, file, content, aside, lambda line: line)
        return
    start = 0
    for begin, end in [*spans, (len(content), len(content))]:
        if begin > start:
            _load_run(store, file, start, begin)
        start = end
    if spans:
        joined = b"".join(content[begin:end] for begin, end in spans)
        _parse(store, file, joined, aside, lambda line: content.count(b"\n", 0, spans[line - 1][0]) + 1)


def _load_run(store: ox.Store, file: DataFile, begin: int, end: int) -> None:
    """Load the file's bytes from `begin` to `end`: whole lines without blank nodes."""
    content = file.content
    whole = begin == 0 and end == len(content)
    run = content if whole else io.BufferedReader(_Reader(memoryview(content)[begin:end]))
    try:
        store.load(run, format=rdf_format(file.path))
    except SyntaxError as error:
        raise _located(file, error, lambda line: content.count(b"\n", 0, begin) + line) from None


def blank_lines(content: bytes) -> list[Span] | None:
    """The lines with a `_:`, in order; None when there are more than `MAX_BLANK_LINES`."""
    spans: list[Span] = []
    first = content.find(b"_")  # one byte is searched for by memchr, some thirty times faster than two
    found = content.find(b"_:", first) if first >= 0 else -1
    while found >= 0:
        begin = content.rfind(b"\n", 0, found) + 1
        end = content.find(b"\n", found) + 1 or len(content)
        spans.append((begin, end))
        if len(spans) > MAX_BLANK_LINES:
            return None
        found = content.find(b"_:", end)
    return spans


def _parse(store: ox.Store, file: DataFile, lines: bytes, aside: SetAside, line_in_file: Callable[[int], int]) -> None:
    """Parse lines of the file in Python, each blank-node label one node across all of them."""
    parsed = ox.parse(lines, format=rdf_format(file.path), rename_blank_nodes=True)
    quads = (
        item if isinstance(item, ox.Quad) else ox.Quad(item.subject, item.predicate, item.object) for item in parsed
    )
    try:
        store.bulk_extend(aside(quads))
    except SyntaxError as error:
        raise _located(file, error, line_in_file) from None


def _located(file: DataFile, error: SyntaxError, line_in_file: Callable[[int], int]) -> DataFileError:
    where = f"{file.path}:{line_in_file(error.lineno)}" if error.lineno else str(file.path)
    return DataFileError(f"{where}: {syntax_message(error)}")


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
