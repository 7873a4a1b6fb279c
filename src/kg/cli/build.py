"""Commands that build, check and export the graph."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.cli.app import DATA_OPTION, OUT_OPTION, QUIET_OPTION, app, err, handle_errors
from kg.errors import DataError
from kg.render import ReportFormat, render, summary


@app.command()
@handle_errors
def build(data: Path = DATA_OPTION, out: Path = OUT_OPTION, quiet: bool = QUIET_OPTION) -> None:
    """Load, validate and export the graph to OUT; exit 1 (writing nothing) on errors."""
    from kg.builder import build as run_build
    from kg.lifetime import hold
    from kg.pipeline import paused_gc
    from kg.progress import set_quiet

    set_quiet(quiet)
    with paused_gc():  # no collection over a million objects until the process ends
        try:
            result = run_build(data, out)
        except DataError as exc:
            err(render(exc.report, ReportFormat.TEXT))
            err(f"error: {exc}")
            raise typer.Exit(1) from None
        hold("graph", result.compiled)  # freed by the process's end, not object by object
        for finding in result.report.warnings:
            err(str(finding))
        if result.store_problem:
            err(f"note: {result.store_problem}")
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(result.kinds().items()))
        typer.echo(f"loaded {result.compiled.files} fact files: {kinds}")
        typer.echo(f"{result.manifest['triples']} triples in {result.manifest['graphs']} named graphs; "
                   f"{summary(result.report)}")
        typer.echo(f"wrote {len(result.manifest['files'])} files to {out}/")  # type: ignore[arg-type]


@app.command()
@handle_errors
def export(
    fmt: str = typer.Option("ttl", "--format", help="ttl, trig, nt, nq, jsonld, csv or events."),
    out: Path | None = typer.Option(None, "--out", help="File (folder for csv; events: x.csv or x.jsonl) to write."),
    events_shape: str | None = typer.Option(
        None, "--events-shape", help="events: dyad (one row per ordered pair of actors, default) "
        "or participant (one row per actor, the event as recipient)."),
    data: Path = DATA_OPTION,
) -> None:
    """Export the graph in one format (to stdout when --out is not given, except csv)."""
    from kg.builder import check
    from kg.errors import UsageError
    from kg.events import Shape
    from kg.export import ExportFormat, check_export_target, export_one, serialize

    try:
        chosen = ExportFormat(fmt)
    except ValueError:
        raise UsageError(f"unknown format '{fmt}'; use one of: "
                         + ", ".join(f.value for f in ExportFormat)) from None
    if events_shape is not None and chosen is not ExportFormat.EVENTS:
        raise UsageError("--events-shape applies only to --format events")
    try:
        shape = Shape(events_shape or Shape.DYAD)
    except ValueError:
        raise UsageError(f"unknown events shape '{events_shape}'; use one of: "
                         + ", ".join(s.value for s in Shape)) from None
    if chosen is ExportFormat.EVENTS and out is not None:
        from kg.events.write import serialization_for

        serialization_for(out)  # a bad name is refused before the graph is built
    if out is not None:  # refuse a bad --out before the work, and again just before writing
        check_export_target(chosen, out, protect=(data,))
    compiled, report = check(data)
    if report.errors:
        err(render(report, ReportFormat.TEXT))
        raise DataError(report, "the fact files have errors; nothing was exported")
    if out is None:
        if chosen is ExportFormat.CSV:
            raise UsageError("csv writes a folder of tables; give --out DIR")
        if chosen is ExportFormat.EVENTS:
            from kg.events import event_segments
            from kg.events.write import to_jsonl

            typer.echo(to_jsonl(event_segments(compiled.graph, shape)).decode("utf-8"), nl=False)
            return
        typer.echo(serialize(compiled.graph, chosen).decode("utf-8"), nl=False)
        return
    export_one(compiled.graph, chosen, out, protect=(data,), events_shape=shape)
    typer.echo(f"wrote {out}")


@app.command()
@handle_errors
def stats(data: Path = DATA_OPTION,
          as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Counts per class and per source, and label and date coverage."""
    from kg.builder import check
    from kg.stats import compute_stats, render_stats
    from kg.terminal import json_safe, visible_lines

    compiled, _report = check(data)
    result = compute_stats(compiled.graph)
    text = json.dumps(result, indent=2, ensure_ascii=False) if as_json else render_stats(result)
    typer.echo(json_safe(text) if as_json else visible_lines(text))


@app.command()
@handle_errors
def schema(
    kind: str | None = typer.Argument(None, help="One record kind (default: all)."),
    out: Path | None = typer.Option(None, "--out", help="Folder to write <kind>.schema.json into."),
) -> None:
    """JSON Schemas of the record kinds, generated from the loader's own models."""
    from kg.jsonschema import schemas, write_schemas

    selected = schemas(kind)
    if out is not None:
        for path in write_schemas(selected, out):
            typer.echo(f"wrote {path}")
        return
    document = selected if kind is None else next(iter(selected.values()))
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True))
