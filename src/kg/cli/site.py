"""`kg site`: the static website of entity pages, indexes, search and query page."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.app import DATA_OPTION, app, err, handle_errors
from kg.errors import DataError
from kg.render import ReportFormat, render

SITE_OPTION = typer.Option(Path("site"), "--out",
                           help="Folder the site is written to (replaced atomically).")


@app.command()
@handle_errors
def site(data: Path = DATA_OPTION, out: Path = SITE_OPTION) -> None:
    """Write the static website (a page per record, its data, indexes, search) to OUT."""
    from kg.progress import enabled
    from kg.site.build import build_site

    try:  # the note on a rebuilt query store, like progress, only on a terminal
        result = build_site(data, out, notify=err if enabled() else lambda _m: None)
    except DataError as exc:
        err(render(exc.report, ReportFormat.TEXT))
        err(f"error: {exc}")
        raise typer.Exit(1) from None
    typer.echo(f"wrote {result.pages} pages for {result.records} records in "
               f"{len(result.languages)} languages ({', '.join(result.languages)}) to {out}/")
