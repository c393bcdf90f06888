"""Finding, opening, starting and clearing indexes: one folder per data set under the cache folder.

The folder is named by the key: the SHA-256 of the data files' bytes as read for the command
(each with its format; `kg.cache.data_digest`, the hash the kept answers use) and of kg's own code, queries and ontology (`kg.cache.code_digest`), so changed data or a new
kg never opens an old index. A folder without a readable marker file (the build writes it
last) was never finished and is removed, never opened. One builder per key at a time (a lock
file); readers need no lock. This module is what every command imports: it leaves the
building (and networkx) to `kg.index.build`.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.cache import cache_dir, code_digest, data_digest
from kg.index.dataset import IndexedDataset
from kg.index.layout import MARKER
from kg.load import DataFile, build_graph

if TYPE_CHECKING:
    from rdflib import Dataset

FORMAT = 1
MIN_BYTES = 8 * 2**20
"""Data smaller than this loads in memory about as fast as an index opens: a command on it
starts no background build (`kg index` builds one all the same)."""


@dataclass(frozen=True)
class IndexInfo:
    folder: Path
    files: list[str]
    triples: int
    seconds: float

    @property
    def bytes(self) -> int:
        """Its size on disk: a walk of the folder, done only when asked (kg index --status)."""
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())


def index_root() -> Path:
    return cache_dir() / "index"


def index_key(files: list[DataFile]) -> str:
    """The key of the index of these files: their content and kg's code."""
    described = json.dumps({"format": FORMAT, "data": data_digest(files), "code": code_digest()})
    return hashlib.sha256(described.encode()).hexdigest()


def read_marker(folder: Path) -> IndexInfo | None:
    """The index in `folder` if it is complete (its marker written last is there and whole)."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        return IndexInfo(folder, marker["files"], marker["triples"], marker["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def open_or_load(files: list[DataFile], engine: str = "oxigraph", use_index: bool = True) -> Dataset:
    """The built dataset of the data files read: their index when they have one (on the
    Oxigraph engine and unless `use_index` is false), else these bytes loaded in memory."""
    if use_index and engine == "oxigraph":
        opened = open_index(files)
        if opened is not None:
            return opened
    return build_graph(files, engine)


def open_index(files: list[DataFile]) -> IndexedDataset | None:
    """The complete index of the data files read, opened read-only; None when there is none.

    An index folder that is not complete, or that Oxigraph cannot open, is removed.
    """
    folder = index_root() / index_key(files)
    if not folder.exists():
        return None
    if read_marker(folder) is not None:
        try:
            return IndexedDataset(folder)
        except OSError:
            pass
    remove_folder(folder)
    return None


def remove_folder(folder: Path) -> None:
    """Remove an index folder: first renamed aside, so no reader finds it half-removed."""
    aside = folder.with_name(f".{folder.name}.{os.getpid()}.removed")
    with suppress(OSError):
        folder.rename(aside)
        shutil.rmtree(aside, ignore_errors=True)


@contextmanager
def build_lock(key: str, wait: bool = True) -> Iterator[bool]:
    """Hold the lock of building `key`; yields False at once when another process holds it
    and `wait` is false. The lock goes with the process that holds it, however it ends."""
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with (root / f"{key}.lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True


def start_background_build(data: str | Path | None, files: list[DataFile]) -> bool:
    """Start building the index of `data` (read as `files`) in a detached process, unless the
    data is small, an index is there, or a build of it is running. Whether one was started.
    The process reads the data itself and keys the index by what it read."""
    if sum(file.size for file in files) < int(os.environ.get("KG_INDEX_MIN_BYTES", MIN_BYTES)):
        return False
    key = index_key(files)
    if read_marker(index_root() / key) is not None:
        return False
    with build_lock(key, wait=False) as free:
        if not free:
            return False
    package_parent = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p))
    command = [sys.executable, "-m", "kg"] + (["--data", str(Path(data).resolve())] if data is not None else [])
    subprocess.Popen(
        [*command, "index"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=env,
    )
    return True


def index_status(files: list[DataFile]) -> tuple[IndexInfo | None, bool]:
    """The data's complete index (or None) and whether a build of it is running now."""
    key = index_key(files)
    with build_lock(key, wait=False) as free:
        building = not free
    return read_marker(index_root() / key), building


def clear_indexes() -> int:
    """Remove every index (the kept answers stay); how many there were. The empty lock files
    stay: removing one while another process waits on it would let two builds run at once."""
    root = index_root()
    if not root.exists():
        return 0
    folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    for folder in folders:
        remove_folder(folder)
    for leftover in [p for p in root.iterdir() if p.is_dir()]:  # builds stopped midway
        with build_lock(leftover.name.lstrip(".").split(".", 1)[0], wait=False) as free:
            if free:  # not a build running now
                shutil.rmtree(leftover, ignore_errors=True)
    return len(folders)
