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

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pyoxigraph as ox

from kg.data_files import DataFile, rdf_format, read_data
from kg.errors import BadValue, DataFileError
from kg.namespaces import ONTOLOGY_GRAPH, ZKG, with_prefixes
from kg.oxigraph_dataset import OxigraphDataset
from kg.parse_errors import line_number, one_line, syntax_error
from kg.resources import internal_query, ontology_file
from kg.skolem import has_blank, skolem_iris, skolemised
from kg.terms import ox_quad, rdflib_quad

if TYPE_CHECKING:
    from rdflib import Dataset

ENGINES = ("oxigraph", "rdflib")

_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ONTOLOGY = ox.NamedNode(ONTOLOGY_GRAPH)
RDFLIB_FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


def new_dataset(engine: str = "oxigraph") -> Dataset:
    """An empty dataset on the chosen engine: Oxigraph (fast, default) or rdflib's memory store."""
    if engine == "oxigraph":
        return OxigraphDataset(ox.Store())
    if engine != "rdflib":
        raise BadValue(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    from rdflib import Dataset

    return with_prefixes(Dataset())


def oxigraph_store(dataset: Dataset) -> ox.Store | None:
    """The Oxigraph store under a dataset, when it runs on that engine."""
    return dataset.oxigraph if isinstance(dataset, OxigraphDataset) else None


def parse_data(dataset: Dataset, file: DataFile, graph: str | None = None) -> None:
    """Add one data file's bytes to an rdflib-engine dataset (a triples file into `graph`, else the
    default graph). A parse error names the file and line."""
    from rdflib import Dataset, URIRef

    alone = Dataset()  # a file's blank nodes are its own: rdflib's N-Quads parser would share labels across files
    target = alone.graph(URIRef(graph)) if graph else alone
    with parse_errors_of(file.path):
        target.parse(data=file.content, format=RDFLIB_FORMATS[file.path.suffix])
    dataset.addN(alone.quads((None, None, None, None)))  # type: ignore[arg-type]


@contextmanager
def parse_errors_of(path: Path) -> Iterator[None]:
    """Any parser's error while reading `path`, as a `DataFileError` naming the file and line."""
    from rdflib.exceptions import Error as RdflibError

    try:
        yield
    except SyntaxError as error:
        raise syntax_error(path, error) from None
    except (ValueError, OSError) as error:
        raise DataFileError(f"{path}: {one_line(error)}") from None
    except MemoryError:  # Oxigraph's parser refuses a term longer than its buffer (16 MiB)
        raise DataFileError(f"{path}: a literal or IRI too long to parse (over 16 MiB)") from None
    except RdflibError as error:  # rdflib's N-Triples and N-Quads parsers
        raise DataFileError(f"{path}:{line_number(str(error)) or '?'}: {one_line(error)}") from None


def file_quads(file: DataFile, graph: str | None = None) -> Iterator[ox.Quad]:
    """The quads of one data file as Oxigraph parses them (a triples file's into `graph`, else the
    default graph), its blank nodes scoped to the file, as a bulk load scopes them."""
    fmt = rdf_format(file.path)
    parsed = ox.parse(file.content, format=fmt, rename_blank_nodes=True)
    if fmt.supports_datasets:
        return cast(Iterator[ox.Quad], parsed)
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    return (ox.Quad(t.subject, t.predicate, t.object, target) for t in cast(Iterator[ox.Triple], parsed))


def laid_out(quads: Iterable[ox.Quad], blank: dict[ox.Quad, None], merge: bool = True) -> Iterator[ox.Quad]:
    """The quads with, when `merge`, each named graph's fact copied into the default graph (the
    layout of `kg.load`; the ontology graph is never merged). Quads with a blank node are not
    given but kept in `blank`, to get their stable IRIs once every file is read.

    Called once per quad of the data (a million for a large file): the tests are inlined.
    `merged` does the same for quads without blank nodes."""
    blank_node, default = ox.BlankNode, ox.DefaultGraph()
    for quad in quads:
        graph = quad.graph_name
        copy = merge and graph != default and graph != _ONTOLOGY
        if type(quad.subject) is blank_node or type(quad.object) is blank_node or type(graph) is blank_node:
            blank[quad] = None
            if copy:
                fact = ox.Quad(quad.subject, quad.predicate, quad.object)
                if has_blank(fact):
                    blank[fact] = None
                else:
                    yield fact
            continue
        yield quad
        if copy:
            yield ox.Quad(quad.subject, quad.predicate, quad.object)


def merged(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """`laid_out` for quads known to hold no blank node: a fifth faster on a million quads."""
    default = ox.DefaultGraph()
    for quad in quads:
        yield quad
        graph = quad.graph_name
        if graph != default and graph != _ONTOLOGY:
            yield ox.Quad(quad.subject, quad.predicate, quad.object)


def _without_blank_nodes(file: DataFile) -> bool:
    """Whether the file surely has no blank node: N-Quads or N-Triples without `_:` anywhere."""
    return rdf_format(file.path) in (ox.RdfFormat.N_QUADS, ox.RdfFormat.N_TRIPLES) and b"_:" not in file.content


def _build_in_oxigraph(store: ox.Store, files: list[DataFile], with_ontology: bool) -> None:
    """Each file parsed once, straight into the built layout: no copy of the named graphs and no
    search for blank nodes afterwards, each a pass over the whole store."""
    blank: dict[ox.Quad, None] = {}
    for file in files:
        with parse_errors_of(file.path):
            quads = file_quads(file)
            store.bulk_extend(merged(quads) if _without_blank_nodes(file) else laid_out(quads, blank))
    if with_ontology:
        ontology = DataFile.read(ontology_file())
        with parse_errors_of(ontology.path):
            store.bulk_extend(laid_out(file_quads(ontology, ONTOLOGY_GRAPH), blank, merge=False))
    iris = skolem_iris(blank, keep_blank_in=_ONTOLOGY)
    store.bulk_extend(skolemised(q, iris) for q in blank)


def _build_with_rdflib(dataset: Dataset, files: list[DataFile], with_ontology: bool) -> None:
    for file in files:
        parse_data(dataset, file)
    dataset.update(internal_query("merge-facts.ru"))
    if with_ontology:
        parse_data(dataset, DataFile.read(ontology_file()), graph=ONTOLOGY_GRAPH)
    skolemise(dataset)  # the default graph's copies are skolemised with their originals: no second merge


def skolemise(dataset: Dataset) -> None:
    """Replace every blank node of an rdflib-engine dataset by its stable IRI, and give the
    ontology's blank nodes stable labels (kg.skolem), so that exports, pushes and answers are the
    same run to run."""
    blank = [q for q in map(ox_quad, dataset.quads((None, None, None, None))) if has_blank(q)]
    if not blank:
        return
    iris = skolem_iris(blank, keep_blank_in=_ONTOLOGY)
    for quad in blank:
        dataset.remove(rdflib_quad(quad))
    for quad in blank:
        dataset.add(rdflib_quad(skolemised(quad, iris)))


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
    store = oxigraph_store(dataset)
    if store is not None:
        _build_in_oxigraph(store, files, with_ontology)
    else:
        _build_with_rdflib(dataset, files, with_ontology)
    add_vocabulary_labels(dataset)
    return dataset
