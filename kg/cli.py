"""The `kg` command: parses options, calls one library function, prints what a renderer of
`kg.output` makes of its answer.

The library is imported inside each command, so that `kg --help` loads neither rdflib,
networkx, pyvis nor pyshacl (tests/test_cli.py); where the answer may be read from the kept
answers, inside the function that produces it, so that reading it loads no rdflib either.
"""

from __future__ import annotations

import contextlib
import errno
import io
import logging
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kg.errors import BadValue, KgError, MissingParameter, TooManyEntities
from kg.files import read_text
from kg.output.safe import printable

if TYPE_CHECKING:
    from rdflib import Dataset

    from kg.data_files import DataFile
    from kg.sparql import Source


class Context:
    """Options shared by every command, and the graph, loaded once when a command needs it."""

    def __init__(
        self,
        data: str | None,
        engine: str,
        cache: bool = True,
        index: bool = True,
        warnings: OneLineWarnings | None = None,
    ):
        self.data = data
        self.warnings = warnings or OneLineWarnings()
        self.engine = engine
        self.cache = cache
        self._files: list[DataFile] | None = None
        self.index = index
        self._dataset: Dataset | None = None

    @property
    def files(self) -> list[DataFile]:
        """The data files, read once: the graph and the key of kept answers come from these bytes."""
        if self._files is None:
            from kg.data_files import read_data

            self._files = read_data(self.data)
        return self._files

    @property
    def dataset(self) -> Dataset:
        """The data's index when it has one; else the data loaded in memory, and once the
        command is done, a background build of its index (for large data)."""
        if self._dataset is None:
            from kg.index.dataset import IndexedDataset
            from kg.index.folders import open_or_load, start_background_build

            self._dataset = open_or_load(self.files, self.engine, self.index)
            if self.index and self.engine == "oxigraph" and not isinstance(self._dataset, IndexedDataset):
                click.get_current_context().call_on_close(lambda: start_background_build(self.data, self.files))
        return self._dataset


def flag_wording(error: KgError) -> str:
    """The error's message in the terms of the command line: its options, not the library's names."""
    if isinstance(error, MissingParameter):
        return f"query {error.query} needs -p {error.parameter}=… ({error.doc})"
    if isinstance(error, TooManyEntities):
        return (
            f"the selection has {error.found} entities, more than --max-nodes {error.limit}: a page that size "
            "freezes the browser; narrow it with --zone, --chain or --around (or raise --max-nodes)"
        )
    return str(error)


class OneLineWarnings(logging.Handler):
    """Library logging as `kg: warning: …` lines on stderr: the first line of the message only,
    never a traceback, each distinct message once."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.said: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.say(record.getMessage())

    def say(self, message: str) -> None:
        line = printable(message).split("\n", 1)[0]
        if line not in self.said:
            self.said.append(line)
            click.echo(f"kg: warning: {line}", err=True)


def warn_in_one_line() -> OneLineWarnings:
    """kg's warnings in one line each; rdflib's only from errors up: its warning about a value
    that is not what its datatype says comes with a traceback, and kg warns about it itself."""
    handler = OneLineWarnings()
    for name, level in (("kg", logging.WARNING), ("rdflib", logging.ERROR)):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level)
        logger.propagate = False
    return handler


class Group(click.Group):
    """Turns a KgError anywhere below into one line on stderr and exit status 1; so too an output
    that cannot be written (a full disk behind stdout; a closed pipe ends quietly), and a usage
    error (status 2)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            fail_usage(error)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except click.UsageError as error:
            fail_usage(error)
        except KgError as error:
            fail(f"kg: error: {printable(flag_wording(error))}")
        except OSError as error:  # writing stdout: the library words its own file errors
            silence_stdout()
            if error.errno == errno.EPIPE:
                sys.exit(1)
            fail(f"kg: error: cannot write the output: {error.strerror or error}")
        except RecursionError:
            fail("kg: error: the data nests too deeply to be written in this format (blank nodes within blank nodes)")


def fail(line: str, status: int = 1) -> NoReturn:
    with contextlib.suppress(OSError):
        click.echo(line, err=True)
    sys.exit(status)


