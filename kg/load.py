"""Loading the graph: the curated data (or the user's `--data`), merged facts, and the ontology.

The built dataset has one layout everywhere (in process, in exports, in external stores):

- each evidence quote is a named graph holding the facts it supports;
- the default graph holds entity declarations, evidence and source descriptions, the labels
  of the ontology's terms, and the merge of every fact, so plain SPARQL without `GRAPH` sees
  all facts once;
- the ontology sits in its own named graph, `https://w3id.org/zonekg/ontology`;
- no blank node has a random label: the data's get stable IRIs, the ontology's stable labels
  (kg.skolem).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pyoxigraph as ox

from kg.errors import BadValue, DataFileError, NotFound
from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES, ZKG
from kg.parse_errors import line_number, one_line, syntax_error
from kg.resources import curated_dir, internal_query, ontology_file
from kg.skolem import has_blank, skolem_iris, skolemised
from kg.terms import ox_quad, rdflib_quad

if TYPE_CHECKING:
    from rdflib import Dataset

ENGINES = ("oxigraph", "rdflib")

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFLIB_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


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


@dataclass(frozen=True)
class DataFile:
    """One data file as read: its path (for messages and its format) and the bytes parsed."""

    path: Path
    content: bytes

    @cached_property
    def sha256(self) -> bytes:
        """The SHA-256 of the bytes, computed once: the kept answers and the index share it."""
        return hashlib.sha256(self.content).digest()

    @classmethod
    def read(cls, path: Path) -> DataFile:
        try:
            return cls(path, path.read_bytes())
        except OSError as error:
            raise DataFileError(f"{path}: cannot read: {error.strerror or one_line(error)}") from None


def read_data(data: str | Path | None = None) -> list[DataFile]:
    """Each data file read once, into memory: the graph is parsed from these very bytes and the
    kept answers are keyed by them, so a file replaced meanwhile cannot mix two versions."""
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


def new_dataset(engine: str = "oxigraph") -> Dataset:
    """An empty dataset on the chosen engine: Oxigraph (fast, default) or rdflib's memory store.

    oxrdflib is imported here, not with the module: it loads rdflib's SPARQL parser, a tenth of
    a second that `kg --help` and the commands without a graph need not pay.
    """
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    if engine == "oxigraph":
        dataset = Dataset(store=OxigraphStore(store=ox.Store()))
    elif engine == "rdflib":
        dataset = Dataset()
    else:
        raise BadValue(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)
    return dataset


def oxigraph_store(dataset: Dataset) -> ox.Store | None:
    """The Oxigraph store under a dataset, when it runs on that engine."""
    from oxrdflib import OxigraphStore

    store = dataset.store
    return store._inner if isinstance(store, OxigraphStore) else None


def parse_data(dataset: Dataset, file: DataFile, graph: str | None = None) -> None:
    """Add one data file's bytes to the dataset (a triples file into `graph`, else the default
    graph). A parse error names the file and line.
    """
    from rdflib.exceptions import Error as RdflibError

    path = file.path
    fmt = rdf_format(path)
    store = oxigraph_store(dataset)
    try:
        if store is not None:
            target = None if fmt.supports_datasets else (ox.NamedNode(graph) if graph else ox.DefaultGraph())
            store.bulk_load(file.content, format=fmt, to_graph=target)
        else:
            _parse_with_rdflib(dataset, file, graph)
    except SyntaxError as error:
        raise syntax_error(path, error) from None
    except (ValueError, OSError) as error:
        raise DataFileError(f"{path}: {one_line(error)}") from None
    except MemoryError:  # Oxigraph's parser refuses a term longer than its buffer (16 MiB)
        raise DataFileError(f"{path}: a literal or IRI too long to parse (over 16 MiB)") from None
    except RdflibError as error:  # rdflib's N-Triples and N-Quads parsers
        raise DataFileError(f"{path}:{line_number(str(error)) or '?'}: {one_line(error)}") from None


def _parse_with_rdflib(dataset: Dataset, file: DataFile, graph: str | None) -> None:
    from rdflib import URIRef

    target = dataset.graph(URIRef(graph)) if graph else dataset
    target.parse(data=file.content, format=RDFLIB_FORMATS[file.path.suffix])


def merge_facts(dataset: Dataset) -> None:
    """Copy every named graph's triples into the default graph (idempotent)."""
    update = internal_query("merge-facts.ru")
    store = oxigraph_store(dataset)
    if store is not None:
        store.update(update)
    else:
        dataset.update(update)


def skolemise(dataset: Dataset) -> None:
    """Replace every blank node of the data by its stable IRI, and give the ontology's blank
    nodes stable labels (kg.skolem), so that exports, pushes and answers are the same run to run."""
    store = oxigraph_store(dataset)
    if store is not None:
        solutions = cast(ox.QuerySolutions, store.query(internal_query("blank-quads.rq")))
        blank = [ox.Quad(r["s"], r["p"], r["o"], r["g"] or ox.DefaultGraph()) for r in solutions]
    else:
        blank = [q for q in map(ox_quad, dataset.quads((None, None, None, None))) if has_blank(q)]
    if not blank:
        return
    iris = skolem_iris(blank, keep_blank_in=ox.NamedNode(ONTOLOGY_GRAPH))
    if store is not None:
        for quad in blank:
            store.remove(quad)
        store.extend(skolemised(q, iris) for q in blank)
        return
    for quad in blank:
        dataset.remove(rdflib_quad(quad))
    for quad in blank:
        dataset.add(rdflib_quad(skolemised(quad, iris)))


def add_ontology(dataset: Dataset) -> None:
    parse_data(dataset, DataFile.read(ontology_file()), graph=ONTOLOGY_GRAPH)


def add_vocabulary_labels(dataset: Dataset) -> None:
    """The labels of the ontology's classes, properties and values (zkg:Zone "开发区"@zh …) in
    the default graph, so that queries and every export have them without the ontology."""
    labels = [
        ox.Quad(t.subject, t.predicate, t.object)
        for t in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE)
        if t.predicate == _RDFS_LABEL and isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(str(ZKG))
    ]
    store = oxigraph_store(dataset)
    if store is not None:
        store.extend(labels)
        return
    for quad in labels:
        dataset.add(rdflib_quad(quad))


def load_graph(data: str | Path | None = None, engine: str = "oxigraph", with_ontology: bool = True) -> Dataset:
    """The built dataset for the curated data or `data` (a folder or one RDF file).

    >>> import kg
    >>> dataset = kg.load_graph()
    """
    return build_graph(read_data(data), engine, with_ontology)


def build_graph(files: list[DataFile], engine: str = "oxigraph", with_ontology: bool = True) -> Dataset:
    """The built dataset for data files already read (`read_data`)."""
    dataset = new_dataset(engine)
    for file in files:
        parse_data(dataset, file)
    merge_facts(dataset)
    if with_ontology:
        add_ontology(dataset)
    skolemise(dataset)  # the default graph's copies are skolemised with their originals: no second merge
    add_vocabulary_labels(dataset)
    return dataset
