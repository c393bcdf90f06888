"""What a read-only command printed, kept on disk and keyed by the data's hash.

Answering from a large file means parsing all of it (a million triples: seconds). The same
command on the same data prints the same text, so that text is kept under a key made of the
content hash of every data file (of the very bytes the graph was parsed from), the hash of
kg's own code and queries, and the command's arguments (a query file by its text, read once):
a change to any of them is a new key, never a stale answer. What cannot be repeated (a query
calling NOW() or RAND()) is not kept at all: see `kg.sparql_tokens.repeatable`. Entries are JSON files written atomically; the oldest go first when there are
more than `MAX_ENTRIES` or `MAX_BYTES`. The folder is `$KG_CACHE_DIR`, else
`$XDG_CACHE_HOME/zonekg`, else `~/.cache/zonekg`; deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Protocol

from kg.errors import OutputError
from kg.files import write_atomic
from kg.resources import package_path

MAX_ENTRIES = 500
MAX_BYTES = 500 * 2**20
FORMAT = 3


def cache_dir() -> Path:
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "zonekg"


def contents_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """The SHA-256 of named contents (a data file: its format and bytes), in the given order."""
    return _hashed_digest((name, len(content), hashlib.sha256(content).digest()) for name, content in files)


class HashedFile(Protocol):
    """A data file as the keys see it (`kg.data_files.DataFile`)."""

    @property
    def path(self) -> Path: ...
    @property
    def size(self) -> int: ...
    @property
    def sha256(self) -> bytes: ...


def data_digest(files: Iterable[HashedFile]) -> str:
    """The hash of the data as parsed: each file's format (suffix) and bytes (hashed once per file)."""
    return _hashed_digest((file.path.suffix, file.size, file.sha256) for file in files)


def _hashed_digest(files: Iterable[tuple[str, int, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, size, sha256 in files:
        digest.update(f"{name}\0{size}\0".encode())
        digest.update(sha256)
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """The hash of what decides an answer besides the data: kg's modules, queries and ontology."""
    root = package_path()
    files = sorted(p for pattern in ("**/*.py", "queries/**/*.r[qu]", "ontology/*.ttl") for p in root.glob(pattern))
    try:
        release = version("zonekg")
    except PackageNotFoundError:
        release = "unknown"
    return f"{release}-{contents_digest((str(p.relative_to(root)), p.read_bytes()) for p in files)}"


Argument = str | int | float | bool | None | tuple[str | int | float | bool | None, ...]


def command_key(command: str, arguments: dict[str, Argument], data: str, engine: str) -> str:
    """The key of one command's output: its arguments, the data's hash (`data_digest`), the code's hash.

    Arguments are plain values (or tuples of them, a repeated option): a file argument is read
    (once) by the command line first, so that what is keyed is what was answered.
    """
    for name, value in arguments.items():
        values = value if isinstance(value, tuple) else (value,)
        if not all(isinstance(v, (str, int, float, bool, type(None))) for v in values):
            raise TypeError(f"argument {name!r} cannot be part of a key: {value!r}")
    described = {
        "format": FORMAT,
        "command": command,
        "arguments": dict(sorted(arguments.items())),
        "engine": engine,
        "data": data,
        "code": code_digest(),
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Kept:
    """What a command printed: its output, and the warnings it gave on the way (given again
    when the output is printed from the cache)."""

    stdout: str
    warnings: tuple[str, ...] = ()


def kept_output(key: str, produce: Callable[[], Kept]) -> tuple[Kept, OutputError | None]:
    """The output kept under `key`, else `produce()`'s, kept for next time; with the error that
    kept it from being kept, if any (the output is good all the same)."""
    kept = read_output(key)
    if kept is not None:
        return kept, None
    output = produce()
    try:
        keep_output(key, output)
    except OutputError as error:
        return output, error
    return output, None


def read_output(key: str) -> Kept | None:
    """The kept output for `key`; None when there is none or the entry is unreadable."""
    path = cache_dir() / f"{key}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        os.utime(path)
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("stdout"), str):
        return None
    warnings = entry.get("warnings", [])
    if not (isinstance(warnings, list) and all(isinstance(w, str) for w in warnings)):
        return None
    return Kept(entry["stdout"], tuple(warnings))


def keep_output(key: str, kept: Kept) -> None:
    """Keep the output (atomically), then drop the least recently used entries over the limits.

    An OutputError names the folder when it cannot be written.
    """
    folder = cache_dir()
    entry = {"key": key, "stdout": kept.stdout, "warnings": list(kept.warnings)}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.json", json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        prune(folder)
    except OSError as error:
        raise OutputError(f"cannot keep the answer in {folder}: {error.strerror or error}") from None


def prune(folder: Path, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
    entries = []
    for path in folder.glob("*.json"):
        try:
            status = path.stat()
        except OSError:
            continue
        entries.append((status.st_mtime, status.st_size, path))
    entries.sort(reverse=True)
    total = 0
    for number, (_, size, path) in enumerate(entries):
        total += size
        if number >= max_entries or total > max_bytes:
            path.unlink(missing_ok=True)
