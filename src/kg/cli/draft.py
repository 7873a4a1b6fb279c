"""`kg draft`: start curating an article: its source record and the names the graph knows."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.app import DATA_OPTION, app, err, handle_errors


@app.command()
@handle_errors
def draft(
    article: Path = typer.Argument(..., help="The article's plain text (UTF-8)."),
    url: str | None = typer.Option(None, "--url", help="Where the article was published."),
    publisher: str | None = typer.Option(None, "--publisher", help="The publisher's organization slug."),
    date: str | None = typer.Option(None, "--date", help="Publication date (2024, 2024-08, 2024-08-09)."),
    lang: str | None = typer.Option(None, "--lang", help="The article's language (default: detected)."),
    title: str | None = typer.Option(None, "--title", help="The article's title (default: its first line)."),
    slug: str | None = typer.Option(None, "--slug", help="The source's slug (default: from publisher, date, title)."),
    data: Path = DATA_OPTION,
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the source record instead of writing it."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Write the article's source record and report the known records, dates and new names it mentions."""
    from kg.draft import draft_article
    from kg.draft.render import render_draft
    from kg.draft.source import write_new
    from kg.errors import UsageError

    if fmt not in ("text", "json"):
        raise UsageError(f"unknown format '{fmt}'; use one of: text, json")
    result = draft_article(article, data, url=url, publisher=publisher, date=date, lang=lang,
                           title=title, slug=slug)
    if not dry_run:
        write_new(result.source)
    typer.echo(render_draft(result, fmt, written=not dry_run), nl=False)
    for note in result.source.notes:
        err(f"note: {note}")
