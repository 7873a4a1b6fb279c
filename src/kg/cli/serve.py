"""`kg serve`: a read-only SPARQL endpoint with the YASGUI page: Oxigraph behind our HTTP layer."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.app import DATA_OPTION, app, err, handle_errors
from kg.errors import DataError


@app.command()
@handle_errors
def serve(
    port: int = typer.Option(7878, "--port", min=1, max=65535, help="TCP port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    public: bool = typer.Option(False, "--public",
                                help="Allow an address other than loopback (127.0.0.1, ::1)."),
    data: Path = DATA_OPTION,
    out: Path = typer.Option(Path("dist"), "--out",
                             help="Only decides the default --site folder ('site' beside OUT); "
                                  "the store served is the data's query store."),
    timeout: int = typer.Option(30, "--timeout", min=1,
                                help="Seconds a query may run before the server cancels it."),
    max_query: int = typer.Option(100_000, "--max-query-chars", min=1,
                                  help="Longest query accepted (characters)."),
    max_result: int = typer.Option(64, "--max-result-mb", min=1,
                                   help="Largest answer sent (MiB); larger ones get HTTP 503."),
    site: Path | None = typer.Option(None, "--site",
                                     help="Folder of the entity pages (default: 'site' beside OUT); "
                                          "rebuilt when the data changed."),
) -> None:
    """Serve the graph read-only over SPARQL 1.1 and its entity pages, from the data's query
    store (the one kg query reads); rebuilds it and the site first if stale."""
    from kg import serve as server
    from kg.render import ReportFormat, render
    from kg.store import ensure_store

    server.check_bind(host, public)
    oxigraph = server.oxigraph_binary()
    server.check_port_free(host, port)
    try:
        store = ensure_store(data, echo=err)
    except DataError as exc:
        err(render(exc.report, ReportFormat.TEXT))
        raise
    from kg.site import routes
    from kg.site.build import ensure_site

    site_dir = site if site is not None else out.parent / "site"
    try:
        if ensure_site(data, site_dir, notify=err) is not None:
            err(f"wrote the entity pages to {site_dir}/")
    except DataError as exc:
        err(render(exc.report, ReportFormat.TEXT))
        raise
    if not server.is_loopback(host):
        err(f"warning: listening on {host}: the endpoint is reachable from other machines")

    def ready(url: str) -> None:
        typer.echo(f"serving {store.quads} quads from {store.db} (read-only, "
                   f"query timeout {timeout} s)")
        typer.echo(f"SPARQL endpoint: {url}/query")
        typer.echo(f"query UI:        {url}/query.html")
        typer.echo(f"entity pages:    {url}/ (each record at {url}/id/<kind>/<slug>)")
        typer.echo(f"try: kg query documents-signed-by -p person=Tokayev --endpoint {url}/query")
        typer.echo("press Ctrl-C to stop")

    limits = server.Limits(timeout=float(timeout), max_query_chars=max_query,
                           max_result_bytes=max_result << 20)
    server.run_server(oxigraph, store.db, host, port, limits, ready,
                      setup=lambda app: routes.install(app, site_dir))
    typer.echo("stopped")
