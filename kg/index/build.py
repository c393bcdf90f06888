"""Building an index: the data's bytes (read once: the key is their hash) loaded in memory, its
tables and kept answers computed there, the store written to disk in a hidden temporary folder,
the marker written last, the folder renamed into place (see `kg.index.folders`).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.chain import chain_tree, members_of
from kg.errors import BadQuery, DataFileError, OutputError
from kg.graph import edge_rows, network, node_rows, typed_scores
from kg.index.answers import write_answers
from kg.index.folders import IndexInfo, build_lock, index_key, index_root, read_marker, remove_folder
from kg.index.layout import MARKER, STORE, TABLES
from kg.index.tables import write_names, write_network, write_scores
from kg.labels import LANGUAGES
from kg.load import DataFile, build_graph, oxigraph_store
from kg.names import normalise
from kg.sparql import Answer, internal_rows, run
from kg.stats import stats

STEPS = ("data loaded", "names", "network and ranking", "statistics, chain tree and listings", "store written")
"""What a build does, in order: `progress` is told each as it is done."""
Progress = Callable[[str], None]


def build_index(files: list[DataFile], progress: Progress | None = None) -> IndexInfo:
    """The complete index of the data files read: the one there is, else built now from these
    very bytes (waiting for another process building the same one), telling `progress` each
    of the `STEPS` as it is done."""
    key = index_key(files)
    folder = index_root() / key
    try:
        with build_lock(key):
            found = read_marker(folder)
            if found is not None:
                return found
            remove_folder(folder)
            for stale in index_root().glob(f".{key}.*"):
                shutil.rmtree(stale, ignore_errors=True)
            built = _build(files, key, folder, progress)
        for file in files:
            file.remember_sha256()
        return built
    except OSError as error:
        raise OutputError(f"cannot write the index in {index_root()}: {error.strerror or error}") from None


def _build(files: list[DataFile], key: str, folder: Path, progress: Progress | None) -> IndexInfo:
    """Load in memory, compute the tables there (Oxigraph answers the whole-graph questions in
    memory three times faster than from disk), then write the store to disk."""
    start = time.perf_counter()
    done = progress or (lambda step: None)
    work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{key}.", suffix=".building"))
    try:
        memory = build_graph(files)
        done(STEPS[0])
        store = oxigraph_store(memory)
        assert store is not None
        write_tables(memory, work / TABLES, done)
        on_disk = ox.Store(str(work / STORE))
        on_disk.bulk_extend(store)
        on_disk.optimize()
        on_disk.flush()
        done(STEPS[4])
        triples = len(on_disk)
        del on_disk, store, memory
        seconds = time.perf_counter() - start
        marker = {
            "key": key,
            "files": [str(file.path.resolve()) for file in files],
            "triples": triples,
            "seconds": seconds,
        }
        (work / MARKER).write_text(json.dumps(marker), encoding="utf-8")
        work.rename(folder)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    info = read_marker(folder)
    assert info is not None
    return info


def write_tables(dataset: Dataset, path: Path, done: Progress = lambda step: None) -> None:
    """The names, the network and its degree ranking, and the large chains' listings, computed
    from the built dataset."""
    names = sorted(
        (normalise(str(r["name"])), str(r["entity"]), str(r["class"]), str(r["name"]))
        for r in internal_rows(dataset, "entity-names.rq")
    )
    write_names(path, names)
    done(STEPS[1])
    nodes, edges = node_rows(dataset), edge_rows(dataset)
    write_network(path, nodes, edges)
    write_scores(path, "degree", typed_scores(network(nodes, edges), "degree"))
    done(STEPS[2])
    write_answers(path, kept_answers(dataset))
    done(STEPS[3])


KEEP_FROM = 1_000
"""Members (of a chain and its narrower chains) from which a chain's listing is kept: below it,
the store answers in about as long as it takes to start Python."""


class Recorder:
    """A source that answers from a dataset and keeps every SELECT answer by the text it ran."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.answers: dict[str, Answer] = {}

    def query(self, text: str) -> Answer:
        answer = run(self.dataset, text)
        if answer.kind != "SELECT":
            raise BadQuery("only SELECT answers are kept with an index")
        self.answers[text] = answer
        return answer


def kept_answers(dataset: Dataset) -> dict[str, Answer]:
    """What the index keeps beside the store, by query text: the answers of the whole-graph
    questions (the statistics, the chain tree in each language) and every answer the listings
    of the chains of at least `KEEP_FROM` members need, in each language. A chain hierarchy that
    goes round in a circle has no tree: its commands say so, from the store."""
    recorder = Recorder(dataset)
    stats(recorder)
    try:
        trees = [tree for lang in LANGUAGES for tree in chain_tree(recorder, lang)]
    except DataFileError:
        return recorder.answers
    large = sorted(
        {node.chain for tree in trees for _, node in tree.walk() if len(node.members()) >= KEEP_FROM}, key=str
    )
    for chain in large:
        for lang in LANGUAGES:
            members_of(recorder, chain, None, lang)
    return recorder.answers