def fail_usage(error: click.UsageError) -> NoReturn:
    """A usage error in one line, with where to read the usage."""
    where = f" (see {error.ctx.command_path} --help)" if error.ctx is not None else ""
    fail(f"kg: error: {printable(error.format_message())}{where}", error.exit_code)


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the output still buffered is not written again at exit
    (Python would print "Exception ignored … BrokenPipeError")."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    metavar="PATH",
    help="A folder of .trig/.ttl files or one RDF file (.trig .nq .ttl .nt .jsonld) to use instead of the curated data.",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "rdflib"]),
    default="oxigraph",
    show_default=True,
    help="The store under the rdflib API.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither use nor keep answers of earlier runs on the same data (see the README's Performance).",
)
@click.option(
    "--no-index",
    is_flag=True,
    help="Load the data in memory: neither use its index nor start building one (see `kg index`).",
)
@click.version_option(package_name="zonekg")
@click.pass_context
def cli(ctx: click.Context, data: str | None, engine: str, no_cache: bool, no_index: bool) -> None:
    """zonekg: a knowledge graph of China's development zones, every fact with its quote.

    \b
    Example:
        kg chain 新材料
    """
    ctx.obj = Context(data, engine, cache=not no_cache, index=not no_index, warnings=warn_in_one_line())


def main() -> NoReturn:
    """The `kg` command: `cli` run, then the process ended at once, without freeing what it
    loaded. Freeing a graph of a million triples takes the interpreter half a second at exit;
    the operating system takes the memory back in no time. Output is flushed first; the
    background index build, if any, was started when the command closed."""
    try:
        cli.main(prog_name="kg")
        status: int = 0
    except SystemExit as end:
        status = _exit_status(end.code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _exit_status(code: object) -> int:
    """The status `sys.exit(code)` would give: 0 for None, the int, else 1 (after printing it)."""
    if code is None or isinstance(code, int):
        return code or 0
    with contextlib.suppress(OSError):
        print(code, file=sys.stderr)
    return 1


pass_context = click.make_pass_decorator(Context)

QUOTES_NOT_CHECKED = "kg: warning: quotes were not checked against their sources: give --corpus DIR or set KG_CORPUS"


def echo_output(context: Context, produce: Callable[[], str], keep: bool = True) -> None:
    """Print what `produce` renders; for the same command on the same data and code, the output
    kept from an earlier run instead (kg.cache), unless --no-cache or `keep` is false."""

    if not (context.cache and keep):
        text = produce()
        click.echo(f"{text}\n" if text else "", nl=False)
        return
    from kg.cache import Kept, command_key, data_digest, kept_output

    def printed() -> Kept:
        before = len(context.warnings.said)
        text = produce()
        return Kept(f"{text}\n" if text else "", tuple(context.warnings.said[before:]))

    command = click.get_current_context()
    key = command_key(command.info_name or "", command.params, data_digest(context.files), context.engine)
    output, error = kept_output(key, printed)
    click.echo(output.stdout, nl=False)
    for warning in output.warnings:
        context.warnings.say(warning)
    if error is not None:
        click.echo(f"kg: warning: {printable(str(error))}", err=True)


@cli.command()
@click.option(
    "--corpus",
    metavar="DIR",
    envvar="KG_CORPUS",
    show_envvar=True,
    help="The source articles, to check every quote against its source; without it quotes are not checked.",
)
@click.option(
    "--draft",
    is_flag=True,
    help="The data is a draft of `kg extract`: English labels left to the reviewer are accepted; every entity and fact must be proposed.",
)
@pass_context
def validate(context: Context, corpus: str | None, draft: bool) -> None:
    """Check the data: syntax, SHACL shapes, verbatim quotes, evidence, declarations, figures.

    Prints one line per problem naming the file and the entity; exits 1 when there is any.

    \b
    Example:
        kg validate --corpus ../shared/corpus
        kg --data draft.trig validate --draft --corpus articles/
    """
    from kg.output.views import problem_lines, validation_summary
    from kg.validate import validate as check

    report = check(
        context.data,
        corpus,
        draft=draft,
        progress=lambda step: click.echo(f"kg: validate: {printable(step)}", err=True),
    )
    if not report.quotes_checked:
        click.echo(QUOTES_NOT_CHECKED, err=True)
    if report.problems:
        click.echo(problem_lines(report))
    click.echo(validation_summary(report), err=True)
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_context
def stats(context: Context, fmt: str) -> None:
    """Entities per class, facts per property, quotes per source and evidence coverage.

    \b
    Example:
        kg stats --format json
    """

    def produce() -> str:
        from kg.output.views import stats_text
        from kg.stats import stats as count

        return stats_text(count(context.dataset), fmt)

    echo_output(context, produce)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld", "graphml", "gexf"]),
    required=True,
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (atomically) instead of stdout."
)
@click.option("--with-ontology", is_flag=True, help="Include the ontology.")
@pass_context
def export(context: Context, fmt: str, out: Path | None, with_ontology: bool) -> None:
    """Export the graph: turtle and ntriples merge the facts; nquads, trig and jsonld keep one named graph per quote;
    graphml and gexf hold the network of entities and relations (for Gephi, yEd, Cytoscape).

    \b
    Example:
        kg export --format nquads --out zonekg.nq
        kg export --format gexf --out zonekg.gexf
    """
    from kg.export import export as serialise
    from kg.files import write_atomic

    data = serialise(context.dataset, fmt, with_ontology)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(out, data)
        click.echo(f"wrote {out} ({len(data):,} bytes)", err=True)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people; json (array of row objects, labels beside IRIs); csv (opens in Excel).",
)
lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="The language of labels."
)


