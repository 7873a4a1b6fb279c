"""`kg verify-quotes`: quotes checked against the archived texts of their sources."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.app import DATA_OPTION, app, err, handle_errors
from kg.render import ReportFormat, render


@app.command("verify-quotes")
@handle_errors
def verify_quotes(
    archive: Path = typer.Option(..., "--archive", help="Folder of archived article texts; "
                                                       "each is found by its SHA-256."),
    data: Path = DATA_OPTION,
    fmt: ReportFormat = typer.Option(ReportFormat.TEXT, "--format", help="Output format."),
) -> None:
    """Check that every quote appears verbatim (up to whitespace) in its source's archived text.

    Exit 0 when all are found, 1 on any mismatch or unverifiable source, 2 when it could not run.
    """
    from kg.pipeline import compile_data
    from kg.quotes import verify_quotes as run

    result = run(compile_data(data), archive)
    err(f"checked {result.quotes} quotes from {result.sources} sources against {archive}/"
        + (f"; {result.unchecked} quotes of web pages without archived text not checked"
           if result.unchecked else ""))
    output = render(result.report, fmt)
    if output:
        typer.echo(output)
    raise typer.Exit(result.report.exit_code())
