"""Loading the graph: the curated data (or the user's `--data`), merged facts, and the ontology.

The built dataset has one layout everywhere (in process, in exports, in external stores):

- each evidence quote is a named graph holding the facts it supports;
- the default graph holds entity declarations, evidence and source descriptions, and the
  merge of every fact, so plain SPARQL without `GRAPH` sees all facts once;
- the ontology sits in its own named graph, `https://w3id.org/zonekg/ontology`.
"""
from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import ONTOLOGY_GRAPH, PREFIXES

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
RDFLIB_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


def package_path(*parts: str) -> Path:
    """A file shipped inside the installed package (ontology, curated triples, queries)."""
    return Path(str(files("kg").joinpath(*parts)))


def curated_dir() -> Path:
    return package_path("triples")


def ontology_file() -> Path:
    return package_path("ontology", "zonekg.ttl")


def shapes_file() -> Path:
    return package_path("ontology", "shapes.ttl")


def internal_query(name: str) -> str:
    """The text of one of the code's own SPARQL files under `kg/queries/internal/`."""
    return package_path("queries", "internal", name).read_text(encoding="utf-8")


def data_files(data: str | Path | None = None) -> list[Path]:
    """The RDF files that make up the graph: the curated set, a folder's files, or one file."""
    if data is None:
        return _folder_files(curated_dir())
    path = Path(data)
    if path.is_dir():
        found = _folder_files(path)
        if not found:
            raise KgError(f"{path}: no RDF files ({' '.join(RDF_FORMATS)}) in this folder")
        return found
    if not path.exists():
        raise KgError(f"{path}: no such file or folder")
    rdf_format(path)
    return [path]


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in RDF_FORMATS and p.is_file())


def rdf_format(path: Path) -> ox.RdfFormat:
    try:
        return RDF_FORMATS[path.suffix]
    except KeyError:
        raise KgError(
            f"{path}: unknown RDF format {path.suffix or '(no extension)'!r}; use one of {' '.join(RDF_FORMATS)}"
        ) from None


def syntax_error(path: Path, error: SyntaxError) -> KgError:
    """A one-line error naming the file and line of a parse error."""
    return KgError(f"{syntax_location(path, error)}: {syntax_message(error)}")


def syntax_location(path: Path, error: SyntaxError) -> str:
    line = error.lineno or _line_from(str(error))
    return f"{path}:{line}" if line else str(path)


def syntax_message(error: SyntaxError) -> str:
    message = str(error.msg).split("\n", 1)[0]
    message = re.sub(r"^Parser error (at|between) line \d+ column \d+( and line \d+ column \d+)?: ", "", message)
    return re.sub(r" \([^()]*, line \d+\)$", "", message)


def _line_from(text: str) -> int | None:
    match = re.search(r"line (\d+)", text)
    return int(match.group(1)) if match else None


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
        raise KgError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)
    return dataset


def oxigraph_store(dataset: Dataset) -> ox.Store | None:
    """The Oxigraph store under a dataset, when it runs on that engine."""
    from oxrdflib import OxigraphStore

    return dataset.store._inner if isinstance(dataset.store, OxigraphStore) else None


def parse_file(dataset: Dataset, path: Path, graph: str | None = None) -> None:
    """Add one RDF file to the dataset (a triples file into `graph`, else the default graph).

    A parse error names the file and line.
    """
    fmt = rdf_format(path)
    store = oxigraph_store(dataset)
    try:
        if store is not None:
            target = None if fmt.supports_datasets else (ox.NamedNode(graph) if graph else ox.DefaultGraph())
            store.bulk_load(path=str(path), format=fmt, to_graph=target)
        elif graph:
            from rdflib import URIRef

            dataset.graph(URIRef(graph)).parse(str(path), format=RDFLIB_FORMATS[path.suffix])
        else:
            dataset.parse(str(path), format=RDFLIB_FORMATS[path.suffix])
    except SyntaxError as error:
        raise syntax_error(path, error) from None
    except (ValueError, OSError) as error:
        raise KgError(f"{path}: {_one_line(error)}") from None
    except Exception as error:  # rdflib's parsers raise their own exception types
        raise KgError(f"{path}:{_line_from(str(error)) or '?'}: {_one_line(error)}") from None


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def merge_facts(dataset: Dataset) -> None:
    """Copy every named graph's triples into the default graph (idempotent)."""
    update = internal_query("merge-facts.ru")
    store = oxigraph_store(dataset)
    if store is not None:
        store.update(update)
    else:
        dataset.update(update)


def add_ontology(dataset: Dataset) -> None:
    parse_file(dataset, ontology_file(), graph=ONTOLOGY_GRAPH)


def load(data: str | Path | None = None, engine: str = "oxigraph", with_ontology: bool = True) -> Dataset:
    """The built dataset for the curated data or `data` (a folder or one RDF file).

    >>> import kg
    >>> ds = kg.load()
    """
    dataset = new_dataset(engine)
    for path in data_files(data):
        parse_file(dataset, path)
    merge_facts(dataset)
    if with_ontology:
        add_ontology(dataset)
    return dataset