bom_option = click.option(
    "--bom/--no-bom",
    default=True,
    show_default=True,
    help="Begin CSV with a byte-order mark (Excel needs it; Python's csv module does not).",
)


@cli.command()
@click.argument("name")
@click.option("--zone", metavar="ZONE", help="Only members in this zone (any label or alias).")
@click.option(
    "--type",
    "types",
    metavar="CLASS,…",
    help="Only members of these classes: Enterprise, Project, Platform (any case).",
)
@click.option(
    "--by",
    type=click.Choice(["fact", "member"]),
    default="fact",
    show_default=True,
    help="CSV/JSON rows: one per member, chain and quote (fact), or one per member (chains joined, quotes counted).",
)
@format_option
@bom_option
@lang_option
@pass_context
def chain(
    context: Context, name: str, zone: str | None, types: str | None, by: str, fmt: str, bom: bool, lang: str
) -> None:
    """Every member of an industrial chain — enterprises, projects, platforms — including members
    of its narrower chains, grouped by zone, each with the quote that puts it in the chain and
    the source's title and year. CSV and JSON carry the zone, investment (亿元) and status.

    NAME and ZONE are any label or alias, Chinese or English.

    \b
    Example:
        kg chain 新材料 --zone 杭州湾上虞经开区
        kg chain 新材料 --type enterprise --by member --format csv > enterprises.csv
    """

    def produce() -> str:
        from kg.chain import chain_members, member_classes
        from kg.output.views import chain_listing, chain_rows

        classes = member_classes(t for t in (types or "").split(",") if t.strip())
        members = chain_members(context.dataset, name, zone, lang, classes)
        return chain_listing(members, lang) if fmt == "table" else chain_rows(members, fmt, by, bom)

    echo_output(context, produce)


@cli.command()
@lang_option
@pass_context
def chains(context: Context, lang: str) -> None:
    """The industrial chains as a tree, with member counts (narrower chains included; a chain
    with two broader chains shows under both).

    \b
    Example:
        kg chains --lang en
    """

    def produce() -> str:
        from kg.chain import chain_tree
        from kg.output.views import chain_tree_text

        return chain_tree_text(chain_tree(context.dataset, lang))

    echo_output(context, produce)


@cli.group()
def report() -> None:
    """What analysts hand in: a chain dossier, a zone profile, the zones × chains matrix, as an
    XLSX workbook (a cover, one sheet per list) or one HTML page with its charts (no network).

    \b
    Example:
        kg report chain 新材料 --format xlsx --out 新材料.xlsx
    """


report_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "html"], case_sensitive=False),
    default="xlsx",
    show_default=True,
    help="xlsx (Excel, WPS) or html (charts inline, no network; prints to A4).",
)
report_out = click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (atomically); default report-<what>.<format> in this folder.",
)


def write_report(data: bytes, out: Path | None, default_name: str) -> None:
    from kg.files import write_atomic

    path = write_atomic(out or Path(default_name), data)
    click.echo(f"wrote {path} ({len(data):,} bytes)", err=True)


