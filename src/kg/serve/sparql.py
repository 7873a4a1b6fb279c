"""The SPARQL 1.1 Protocol in front of Oxigraph: checked before it runs, answered whole.

`/query` takes GET (`?query=`), POST of a form, and POST of the query itself
(`application/sparql-query`), with `default-graph-uri` / `named-graph-uri`. Before anything
runs, a query is refused with 400 when it would reach outside the dataset (SERVICE, LOAD,
FROM / FROM NAMED or the graph parameters naming other graphs: `kg.query.federation`), and
with 413 when it is too long. Oxigraph (listening on loopback only) answers it; its answer
is read to the end within the time limit and parsed strictly, then sent in the format the
client asked for. Oxigraph ends a cancelled query's `200 OK` body with an error message:
here that is a 503 with a readable message, never a 200 with a broken body. Updates and
Graph Store writes are 403; the query page at `/` (with its two assets) and Graph Store
reads are passed to Oxigraph as they are; nothing else reaches it (Oxigraph also answers
queries at `/sparql`: that path is checked like `/query`).
"""

from __future__ import annotations

import http.client
import threading
import time
from typing import TypeVar
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from kg.query.federation import find_outside, query_form
from kg.serve.app import App, Request, Response, text
from kg.serve.limits import Limits

_RESULTS = ox.QueryResultsFormat
_F = TypeVar("_F", ox.RdfFormat, ox.QueryResultsFormat)
_TABLE, _GRAPH = "application/sparql-results+json", "application/n-triples"
_READ_ONLY = "this endpoint is read-only: SPARQL updates and Graph Store writes are refused"


