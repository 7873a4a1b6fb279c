"""The remote engine: any SPARQL 1.1 endpoint through SPARQLWrapper.

Requests are sent the way every common server takes them: a query whose whole request URL
(endpoint, `?query=` and the percent-encoded query) fits in `MAX_GET_URL` bytes goes as
`GET`, a longer one as a form-encoded `POST` (`application/x-www-form-urlencoded`). A direct
`POST` (`application/sparql-query`) is sent only when asked for (`method="direct"`): some
servers (Virtuoso 7.2, for one) never answer it. An HTTP error names the endpoint, the status
and the first line of what the server said (hidden characters escaped, `kg.terminal`).

Parameters travel as a VALUES block built from terms (`kg.query.values`). Every request has
a deadline (`timeout` seconds for connecting, each read and the whole body); the body is
read to its end and parsed strictly by pyoxigraph, so an answer Oxigraph cut off with
HTTP 200 after its own timeout is an error, never a short table.

The catalog queries use no `GRAPH` clauses: they read the endpoint's default graph, which
must hold the union of the fact files' named graphs (`oxigraph serve --union-default-graph`,
as `kg serve` runs it, or `dist/tcdkg.ttl` loaded into the default graph). When the default
graph is empty but named graphs are not, the engine says so instead of answering nothing.
"""

from __future__ import annotations

import ast
import contextlib
import http
import http.client
import time
import urllib.error
import urllib.parse
from collections.abc import Mapping

from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from kg.errors import EndpointError
from kg.query.engine import QueryForm, Table, Term, to_table, triples_table
from kg.query.values import inject_values
from kg.terminal import visible

_CHUNK = 1 << 16
_MAX_BODY = 512 * 1024 * 1024
#: the longest request URL sent as GET (bytes): under the 2,048 many proxies and servers allow
MAX_GET_URL = 2000
METHODS = ("auto", "get", "form", "direct")


class RemoteEngine:
    name = "remote"

    def __init__(self, url: str, timeout: float = 30.0, method: str = "auto") -> None:
        if not url.startswith(("http://", "https://")):
            raise EndpointError(f"endpoint '{url}' is not an http(s) URL")
        if not timeout > 0:
            raise EndpointError("--timeout must be a positive number of seconds")
        if method not in METHODS:
            raise EndpointError(f"request method '{method}' is not one of {', '.join(METHODS)}")
        self.url = url
        self.timeout = timeout
        self.method = method
        self._checked = False

    def run(self, query: str, bindings: Mapping[str, Term] | None = None,
            form: QueryForm = QueryForm.SELECT) -> Table:
        if not self._checked:
            self._checked = True
            self._check_dataset()
        return self._run(inject_values(query, bindings or {}), form)

    def _run(self, query: str, form: QueryForm) -> Table:
        body, content_type = self._fetch(query, form)
        try:
            if form.has_triples:
                syntax = RdfFormat.TURTLE if "turtle" in content_type else RdfFormat.N_TRIPLES
                return triples_table([q.triple for q in parse(body, syntax)])
            return to_table(parse_query_results(body, QueryResultsFormat.JSON))
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"endpoint {self.url} sent a malformed or truncated answer "
                                f"({len(body)} bytes): {exc}") from None

    def _check_dataset(self) -> None:
        if self._ask("ASK { ?s ?p ?o }") or not self._ask("ASK { GRAPH ?g { ?s ?p ?o } }"):
            return
        raise EndpointError(
            f"endpoint {self.url} keeps its data in named graphs and its default graph is "
            "empty; serve it with the union as default graph (oxigraph serve "
            "--union-default-graph, as kg serve does) or load dist/tcdkg.ttl")

    def _ask(self, query: str) -> bool:
        table = self._run(query, QueryForm.ASK)
        return bool(table.rows) and table.rows[0][0] is not None and \
            table.rows[0][0].value == "true"  # type: ignore[union-attr]

    def request_method(self, query: str) -> str:
        """`get`, `form` or `direct`: how `query` is sent (see the module's docstring)."""
        if self.method != "auto":
            return self.method
        size = len(self.url) + 1 + len(urllib.parse.urlencode({"query": query}))
        return "get" if size <= MAX_GET_URL else "form"

    def _fetch(self, query: str, form: QueryForm) -> tuple[bytes, str]:
        """The whole body of the answer and its content type."""
        from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, TURTLE, URLENCODED, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        sparql = SPARQLWrapper(self.url)
        sparql.setOnlyConneg(True)
        method = self.request_method(query)
        sparql.setMethod(GET if method == "get" else POST)
        sparql.setRequestMethod(POSTDIRECTLY if method == "direct" else URLENCODED)
        sparql.setQuery(query)
        sparql.setReturnFormat(TURTLE if form.has_triples else JSON)
        if form.has_triples:
            sparql.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
        sparql.timeout = self.timeout  # type: ignore[assignment]  # setTimeout truncates to int
        deadline = time.monotonic() + self.timeout
        try:
            response = sparql.query().response
            return _read_all(response, deadline, self.url), response.headers.get_content_type()
        except SPARQLWrapperException as exc:
            status = _STATUS.get(type(exc).__name__, 0)
            raise EndpointError(self._refusal(status, _body_of(exc))) from None
        except urllib.error.HTTPError as exc:
            body = b""
            with contextlib.suppress(OSError, http.client.HTTPException):
                body = exc.read(4096)
            raise EndpointError(self._refusal(exc.code, body)) from None
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None),
                                                           TimeoutError):
                raise EndpointError(f"endpoint {self.url} did not answer within "
                                    f"{self.timeout:g} s (--timeout)") from None
            raise EndpointError(f"endpoint {self.url} is unreachable or broke off: "
                                f"{_os_reason(exc)}") from None

    def _refusal(self, status: int, body: bytes | None) -> str:
        """`endpoint URL answered HTTP 400 Bad Request: "first line of the body"`."""
        try:
            phrase = http.HTTPStatus(status).phrase
        except ValueError:
            phrase = "(unknown status)"
        line = next((x.strip() for x in (body or b"").decode("utf-8", "replace").splitlines()
                     if x.strip()), "")
        if len(line) > 300:
            line = line[:300] + "..."
        said = f': "{visible(line)}"' if line else " (empty body)"
        return f"endpoint {self.url} answered HTTP {status} {phrase}{said}"


#: the HTTP status behind each of SPARQLWrapper's exceptions
_STATUS = {"QueryBadFormed": 400, "Unauthorized": 401, "EndPointNotFound": 404,
           "URITooLong": 414, "EndPointInternalError": 500}


def _read_all(response: http.client.HTTPResponse, deadline: float, url: str) -> bytes:
    """The whole body, or EndpointError when it is late, cut off or too large."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > _MAX_BODY:
            raise EndpointError(f"endpoint {url} sent more than {_MAX_BODY} bytes")
    if response.length:  # Content-Length announced more than arrived
        raise http.client.IncompleteRead(b"".join(chunks), response.length)
    return b"".join(chunks)


def _body_of(exc: Exception) -> bytes:
    """The server's answer that SPARQLWrapper kept only inside its exception's message."""
    _, _, text = str(exc).partition("\n\nResponse:\n")
    with contextlib.suppress(ValueError, SyntaxError):
        body = ast.literal_eval(text)
        if isinstance(body, bytes):
            return body
    return b""


def _os_reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason if reason is not None else exc) or type(exc).__name__
