"""Commands that ask the graph: named and ad-hoc queries, the catalog, search by name."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import typer

from kg.cli.app import DATA_OPTION, app, err, handle_errors
from kg.errors import DataError, UsageError
from kg.terminal import visible_lines

ENDPOINT_OPTION = typer.Option(None, "--endpoint",
                               help="SPARQL 1.1 endpoint URL to query instead of --data.")
TIMEOUT_OPTION = typer.Option(30.0, "--timeout", help="Seconds a query may take: the endpoint's "
                              "answer, or an ad-hoc query run on --data (stopped after that).")
QUERIES_OPTION = typer.Option(None, "--queries", help="Folder of named queries "
                              "(default: the project's queries/).")
LANG_OPTION = typer.Option("en", "--lang", help="Language of labels (fallback: en, then any).")


def _engine(endpoint: str | None, timeout: float, data: Path):  # type: ignore[no-untyped-def]
    from kg.progress import enabled
    from kg.query.run import make_engine
    from kg.render import ReportFormat, render

    try:  # the note on a rebuilt store, like progress, only on a terminal
        return make_engine(endpoint, timeout, data, notify=err if enabled() else lambda _m: None)
    except DataError as exc:
        err(render(exc.report, ReportFormat.TEXT))
        raise


@app.command("query")
@handle_errors
def query_command(
    target: str | None = typer.Argument(None, help="A named query (see kg queries) or FILE.rq."),
    params: list[str] = typer.Option([], "-p", "--param", help="Parameter as key=value."),
    sparql: str | None = typer.Option(None, "--sparql", help="An ad-hoc SPARQL query."),
    fmt: str = typer.Option("table", "--format", help="table, csv, tsv or json."),
    lang: str = LANG_OPTION,
    endpoint: str | None = ENDPOINT_OPTION,
    timeout: float = TIMEOUT_OPTION,
    data: Path = DATA_OPTION,
    queries: Path | None = QUERIES_OPTION,
    allow_federation: bool = typer.Option(False, "--allow-federation",
                                          help="Allow SERVICE and FROM with outside IRIs."),
    columns: str | None = typer.Option(None, "--columns", help="Only these columns, in this "
                                       "order (comma-separated, e.g. event_label,date,status)."),
) -> None:
    """Run a named query with parameters, a query file, or --sparql TEXT."""
    from kg.query.catalog import load_catalog
    from kg.query.params import parse_assignments
    from kg.query.render import OutputFormat, render
    from kg.query.run import run_adhoc, run_file, run_named

    output = _choice(OutputFormat, fmt, "--format")
    if (target is None) == (sparql is None):
        raise UsageError("give a query name, a FILE.rq, or --sparql TEXT (exactly one)")
    values = parse_assignments(params)
    if sparql is not None:
        if values:
            raise UsageError("-p parameters need a named query or a FILE.rq with a header")
        answer = run_adhoc(sparql, _engine(endpoint, timeout, data), lang,
                           allow_federation=allow_federation)
    elif target is not None and target.endswith(".rq"):
        answer = run_file(Path(target), values, _engine(endpoint, timeout, data), lang,
                          allow_federation=allow_federation)
    else:
        catalog = load_catalog(queries)
        if target not in catalog:
            raise UsageError(f"no named query '{target}'; see kg queries "
                             f"({', '.join(sorted(catalog))})")
        answer = run_named(catalog[target], values, _engine(endpoint, timeout, data), lang)
    for name, entity in answer.entities.items():
        err(f"{name} = {entity.ref} ({entity.label(lang) or 'no label'})")
    from kg.query.i18n import localize
    from kg.query.render import DEFAULT_WIDTH

    table = answer.table
    if output is OutputFormat.TABLE or lang != "en":
        table = localize(table, answer.name, lang, in_place=output is OutputFormat.TABLE)
    if columns is not None:
        table = _select(table, columns)
    width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns  # COLUMNS, the terminal, or 100
    typer.echo(render(table, output, name=answer.name, parameters=answer.parameters,
                      width=width, lang=lang, terminal=sys.stdout.isatty()), nl=False)


@app.command("queries")
@handle_errors
def queries_command(queries: Path | None = QUERIES_OPTION) -> None:
    """The catalog of named queries with their parameters and descriptions."""
    from kg.query.catalog import load_catalog

    blocks = []
    for query in load_catalog(queries).values():
        params = " ".join(f"-p {p.name}=<{p.spec}>" for p in query.params)
        example = " ".join(f"-p {p.name}={_quote(p.example)}" for p in query.params)
        description = textwrap.fill(query.description, 92, initial_indent="  ",
                                    subsequent_indent="  ", break_on_hyphens=False)
        blocks.append(f"{query.name} {params}".rstrip() + f"\n  {query.title}.\n{description}\n"
                      f"  e.g. kg query {query.name} {example}".rstrip())
    typer.echo(visible_lines("\n\n".join(blocks)))


@app.command("search")
@handle_errors
def search_command(
    text: str = typer.Argument(..., help="A name in any language or script."),
    kinds: list[str] = typer.Option([], "--kind", help="Only these kinds (repeatable)."),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many matches."),
    endpoint: str | None = ENDPOINT_OPTION,
    timeout: float = TIMEOUT_OPTION,
    data: Path = DATA_OPTION,
) -> None:
    """Entities whose names match TEXT, best first: kind/slug and every label."""
    from kg.kinds import Kind
    from kg.query.entities import EngineLookup
    from kg.query.names import search

    wanted = frozenset(_choice(Kind, k, "--kind") for k in kinds) or frozenset(Kind)
    found = search(text, wanted, EngineLookup(_engine(endpoint, timeout, data)), limit)
    if not found:
        err(f"nothing is named like '{text}'")
        raise typer.Exit(1)
    typer.echo(visible_lines("\n".join(entity.describe(every_name=True) for entity in found)))


def _select(table, columns: str):  # type: ignore[no-untyped-def]
    """The table with only the named columns, in the order given."""
    wanted = [c.strip() for c in columns.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in table.columns]
    if unknown or not wanted:
        raise UsageError(f"--columns: no column '{unknown[0] if unknown else columns}'; "
                         f"the answer has: {', '.join(table.columns)}")
    return table.drop([c for c in table.columns if c not in wanted]).reorder(wanted)


def _choice(enum_cls, value: str, option: str):  # type: ignore[no-untyped-def]
    try:
        return enum_cls(value)
    except ValueError:
        raise UsageError(f"{option} '{value}' is not one of: "
                         + ", ".join(m.value for m in enum_cls)) from None


def _quote(value: str) -> str:
    return f"'{value}'" if any(c in value for c in " '\"") else value