class Upstream:
    """The Oxigraph server this layer forwards to (on loopback)."""

    def __init__(self, base: str, limits: Limits) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.limits = limits

    def request(self, method: str, target: str, body: bytes | None, headers: dict[str, str],
                deadline: float, max_bytes: int | None = None) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and the whole body; TimeoutError past `deadline`, _TooLarge."""
        connection = http.client.HTTPConnection(self.host, self.port,
                                                timeout=max(0.1, deadline - time.monotonic()))
        try:
            connection.request(method, target, body=body, headers=headers)
            answer = connection.getresponse()
            chunks: list[bytes] = []
            size = 0
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                if connection.sock is not None:
                    connection.sock.settimeout(remaining)
                chunk = answer.read1(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                if size > (max_bytes or self.limits.max_result_bytes):
                    raise _TooLarge
                chunks.append(chunk)
            kept = {k: v for k, v in answer.getheaders()
                    if k.lower() in ("content-type", "cache-control", "location")}
            return answer.status, kept, b"".join(chunks)
        finally:
            connection.close()


class _TooLarge(Exception):
    pass


def install(app: App, upstream_base: str) -> None:
    """Add the SPARQL routes, the read-only refusals and the pass-through to Oxigraph."""
    upstream = Upstream(upstream_base, app.limits)
    slots = threading.BoundedSemaphore(app.limits.max_concurrent)

    def bounded(request: Request) -> Response:
        if not slots.acquire(blocking=False):
            return text(503, f"the server is answering {app.limits.max_concurrent} queries "
                             "already; try again in a moment", {"Retry-After": "1"})
        try:
            return query(request, upstream, app.limits)
        finally:
            slots.release()

    app.route(("GET", "POST"), r"/query|/sparql", bounded)  # Oxigraph answers both paths
    app.route(("GET", "POST", "PUT", "DELETE", "PATCH"), r"/update",
              lambda _r: text(403, _READ_ONLY))
    app.route(("POST", "PUT", "DELETE", "PATCH"), r"/store", lambda _r: text(403, _READ_ONLY))
    # only these reach Oxigraph as they are: its query page and Graph Store reads
    app.route("GET", r"/|/yasgui\.min\.(?:js|css)|/logo\.svg|/store",
              lambda r: passthrough(r, upstream, app.limits))


def passthrough(request: Request, upstream: Upstream, limits: Limits) -> Response:
    """A read (the query page, Graph Store GET) answered by Oxigraph as it is."""
    query = request.query if request.path == "/store" else {}  # the page takes no parameters
    target = request.path + (("?" + urlencode(query, doseq=True)) if query else "")
    headers = {k: v for k, v in request.headers.items() if k.lower() == "accept"}
    try:
        status, kept, body = upstream.request(  # the page and its assets, or a graph
            "GET", target, None, headers, time.monotonic() + max(limits.timeout, 30.0),
            max(limits.max_result_bytes, 16 << 20) if request.path != "/store" else None)
    except TimeoutError:
        return text(503, f"no answer within the time limit of {limits.timeout:g} s")
    except _TooLarge:
        return text(503, f"the answer is larger than the limit of {limits.max_result_bytes} bytes")
    except OSError as exc:
        return text(502, f"the query engine is unreachable: {exc.strerror or exc}")
    return status, kept, body


def _query_text(request: Request) -> tuple[str | None, list[str], list[str], Response | None]:
    """The query, its graph parameters, or an error answer."""
    params = dict(request.query)
    if len(params.get("query", [])) > 1:
        return None, [], [], text(400, "give one query (the request has several `query` parameters)")
    query = request.param("query")
    if request.method == "POST":
        media = (request.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            body = request.body.decode("utf-8")
        except UnicodeDecodeError:
            return None, [], [], text(400, "the request body is not UTF-8")
        if media == "application/x-www-form-urlencoded":
            from urllib.parse import parse_qs

            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return None, [], [], text(403, _READ_ONLY)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            query = form["query"][0] if form.get("query") else query
        elif media == "application/sparql-query":
            query = body
        elif media == "application/sparql-update":
            return None, [], [], text(403, _READ_ONLY)
        else:
            return None, [], [], text(415, "send the query as application/sparql-query or "
                                           "an application/x-www-form-urlencoded form")
    if "update" in params:
        return None, [], [], text(403, _READ_ONLY)
    return query, params.get("default-graph-uri", []), params.get("named-graph-uri", []), None


def query(request: Request, upstream: Upstream, limits: Limits) -> Response:
    sparql, defaults, named, refused = _query_text(request)
    if refused is not None:
        return refused
    if not sparql:
        return text(400, "no query: send it as ?query=... (GET), a form field `query` or an "
                         "application/sparql-query body (POST)")
    if len(sparql) > limits.max_query_chars:
        return text(413, f"the query is {len(sparql)} characters long, over the limit of "
                         f"{limits.max_query_chars}")
    outside = find_outside(sparql, default_graphs=defaults, named_graphs=named)
    if outside is not None:
        return text(400, f"refused: {outside}; this endpoint answers from its own graphs only")
    form = {"query": sparql, "default-graph-uri": defaults, "named-graph-uri": named}
    body = urlencode(form, doseq=True).encode("utf-8")
    graph = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "Accept": _GRAPH if graph else _TABLE}
    started = time.monotonic()
    try:
        status, _kept, answer = upstream.request("POST", "/query", body, headers,
                                                 started + limits.timeout + 1)
    except TimeoutError:
        return _timed_out(limits)
    except _TooLarge:
        return text(503, f"the answer is larger than the limit of {limits.max_result_bytes} "
                         "bytes; add a LIMIT or ask for fewer variables")
    except OSError as exc:
        return text(502, f"the query engine is unreachable: {exc.strerror or exc}")
    if status != 200:
        return status, {"Content-Type": "text/plain; charset=utf-8"}, answer
    return _converted(answer, graph, request.headers.get("Accept") or "", limits,
                      time.monotonic() - started)


def _timed_out(limits: Limits) -> Response:
    return text(503, f"the query was stopped after the time limit of {limits.timeout:g} s; "
                     "make it more selective or add a LIMIT")


def _converted(answer: bytes, graph: bool, accept: str, limits: Limits, took: float) -> Response:
    """Oxigraph's answer parsed strictly and written in the format the client accepts."""
    try:
        if graph:
            chosen_rdf = _negotiate(accept, ox.RdfFormat, ox.RdfFormat.N_TRIPLES)
            if chosen_rdf is None:
                return text(406, "this query answers RDF: accept N-Triples, Turtle, RDF/XML, "
                                 "JSON-LD, N-Quads or TriG")
            out = ox.serialize(list(ox.parse(answer, ox.RdfFormat.N_TRIPLES)), format=chosen_rdf)
            return 200, {"Content-Type": _media(chosen_rdf.media_type)}, out or b""
        chosen = _negotiate(accept, _RESULTS, _RESULTS.JSON)
        if chosen is None:
            return text(406, "this query answers a results table: accept JSON, XML, CSV or TSV")
        parsed = ox.parse_query_results(answer, _RESULTS.JSON)
        return 200, {"Content-Type": _media(chosen.media_type)}, parsed.serialize(format=chosen) or b""
    except (SyntaxError, ValueError):
        tail = answer[-300:].decode("utf-8", "replace")
        if "cancelled" in tail or took >= limits.timeout:
            return _timed_out(limits)
        return text(502, "the query failed while its answer was being sent")


def _media(media_type: str) -> str:
    return media_type if "charset" in media_type or "xml" in media_type else \
        media_type + "; charset=utf-8"


def _negotiate(accept: str, kind: type[_F], default: _F) -> _F | None:
    """The first format of `kind` the Accept header names, by quality; `default` for */*."""
    if not accept.strip():
        return default
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(accept.split(",")):
        media, *options = [p.strip() for p in part.split(";")]
        quality = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, n, media.lower()))
    for _q, _n, media in sorted(ranked):
        if media in ("*/*", "application/*", "text/*"):
            return default
        if media == "application/json":
            media = "application/sparql-results+json" if kind is _RESULTS else "application/ld+json"
        found = kind.from_media_type(media)
        if found is not None:
            return found  # type: ignore[no-any-return]
    return None