@report.command("chain")
@click.argument("name")
@report_format
@report_out
@lang_option
@pass_context
def report_chain(context: Context, name: str, fmt: str, out: Path | None, lang: str) -> None:
    """The chain dossier (一链一图N清单): the chain and its narrower chains across the zones (where
    a zone has none: a gap to fill), then its enterprises, projects, platforms and talent
    institutions, one row each with its quotes, the sources' titles and years.

    \b
    Example:
        kg report chain 新材料 --format html --out 新材料.html
    """
    from kg.output.reports import dossier_document, render_report
    from kg.report.chain import chain_dossier

    dossier = chain_dossier(context.dataset, name, lang)
    data = render_report(dossier_document(dossier), fmt)
    write_report(data, out, f"report-{slug(dossier.chain)}.{fmt}")


@report.command("zone")
@click.argument("name")
@report_format
@report_out
@lang_option
@pass_context
def report_zone(context: Context, name: str, fmt: str, out: Path | None, lang: str) -> None:
    """The zone profile: its chains with member counts, leading enterprises, platforms, the
    project pipeline with investment, honours by year and indicators, with charts.

    \b
    Example:
        kg report zone 嵊州经济开发区 --format html --out 嵊州.html
    """
    from kg.output.reports import profile_document, render_report
    from kg.report.zone import zone_profile

    profile = zone_profile(context.dataset, name, lang)
    data = render_report(profile_document(profile), fmt)
    write_report(data, out, f"report-{slug(profile.zone)}.{fmt}")


@report.command("zones")
@report_format
@report_out
@lang_option
@pass_context
def report_zones(context: Context, fmt: str, out: Path | None, lang: str) -> None:
    """The zones × chains matrix: members and project investment of every top-level chain in
    every zone, as a heat map and tables — where each zone is strong, where it has nothing.

    \b
    Example:
        kg report zones --format xlsx --out zones.xlsx
    """
    from kg.output.reports import matrix_document, render_report
    from kg.report.matrix import zones_matrix

    data = render_report(matrix_document(zones_matrix(context.dataset, lang)), fmt)
    write_report(data, out, f"report-zones.{fmt}")


def slug(iri: object) -> str:
    """The ASCII slug of an entity's IRI (id:chain-new-materials → chain-new-materials), for file names."""
    from kg.namespaces import short

    return short(str(iri)).split(":", 1)[-1].strip("<>").replace("/", "-")


endpoint_option = click.option(
    "--endpoint", metavar="URL", help="Run on this SPARQL endpoint (after `kg push`) instead of the local graph."
)


def query_source(context: Context, endpoint: str | None) -> Source:
    """The local graph, or the remote SPARQL endpoint the user named."""
    if endpoint is None:
        return context.dataset
    from kg.remote.endpoint import SparqlEndpoint

    return SparqlEndpoint(endpoint)


