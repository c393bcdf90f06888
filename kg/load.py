"""Loading the graph: the curated data (or the user's `--data`), merged facts, and the ontology.

The built dataset has one layout everywhere (in process, in exports, in external stores):

- each evidence quote is a named graph holding the facts it supports;
- the default graph holds entity declarations, evidence and source descriptions, the labels
  of the ontology's terms, and the merge of every fact, so plain SPARQL without `GRAPH` sees
  all facts once;
- the ontology sits in its own named graph, `https://w3id.org/zonekg/ontology`;
- no blank node has a random label: the data's get stable IRIs, the ontology's stable labels
  (kg.skolem).

In process on Oxigraph, the merge and the ontology's graph come last, when first needed
(`build_graph`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.data_files import DataFile, parsed_quads, rdf_format, read_data
from kg.errors import BadValue, DataFileError
from kg.line_formats import LINE_FORMATS, load_lines
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
    return parsed_quads(file.content, rdf_format(file.path), graph)


def blank_aside(quads: Iterable[ox.Quad], blank: dict[ox.Quad, None]) -> Iterator[ox.Quad]:
    """The quads without a blank node; those with one are kept in `blank`, to get their stable
    IRIs once every file is read (kg.skolem). Called once per quad of the data: inlined tests."""
    blank_node = ox.BlankNode
    for quad in quads:
        if type(quad.subject) is blank_node or type(quad.object) is blank_node or type(quad.graph_name) is blank_node:
            blank[quad] = None
        else:
            yield quad


def _load_files(store: ox.Store, files: list[DataFile]) -> dict[ox.Quad, None]:
    """Each file parsed once into the store as it is, but for the quads with a blank node: these
    are given back. N-Quads and N-Triples are loaded by Oxigraph alone (kg.line_formats)."""
    blank: dict[ox.Quad, None] = {}
    for file in files:
        with parse_errors_of(file.path):
            if rdf_format(file.path) in LINE_FORMATS:
                load_lines(store, file, partial(blank_aside, blank=blank))
            else:
                store.bulk_extend(blank_aside(file_quads(file), blank))
    return blank


def _add_ontology(store: ox.Store, blank: dict[ox.Quad, None]) -> None:
    """The ontology into its own graph, its quads with blank nodes into `blank`."""
    ontology = DataFile.read(ontology_file())
    with parse_errors_of(ontology.path):
        store.bulk_extend(blank_aside(file_quads(ontology, ONTOLOGY_GRAPH), blank))


def _add_skolemised(store: ox.Store, blank: dict[ox.Quad, None]) -> None:
    """The quads with blank nodes, each blank node replaced by its stable IRI (kept blank in the
    ontology's graph). The IRIs are those of the built layout, whose default graph has a copy of
    each fact of the other named graphs: they are hashed with these copies."""
    default = ox.DefaultGraph()
    copies = (ox.Quad(q.subject, q.predicate, q.object) for q in blank if q.graph_name not in (default, _ONTOLOGY))
    iris = skolem_iris(dict.fromkeys([*blank, *copies]), keep_blank_in=_ONTOLOGY)
    store.bulk_extend(skolemised(q, iris) for q in blank)


def complete_layout(store: ox.Store, with_ontology: bool = True, blank: dict[ox.Quad, None] | None = None) -> None:
    """The layout's last step on a store of the data as parsed: the ontology in its own graph,
    its blank nodes (and those of `blank`, the data's set aside, if not yet added) given their
    stable labels and IRIs together, then every other named graph's facts merged into the
    default graph."""
    blank = {} if blank is None else blank
    if with_ontology:
        _add_ontology(store, blank)
    _add_skolemised(store, blank)
    store.update(internal_query("merge-facts.ru"))


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


def vocabulary_labels() -> list[ox.Quad]:
    """The labels of the ontology's classes, properties and values (zkg:Zone "开发区"@zh …), for
    the default graph, so that queries and every export have them without the ontology."""
    return [
        ox.Quad(subject, _RDFS_LABEL, name)
        for subject, names in ontology_labels().items()
        if subject.value.startswith(str(ZKG))
        for name in names
    ]


@cache
def ontology_labels() -> dict[ox.NamedNode, list[ox.Literal]]:
    """The `rdfs:label`s of the ontology's named terms, by term, in the ontology's order."""
    found: dict[ox.NamedNode, list[ox.Literal]] = {}
    for t in ox.parse(path=str(ontology_file()), format=ox.RdfFormat.TURTLE):
        if t.predicate == _RDFS_LABEL and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.Literal):
            found.setdefault(t.subject, []).append(t.object)
    return found


def load_graph(data: str | Path | None = None, engine: str = "oxigraph", with_ontology: bool = True) -> Dataset:
    """The built dataset for the curated data or `data` (a folder or one RDF file).

    >>> import kg
    >>> dataset = kg.load_graph()
    """
    return build_graph(read_data(data), engine, with_ontology)


def build_graph(files: list[DataFile], engine: str = "oxigraph", with_ontology: bool = True) -> Dataset:
    """The built dataset for data files already read (`read_data`).

    On Oxigraph the layout's last step (`complete_layout`) waits for the first read of the
    whole store (`OxigraphDataset.oxigraph`): until then the union of the graphs holds the
    triples of the built default graph, with no ontology graph to add any, and kg's own
    queries whose rows are distinct answer on it alike (`kg.sparql.run`). A question answered
    by those alone never pays the merge: a second at a million triples."""
    if engine != "oxigraph":
        dataset = new_dataset(engine)
        _build_with_rdflib(dataset, files, with_ontology)
        for quad in vocabulary_labels():
            dataset.add(rdflib_quad(quad))
        return dataset
    store = ox.Store()
    blank = _load_files(store, files)
    store.extend(vocabulary_labels())
    in_ontology_graph = next(store.quads_for_pattern(None, None, None, _ONTOLOGY), None) is not None
    if in_ontology_graph or any(q.graph_name == _ONTOLOGY for q in blank):
        # The data has quads in the ontology's graph, which the union of the graphs would show:
        # the layout is built at once, the ontology's blank nodes hashed with the data's there.
        complete_layout(store, with_ontology, blank)
        return OxigraphDataset(store)
    _add_skolemised(store, blank)
    return OxigraphDataset(store, partial(complete_layout, with_ontology=with_ontology))
