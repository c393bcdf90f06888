"""What is computed once per data set and kept beside its index, in one SQLite file: every
entity name folded for matching (looked up by its folded form, not by scanning every label),
and the scores of the rankings.

SQLite lets any number of processes read while one writes; a ranking computed by a later
command is added in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import DamagedIndex, OutputError
from kg.index.layout import MARKER

if TYPE_CHECKING:
    import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS names (folded TEXT NOT NULL, entity TEXT NOT NULL, class TEXT NOT NULL, name TEXT NOT NULL,
                                  position INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS names_folded ON names (folded, class);
CREATE INDEX IF NOT EXISTS names_entity ON names (entity, class);
CREATE TABLE IF NOT EXISTS nodes (entity TEXT PRIMARY KEY, type TEXT NOT NULL, label_zh TEXT NOT NULL,
                                  label_en TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS edges (subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT NOT NULL,
                                  label_zh TEXT NOT NULL, label_en TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS edges_subject ON edges (subject);
CREATE INDEX IF NOT EXISTS edges_object ON edges (object);
CREATE TABLE IF NOT EXISTS scores (ranking TEXT NOT NULL, entity TEXT NOT NULL, class TEXT NOT NULL, score REAL NOT NULL);
CREATE INDEX IF NOT EXISTS scores_ranking ON scores (ranking, class, score);
CREATE TABLE IF NOT EXISTS rankings (ranking TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, answer BLOB NOT NULL);
"""


@contextmanager
def connected(path: Path, write: bool = False) -> Iterator[sqlite3.Connection]:
    """The SQLite file at `path`. A file that SQLite finds damaged is a `DamagedIndex`, and its
    index loses its marker: never trusted again, rebuilt by the next command."""
    import sqlite3  # here: every command imports this module (kg.names), few open an index

    uri = f"file:{path}?mode={'rwc' if write else 'ro'}"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=60)) as connection:
            if write:
                connection.executescript(SCHEMA)
            with connection:
                yield connection
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and (write or "locked" in str(error)):
            raise OutputError(f"{path}: {error}") from None
        (path.parent / MARKER).unlink(missing_ok=True)
        raise DamagedIndex(
            f"the index in {path.parent} is damaged ({error}); it is set aside: run the command again"
        ) from None


def write_names(path: Path, rows: Iterable[tuple[str, str, str, str]]) -> None:
    """Keep (folded name, entity, class, name as written) rows, in the order given."""
    with connected(path, write=True) as db:
        db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", ((*row, number) for number, row in enumerate(rows)))


def names_folded(path: Path, folded: str, cls: str | None) -> list[tuple[str, str]]:
    """(entity, name as written) for the entities (of `cls`) with a name that folds to `folded`."""
    query = "SELECT entity, name FROM names WHERE folded = ?" + (" AND class = ?" if cls else "")
    with connected(path) as db:
        return db.execute(query + " ORDER BY position", (folded, cls) if cls else (folded,)).fetchall()


def has_entity(path: Path, entity: str, cls: str | None) -> bool:
    query = "SELECT 1 FROM names WHERE entity = ?" + (" AND class = ?" if cls else "") + " LIMIT 1"
    with connected(path) as db:
        return db.execute(query, (entity, cls) if cls else (entity,)).fetchone() is not None


def all_names(path: Path, cls: str | None) -> list[tuple[str, str, str]]:
    """(folded name, entity, name as written) of every entity (of `cls`), in the kept order."""
    query = "SELECT folded, entity, name FROM names" + (" WHERE class = ?" if cls else "") + " ORDER BY position"
    with connected(path) as db:
        return db.execute(query, (cls,) if cls else ()).fetchall()


NodeRow = tuple[str, str, str, str]
"""An entity of the network: IRI, class name, Chinese and English label."""
EdgeRow = tuple[str, str, str, str, str]
"""A relation of the network: subject IRI, predicate (short form), object IRI, its labels."""
CHUNK = 900
"""Entities per SQL statement: below SQLite's limit of host parameters."""


def write_network(path: Path, nodes: Iterable[NodeRow], edges: Iterable[EdgeRow]) -> None:
    with connected(path, write=True) as db:
        db.executemany("INSERT INTO nodes VALUES (?, ?, ?, ?)", nodes)
        db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?)", edges)


def network_nodes(path: Path, entities: list[str] | None = None) -> list[NodeRow]:
    """The entities (all, or those of `entities` that are entities), in IRI order."""
    return _rows(path, "nodes", "entity", entities)


def network_edges(path: Path, entities: list[str] | None = None, column: str = "subject") -> list[EdgeRow]:
    """The relations (all, or those whose `column`, subject or object, is one of `entities`), sorted."""
    if column not in ("subject", "object"):
        raise ValueError(f"not a column of edges: {column!r}")
    return _rows(path, "edges", column, entities)


def _rows(path: Path, table: str, column: str, values: list[str] | None) -> list[Any]:
    """The rows of `table` (all, or those whose `column` is one of `values`), sorted; the values
    go in chunks below SQLite's limit of host parameters."""
    with connected(path) as db:
        if values is None:
            return sorted(db.execute(f"SELECT * FROM {table}").fetchall())
        found = []
        for start in range(0, len(values), CHUNK):
            chunk = values[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            found += db.execute(f"SELECT * FROM {table} WHERE {column} IN ({marks})", chunk).fetchall()
        return sorted(found)


def ranked(path: Path, ranking: str) -> bool:
    """Whether the scores of `ranking` are kept."""
    with connected(path) as db:
        return db.execute("SELECT 1 FROM rankings WHERE ranking = ?", (ranking,)).fetchone() is not None


def write_scores(path: Path, ranking: str, scores: Iterable[tuple[str, str, float]]) -> None:
    """Keep (entity, class, score) of every entity for `ranking`, in one transaction."""
    with connected(path, write=True) as db:
        if db.execute("SELECT 1 FROM rankings WHERE ranking = ?", (ranking,)).fetchone() is None:
            db.executemany("INSERT INTO scores VALUES (?, ?, ?, ?)", ((ranking, *row) for row in scores))
            db.execute("INSERT INTO rankings VALUES (?)", (ranking,))


def top_scores(path: Path, ranking: str, cls: str | None, top: int) -> list[tuple[str, float]]:
    """The `top` (entity, score) of `ranking`, highest first, ties by entity IRI."""
    query = "SELECT entity, score FROM scores WHERE ranking = ?" + (" AND class = ?" if cls else "")
    query += " ORDER BY score DESC, entity LIMIT ?"
    with connected(path) as db:
        return db.execute(query, (ranking, cls, top) if cls else (ranking, top)).fetchall()