def parse_parameters(pairs: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise BadValue(f"parameter {pair!r} is not key=value")
        values[key.strip()] = value
    return values


@cli.command()
@click.argument("name", required=False)
@click.option(
    "-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter of the query (repeatable)."
)
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@endpoint_option
@format_option
@lang_option
@pass_context
def query(
    context: Context, name: str | None, params: tuple[str, ...], list_: bool, endpoint: str | None, fmt: str, lang: str
) -> None:
    """Run a named query from kg/queries/ with parameters bound as RDF terms.

    Names of entities (chain, zone, …) are any label or alias; amounts are in 亿元.

    \b
    Example:
        kg query --list
        kg query projects-over -p amount=50 --format csv > projects.csv
        kg query chain-members -p chain=新材料 --endpoint http://127.0.0.1:7878/query
    """
    if list_ or name is None:
        from kg.named import named_queries
        from kg.output.answers import query_list

        click.echo(query_list(named_queries().values()))
        return
    values = parse_parameters(params)

    def produce() -> str:
        from kg.named import named_answer
        from kg.output.answers import render_answer

        return render_answer(named_answer(query_source(context, endpoint), name, values, lang), fmt)

    echo_output(context, produce, keep=endpoint is None)


@cli.command()
@click.argument("text", required=False, metavar="QUERY")
@click.option(
    "-f",
    "--file",
    "file_text",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=lambda _, __, path: None if path is None else read_text(path),
    help="Read the query from a file (or - or /dev/stdin), UTF-8.",
)
@endpoint_option
@format_option
@lang_option
@pass_context
def sparql(
    context: Context, text: str | None, file_text: str | None, endpoint: str | None, fmt: str, lang: str
) -> None:
    """Run any SPARQL SELECT, ASK or CONSTRUCT; the project's prefixes (zkg:, id:, ev:, src:,
    rdfs:, skos:, prov:, dcterms:, schema: …) are predeclared.

    \b
    Example:
        kg sparql "SELECT ?e WHERE { ?e zkg:inChain id:chain-new-materials }"
    """
    from kg.sparql_tokens import repeatable

    if (text is None) == (file_text is None):
        raise BadValue("give a query or -f FILE, not both or neither")
    query_text = str(text if file_text is None else file_text)

    def produce() -> str:
        from kg.labels import run_with_labels
        from kg.output.answers import render_answer

        return render_answer(run_with_labels(query_source(context, endpoint), query_text, lang), fmt)

    echo_output(context, produce, keep=endpoint is None and repeatable(query_text))


@cli.command()
@click.option("--status", is_flag=True, help="Say whether the data has an index, and whether one is being built.")
@click.option("--clear", is_flag=True, help="Remove every index (the kept answers stay).")
@pass_context
def index(context: Context, status: bool, clear: bool) -> None:
    """Build the index of the data: the built graph on disk, keyed by the data's content, which
    every later command on the same data opens instead of loading the data (seconds at a
    million triples). Commands on large new data start one in the background by themselves.

    \b
    Example:
        kg --data all-zones.nq index
        kg --data all-zones.nq index --status
    """
    from kg.index.build import STEPS, build_index
    from kg.index.folders import clear_indexes, index_status
    from kg.output.views import index_text

    if status and clear:
        raise BadValue("give --status or --clear, not both")
    if clear:
        click.echo(f"removed {clear_indexes()} index(es)")
        return
    if status:
        click.echo(index_text(*index_status(context.files)))
        return
    with click.progressbar(
        length=len(STEPS),
        label="indexing",
        item_show_func=lambda step: step,
        file=sys.stderr,
        hidden=not sys.stderr.isatty(),
    ) as bar:
        info = build_index(context.files, lambda step: bar.update(1, step))
    click.echo(index_text(info, False))


@cli.command()
@click.argument("entity")
@lang_option
@pass_context
def show(context: Context, entity: str, lang: str) -> None:
    """An entity's names and type, then every fact in which it is subject or object, each with
    its quote and source — what to read before citing a fact.

    \b
    Example:
        kg show 比亚迪
    """

    def produce() -> str:
        from kg.entity import entity_card
        from kg.output.views import entity_card_text

        return entity_card_text(entity_card(context.dataset, entity, lang), lang)

    echo_output(context, produce)


@cli.command()
@click.argument("entity")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6), help="How many steps away.")
@lang_option
@pass_context
def neighbors(context: Context, entity: str, depth: int, lang: str) -> None:
    """The entities within DEPTH steps of ENTITY, with the facts that reach them.

    \b
    Example:
        kg neighbors 比亚迪 --depth 2
    """

    def produce() -> str:
        from kg.graph import neighbors_of
        from kg.output.views import neighbors_table

        return neighbors_table(neighbors_of(context.dataset, entity, depth, lang))

    echo_output(context, produce)


@cli.command()
@click.argument("a")
@click.argument("b")
@lang_option
@pass_context
def path(context: Context, a: str, b: str, lang: str) -> None:
    """The shortest chain of facts connecting two entities, printed as facts.

    \b
    Example:
        kg path 比亚迪 浙江省
    """

    def produce() -> str:
        from kg.graph import path_between
        from kg.output.views import path_text

        return path_text(path_between(context.dataset, a, b, lang))

    echo_output(context, produce)


