"""`kg diff`: claim-level changes between two revisions or data folders."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.app import DATA_OPTION, app, handle_errors


@app.command()
@handle_errors
def diff(
    old: str = typer.Argument(..., help="Git revision or data folder to compare from."),
    new: str | None = typer.Argument(None, help="Git revision or data folder to compare to "
                                                "(default: the working tree's --data folder)."),
    data: Path = DATA_OPTION,
    fmt: str = typer.Option("text", "--format", help="text, markdown or json."),
    lang: str = typer.Option("en", "--lang", help="Language of the labels shown."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when there are changes (as git diff)."),
) -> None:
    """Records and claims added, removed and changed between two versions of the data."""
    from kg.diff import diff_sides
    from kg.diff.render import DiffFormat, render_diff
    from kg.errors import UsageError

    try:
        chosen = DiffFormat(fmt)
    except ValueError:
        raise UsageError(f"unknown format '{fmt}'; use one of: text, markdown, json") from None
    result = diff_sides(old, new, data)
    typer.echo(render_diff(result, chosen, lang), nl=False)
    if exit_code and not result.diff.empty:
        raise typer.Exit(1)
