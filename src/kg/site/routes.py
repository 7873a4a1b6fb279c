"""The site on `kg serve`'s HTTP layer: every GET except the SPARQL routes is answered from the
built site folder by `negotiate.answer` (record IRIs negotiated, pages, data files, indexes)."""

from __future__ import annotations

from pathlib import Path

from kg.serve.app import App, Request, Response
from kg.site.negotiate import answer

#: paths left to the SPARQL layer: the endpoint, the refused update and Graph Store routes
PATTERN = r"/(?!(?:query|update|store)(?:/|$)).*"


def install(app: App, site: Path) -> None:
    """Add the site's route; call before the SPARQL routes (`run_server(setup=...)`)."""
    def page(request: Request) -> Response:
        return answer(site, request.path, request.headers.get("Accept"))

    app.route("GET", PATTERN, page)