@cli.command()
@click.option("--by", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree", show_default=True)
@click.option("--type", "type_", metavar="CLASS", help="Only entities of this class (Enterprise, Zone, Platform, …).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1))
@lang_option
@pass_context
def rank(context: Context, by: str, type_: str | None, top: int, lang: str) -> None:
    """The most central entities of the network by degree, betweenness or PageRank.

    \b
    Example:
        kg rank --by pagerank --type Enterprise --top 5
    """

    def produce() -> str:
        from kg.graph import ranking
        from kg.output.views import rank_table

        return rank_table(ranking(context.dataset, by, type_, top, lang), by)

    echo_output(context, produce)


@cli.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The page to write; default build/zonekg[-FILTERS].html, named after the filters.",
)
@click.option("--zone", metavar="ZONE", help="Only this zone, what is located in it, and their chains and honours.")
@click.option("--chain", metavar="CHAIN", help="Only this industrial chain, its narrower chains and their members.")
@click.option("--around", metavar="ENTITY", help="Only the entities within --depth steps of this one.")
@click.option("--depth", type=click.IntRange(min=1), help="Steps from --around (default 1).")
@click.option("--types", metavar="CLASS,…", help="Only these classes, e.g. Enterprise,Project.")
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="The language of the labels."
)
@click.option(
    "--max-nodes", type=click.IntRange(min=1), default=500, show_default=True, help="Refuse larger selections."
)
@pass_context
def viz(
    context: Context,
    out: Path | None,
    zone: str | None,
    chain: str | None,
    around: str | None,
    depth: int | None,
    types: str | None,
    lang: str,
    max_nodes: int,
) -> None:
    """Write the graph as one interactive HTML page that works offline.

    Nodes are coloured by class; hover a node for its names and figures, click a node or an
    edge for the facts and their quotes. Filters combine: the page shows what all keep.

    \b
    Example:
        kg viz --zone 杭州湾上虞经开区 --lang en --out shangyu.html
    """
    from kg.viz import Filters, build_page, write_page

    filters = Filters(zone, chain, around, depth, tuple(t for t in (types or "").split(",") if t.strip()))
    page = build_page(context.dataset, filters, lang, max_nodes)
    path = write_page(page.html, out, page.name)
    click.echo(f"wrote {path} ({page.graph.number_of_nodes()} entities, {page.graph.number_of_edges()} relations)")


def finite(number: float, option: str) -> float:
    """A number option's value, unless it is nan or infinite (which click's ranges let pass)."""
    if not math.isfinite(number):
        raise BadValue(f"{option} {number}: not a finite number of seconds")
    return number


