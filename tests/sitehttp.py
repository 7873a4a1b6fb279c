"""A minimal http.server in front of `kg.site.negotiate.respond`, for tests (until the project's
own HTTP layer serves the site), with a read-only SPARQL endpoint at /query over a pyoxigraph
store so the query page can run the catalog's examples."""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from kg.site.negotiate import respond


def _handler(site: Path, store: ox.Store | None) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet in tests
            pass

        def _send(self, status: int, media: str, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self) -> None:
            split = urllib.parse.urlsplit(self.path)
            if split.path == "/query" and store is not None:
                self._query(urllib.parse.parse_qs(split.query).get("query", [""])[0])
                return
            r = respond(site, self.path, self.headers.get("Accept"))
            self._send(r.status, r.media_type, r.body, r.headers)

        do_HEAD = do_GET

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8")
            if urllib.parse.urlsplit(self.path).path != "/query" or store is None:
                self._send(405, "text/plain", b"405\n", {})
                return
            if self.headers.get("Content-Type", "").startswith("application/sparql-query"):
                self._query(body)
            else:
                self._query(urllib.parse.parse_qs(body).get("query", [""])[0])

        def _query(self, text: str) -> None:
            assert store is not None
            try:
                result = store.query(text, use_default_graph_as_union=True)
            except SyntaxError as exc:
                self._send(400, "text/plain", str(exc).encode(), {})
                return
            if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
                out = result.serialize(format=ox.QueryResultsFormat.JSON)
                self._send(200, "application/sparql-results+json", out or b"", {})
            else:
                out = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
                self._send(200, "application/n-triples", out or b"", {})

    return Handler


@contextmanager
def serving(site: Path, store: ox.Store | None = None) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site, store))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
