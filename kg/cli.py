"""The `kg` command: parses options, calls the library, prints."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import KgError


class Context:
    """Options shared by every command, and the graph, loaded once when a command needs it."""

    def __init__(self, data: str | None, engine: str):
        self.data = data
        self.engine = engine
        self._dataset = None

    @property
    def dataset(self):
        if self._dataset is None:
            from kg.load import load

            self._dataset = load(self.data, engine=self.engine)
        return self._dataset


class Group(click.Group):
    """Turns a KgError anywhere below into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as error:
            click.echo(f"kg: error: {error}", err=True)
            sys.exit(1)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", metavar="PATH", help="A folder of .trig/.ttl files or one RDF file (.trig .nq .ttl .nt .jsonld) to use instead of the curated data.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True, help="The store under the rdflib API.")
@click.version_option(package_name="zonekg")
@click.pass_context
def cli(ctx: click.Context, data: str | None, engine: str) -> None:
    """zonekg: a knowledge graph of China's development zones, every fact with its quote.

    \b
    Example:
        kg chain 新材料
    """
    ctx.obj = Context(data, engine)


pass_context = click.make_pass_decorator(Context)


@cli.command()
@click.option("--corpus", metavar="DIR", help="The source articles; default ../shared/corpus when it exists.")
@pass_context
def validate(context: Context, corpus: str | None) -> None:
    """Check the data: syntax, SHACL shapes, verbatim quotes, evidence, declarations, figures.

    Prints one line per problem naming the file and the entity; exits 1 when there is any.

    \b
    Example:
        kg validate --corpus ../shared/corpus
    """
    from kg.validate import validate as run

    report = run(context.data, corpus)
    for warning in report.warnings:
        click.echo(warning, err=True)
    for problem in report.problems:
        click.echo(str(problem))
    if not report.ok:
        click.echo(f"{len(report.problems)} problem(s)", err=True)
        sys.exit(1)
    click.echo("ok: no problems", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_context
def stats(context: Context, fmt: str) -> None:
    """Entities per class, facts per property, quotes per source and evidence coverage.

    \b
    Example:
        kg stats --format json
    """
    from kg.output import as_json, table
    from kg.stats import stats as compute

    result = compute(context.dataset)
    if fmt == "json":
        click.echo(as_json(result.as_dict()))
        return
    click.echo(table(["class", "entities"], list(result.classes.items())))
    click.echo()
    click.echo(table(["property", "facts", "with quote"], [(p, t, q) for p, (t, q) in result.properties.items()]))
    click.echo()
    click.echo(table(["source", "quotes"], list(result.sources.items())))
    click.echo()
    click.echo(f"{result.facts} facts, {result.quotes} quotes, evidence coverage {result.coverage:.1%}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "ntriples", "nquads", "trig", "jsonld"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (atomically) instead of stdout.")
@click.option("--with-ontology", is_flag=True, help="Include the ontology.")
@pass_context
def export(context: Context, fmt: str, out: Path | None, with_ontology: bool) -> None:
    """Export the graph: turtle and ntriples merge the facts; nquads, trig and jsonld keep one named graph per quote.

    \b
    Example:
        kg export --format nquads --out zonekg.nq
    """
    from kg.export import export as serialise, write_atomic

    data = serialise(context.dataset, fmt, with_ontology)
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(out, data)
        click.echo(f"wrote {out} ({len(data):,} bytes)", err=True)