def store_password(user: str | None) -> str | None:
    """The store password: KG_STORE_PASSWORD, else a hidden prompt; never an option."""
    if user is None:
        return None
    password = os.environ.get("KG_STORE_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise BadValue(f"no password for {user}: set KG_STORE_PASSWORD (no terminal to ask in)")
    return click.prompt(f"password for {user}", hide_input=True, err=True)


@cli.command()
@click.option(
    "--store",
    metavar="URL",
    help="The store's Graph Store Protocol endpoint (Oxigraph …/store, Fuseki …/DATASET/data, Virtuoso …/sparql-graph-crud-auth, GraphDB …/repositories/ID/rdf-graphs/service).",
)
@click.option(
    "--update", metavar="URL", help="A SPARQL 1.1 Update endpoint instead, for stores without the Graph Store Protocol."
)
@click.option(
    "--graph", metavar="IRI", help="Put everything (facts, declarations, ontology) into this one named graph."
)
@click.option("--default", "default", is_flag=True, help="Put everything into the store's default graph.")
@click.option("--replace", is_flag=True, help="Replace the graphs pushed to (PUT) instead of adding to them (POST).")
@click.option("--facts-only", is_flag=True, help="Leave out the quote graphs and the evidence and source descriptions.")
@click.option("--user", metavar="NAME", help="Log in as NAME; the password comes from KG_STORE_PASSWORD or a prompt.")
@click.option(
    "--auth",
    type=click.Choice(["basic", "digest"]),
    help="HTTP authentication; default digest for Virtuoso, basic otherwise.",
)
@endpoint_option
@click.option("--chunk-size", default=10000, show_default=True, type=click.IntRange(1), help="Quads per request.")
@click.option(
    "--timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    callback=lambda _, __, seconds: finite(seconds, "--timeout"),
    help="Seconds each request may take, its whole answer included.",
)
@click.option(
    "--retries",
    default=3,
    show_default=True,
    type=click.IntRange(0, 10),
    help="Retries of a request after a transient failure.",
)
@pass_context
def push(
    context: Context,
    store: str | None,
    update: str | None,
    graph: str | None,
    default: bool,
    replace: bool,
    facts_only: bool,
    user: str | None,
    auth: str | None,
    endpoint: str | None,
    chunk_size: int,
    timeout: float,
    retries: int,
) -> None:
    """Load the graph into an external triple store, then compare its counts with the local ones:
    the push fails when they differ.

    The layout suits the store's defaults, so `kg query … --endpoint` gives the local rows:
    see docs/stores.md. The query endpoint for the counts is derived from the store URL for
    Oxigraph, Fuseki, Virtuoso and GraphDB; give --endpoint for others.

    \b
    Example:
        kg push --store http://127.0.0.1:7878/store --replace
        KG_STORE_PASSWORD=… kg push --store http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --replace
    """
    from kg.output.views import render_push_report
    from kg.remote.connection import Connection
    from kg.remote.push import Target
    from kg.remote.push import push as push_dataset

    url = store or update
    if url is None or (store is not None and update is not None):
        raise BadValue("give one of --store URL (Graph Store Protocol) or --update URL (SPARQL Update)")
    target = Target(url, update is not None, graph, default, replace, facts_only, endpoint, chunk_size)
    connection = Connection(user, store_password(user), auth or target.kind.auth, timeout, retries)
    with click.progressbar(
        length=1, label=f"pushing to {target.kind.name}", file=sys.stderr, hidden=not sys.stderr.isatty()
    ) as bar:

        def advance(sent: int, total: int) -> None:
            bar.length = total
            bar.update(sent - bar.pos)

        report = push_dataset(context.dataset, target, connection, progress=advance)
    click.echo(render_push_report(report))


@cli.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--title", help="The article's title; default: the page title or the first line.")
@click.option(
    "--year", type=int, help="The article's year, for 今年/去年/明年 and 龙年; default: the text's own date line."
)
@click.option("--url", help="Where the article was published.")
@click.option("--author", help="Author(s), separated by ';'.")
@click.option(
    "--out", type=click.Path(path_type=Path), help="The draft TriG to write; default: <article stem>.draft.trig here."
)
@pass_context
def extract(
    context: Context,
    article: Path,
    title: str | None,
    year: int | None,
    url: str | None,
    author: str | None,
    out: Path | None,
) -> None:
    """Propose entities and facts of one article as a draft, each fact with its verbatim quote.

    Names the graph knows (see --data) keep their IRIs; new ones get a pinyin IRI and an
    English label to review. Check the draft with `kg validate --draft`.

    \b
    Example:
        kg extract 005_article.txt --year 2024 --out 005_article.draft.trig
    """
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.model import write_draft_trig
    from kg.extract.pipeline import extract_file
    from kg.extract.review import write_review
    from kg.output.views import extract_summary

    draft = extract_file(article, title, year, url, author, Gazetteer.from_data(context.data))
    target = write_draft_trig(draft, out or Path(f"{draft.meta.stem}.draft.trig"))
    click.echo(extract_summary(draft, target, write_review(draft, target.with_suffix(".xlsx"))), err=True)


@cli.command()
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--data", "data_dir", metavar="DIR", help="The data folder to add the article to (default: the global --data)."
)
@click.option(
    "--draft",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The draft the workbook was made for; default: the .trig of the same name beside it.",
)
@click.option(
    "--corpus",
    metavar="DIR",
    envvar="KG_CORPUS",
    show_envvar=True,
    help="The source articles, the new one included, to check every quote; without it quotes are not checked.",
)
@click.option("--force", is_flag=True, help="Overwrite the article's file in DIR if it exists.")
@pass_context
def accept(
    context: Context, workbook: Path, data_dir: str | None, draft: Path | None, corpus: str | None, force: bool
) -> None:
    """Add the rows kept in a reviewed workbook to the data: DIR/<stem>.trig and new entities in DIR/entities.ttl.

    The result is validated first (on a copy); when it has problems they are printed and
    nothing is written.

    \b
    Example:
        kg accept 005_article.draft.xlsx --data data/triples --corpus ../shared/corpus
    """
    from kg.extract.accept import accept as run
    from kg.output.views import acceptance_summary, problem_lines

    folder = data_dir or context.data
    if folder is None:
        raise click.UsageError("give the data folder to add the article to: --data DIR")
    result = run(workbook, folder, draft=draft, corpus=corpus, overwrite=force)
    if result.overwrite_refused:
        raise KgError(f"{result.article_file}: already exists; nothing written (--force overwrites it)")
    if not result.quotes_checked:
        click.echo(QUOTES_NOT_CHECKED, err=True)
    if result.problems:
        click.echo(problem_lines(result))
    click.echo(acceptance_summary(result), err=True)
    if not result.written:
        sys.exit(1)
