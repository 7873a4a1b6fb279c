"""The public endpoint fetches nothing, ends every query, and bounds every request (#10.6).

The project's HTTP layer (kg.serve.app / kg.serve.sparql) runs in-process in front of the
real Oxigraph server, with small limits; a listener on 127.0.0.1 must receive nothing.
"""

from __future__ import annotations

import shutil
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from kg.ontology import ontology_quads
from kg.serve import App, Limits, Request, make_server, text
from kg.serve.sparql import install

from ..conftest import VALID
from ..servers import DIRECT, OXIGRAPH, oxigraph

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="oxigraph is not installed")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LIMITS = Limits(timeout=1.0, max_request_bytes=20_000, max_query_chars=5_000, max_result_bytes=300_000)


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it gets."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.socket.close()


@dataclass
class Served:
    base: str
    inner: str
    listener: Listener

    def ask(self, method: str = "GET", path: str = "/query", body: bytes | None = None,
            **headers: str) -> tuple[int, str, str]:
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={k.replace("_", "-"): v for k, v in headers.items()})
        try:
            with DIRECT.open(request, timeout=30) as answer:
                return answer.status, answer.headers.get("Content-Type", ""), answer.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()

    def get(self, query: str, **params: str) -> tuple[int, str, str]:
        return self.ask(path="/query?" + urllib.parse.urlencode({"query": query, **params}))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    from kg.store import ensure_store

    assert OXIGRAPH is not None
    root = tmp_path_factory.mktemp("layer")
    shutil.copytree(VALID, root / "data")
    store = ensure_store(root / "data")
    listener = Listener()
    with oxigraph("serve-read-only", "--location", str(store.db), "--union-default-graph",
                  "--timeout-s", "1") as inner:
        app = App(LIMITS)
        app.route("GET", r"/id/(?P<kind>[a-z]+)/(?P<slug>[a-z0-9-]+)",
                  lambda r: text(200, f"{r.params['kind']} {r.params['slug']}"))
        install(app, inner)
        server = make_server(app, "127.0.0.1", 0)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield Served(f"http://127.0.0.1:{server.server_address[1]}", inner, listener)
        finally:
            server.shutdown()
            server.server_close()
            listener.close()


def _outside(port: int) -> list[tuple[str, dict[str, str], str]]:
    url = f"http://127.0.0.1:{port}"
    refuse = "; this endpoint answers from its own graphs only\n"
    return [
        (f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", {},
         f"refused: SERVICE <{url}/sparql> would query another endpoint{refuse}"),
        (f"PREFIX s: <{url}/> SELECT * WHERE {{ SERVICE s:sparql {{ ?s ?p ?o }} }}", {},
         f"refused: SERVICE s:sparql would query another endpoint{refuse}"),
        (f"SELECT * WHERE {{ {{ SELECT * WHERE {{ service silent <{url}/> {{ ?s ?p ?o }} }} }} }}", {},
         f"refused: SERVICE <{url}/> would query another endpoint{refuse}"),
        (f"# SERVICE in a comment\nSELECT * WHERE {{ ?s ?p ?o #}}\n SERVICE\n<{url}/> {{ ?s ?p ?o }} }}", {},
         f"refused: SERVICE <{url}/> would query another endpoint{refuse}"),
        (f"SELECT * WHERE {{ VALUES ?x {{ <{url}/> }} SERVICE ?x {{ ?s ?p ?o }} }}", {},
         f"refused: SERVICE ?x would query another endpoint{refuse}"),
        (f"SELECT * WHERE {{ \\u0053ERVICE <{url}/> {{ ?s ?p ?o }} }}", {},
         f"refused: SERVICE <{url}/> would query another endpoint{refuse}"),
        (f"SELECT * FROM <{url}/g> WHERE {{ ?s ?p ?o }}", {},
         f"refused: FROM <{url}/g> names a graph outside this dataset (which an engine may fetch){refuse}"),
        (f"PREFIX e: <{url}/> SELECT * FROM NAMED e:g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {},
         f"refused: FROM NAMED e:g names a graph outside this dataset (which an engine may fetch){refuse}"),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": f"{url}/g"},
         f"refused: default-graph-uri={url}/g names a graph outside this dataset (which an engine may "
         f"fetch){refuse}"),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": "file:///etc/passwd"},
         f"refused: named-graph-uri=file:///etc/passwd names a graph outside this dataset (which an "
         f"engine may fetch){refuse}"),
    ]


def test_nothing_is_fetched_from_outside(served: Served) -> None:
    for query, params, message in _outside(served.listener.port):
        for answer in (served.get(query, **params),
                       served.ask("POST", "/query?" + urllib.parse.urlencode(params), query.encode(),
                                  Content_Type="application/sparql-query"),
                       served.ask("POST", "/query", urllib.parse.urlencode({"query": query, **params}).encode(),
                                  Content_Type="application/x-www-form-urlencoded")):
            assert answer == (400, "text/plain; charset=utf-8", message), query
    assert served.listener.connections == 0


def test_no_other_path_reaches_oxigraph(served: Served) -> None:
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{served.listener.port}/> {{ ?s ?p ?o }} }}"
    encoded = urllib.parse.urlencode({"query": query})
    for path in ("/sparql", "//query"):  # Oxigraph's alias of /query; '//' is read as '/'
        assert served.ask(path=f"{path}?{encoded}")[0] == 400, path
    assert served.ask(path=f"/?{encoded}")[0] == 200  # the page, without the parameters
    for path in ("/query/", "/QUERY", "/query;x", "/other", "/store/x"):
        assert served.ask(path=f"{path}?{encoded}")[0] == 404, path
    assert served.ask(path="/query?query=ASK{}&query=ASK{}")[::2] == (
        400, "give one query (the request has several `query` parameters)\n")
    assert served.ask(path="/yasgui.min.js")[0] == 200
    assert served.listener.connections == 0


def test_the_listener_would_see_oxigraph_without_the_layer(served: Served) -> None:
    """The control: the same SERVICE sent to Oxigraph directly reaches the listener."""
    port = served.listener.port
    before = served.listener.connections
    query = urllib.parse.urlencode({"query": f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"})
    try:
        with DIRECT.open(f"{served.inner}/query?{query}", timeout=30) as answer:
            answer.read()
    except (urllib.error.HTTPError, OSError):
        pass
    for _ in range(50):
        if served.listener.connections > before:
            break
        threading.Event().wait(0.05)
    assert served.listener.connections > before
    served.listener.connections = before  # the other test counts from here


def test_a_query_over_the_time_limit_is_503(served: Served) -> None:
    assert served.get(RUNAWAY) == (503, "text/plain; charset=utf-8",
                                   "the query was stopped after the time limit of 1 s; make it more "
                                   "selective or add a LIMIT\n")


def test_an_answer_over_the_size_limit_is_503(served: Served) -> None:
    status, _media, body = served.get("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert (status, body) == (503, "the answer is larger than the limit of 300000 bytes; add a "
                                   "LIMIT or ask for fewer variables\n")


def test_requests_and_queries_over_the_limits_are_413(served: Served) -> None:
    long = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 5000
    assert served.get(long) == (413, "text/plain; charset=utf-8",
                                "the query is 5029 characters long, over the limit of 5000\n")
    big = b"query=" + b"x" * 30_000
    assert served.ask("POST", "/query", big, Content_Type="application/x-www-form-urlencoded")[::2] == (
        413, "the request body is 30006 bytes, over the limit of 20000\n")


def test_answers_in_the_format_asked_for(served: Served) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert served.get(count)[:2] == (200, "application/sparql-results+json; charset=utf-8")
    assert served.ask(path="/query?" + urllib.parse.urlencode({"query": count}), Accept="text/csv") == (
        200, "text/csv; charset=utf-8", f"n\r\n{160 + len(ontology_quads())}\r\n")  # and ontology
    status, media, body = served.ask(path="/query?" + urllib.parse.urlencode({"query": count}),
                                     Accept="application/sparql-results+xml")
    assert (status, media) == (200, "application/sparql-results+xml") and "<literal" in body
    describe = "DESCRIBE <https://w3id.org/tcdkg/id/place/astana>"
    status, media, body = served.ask(path="/query?" + urllib.parse.urlencode({"query": describe}),
                                     Accept="text/turtle")
    assert (status, media) == (200, "text/turtle; charset=utf-8") and "Astana" in body
    assert served.get("SELECT * WHERE { ?s ?p }")[0] == 400  # Oxigraph's syntax error, passed on


def test_writes_are_refused_and_the_query_page_stays(served: Served) -> None:
    update = b"INSERT DATA { <a:s> <a:p> <a:o> }"
    assert served.ask("POST", "/update", update, Content_Type="application/sparql-update")[::2] == (
        403, "this endpoint is read-only: SPARQL updates and Graph Store writes are refused\n")
    assert served.ask("POST", "/query", b"update=" + update,
                      Content_Type="application/x-www-form-urlencoded")[0] == 403
    assert served.ask("PUT", "/store?default", b"<a:s> <a:p> <a:o> .",
                      Content_Type="application/n-triples")[0] == 403
    assert served.ask("DELETE", "/store?default")[0] == 403
    status, _media, page = served.ask(path="/")
    assert status == 200 and "yasgui" in page.lower()


def test_routes_can_be_added_for_entity_pages(served: Served) -> None:
    assert served.ask(path="/id/person/kassym-jomart-tokayev")[::2] == (200, "person kassym-jomart-tokayev\n")
    assert served.ask("POST", "/id/person/x", b"")[0] == 405


def test_the_route_table_in_process() -> None:
    app = App()
    app.route("GET", r"/hello/(?P<name>\w+)", lambda r: text(200, f"hi {r.params['name']} {r.param('x')}"))
    app.route("GET", r"/boom", lambda r: 1 / 0)  # type: ignore[arg-type,return-value]
    request = Request("GET", "/hello/you", {"x": ["1"]}, {})
    assert app.dispatch(request) == (200, {"Content-Type": "text/plain; charset=utf-8"}, b"hi you 1\n")
    assert app.dispatch(Request("HEAD", "/hello/you", {}, {}))[0] == 200
    assert app.dispatch(Request("POST", "/hello/you", {}, {}))[0] == 405
    assert app.dispatch(Request("GET", "/nothing", {}, {}))[0] == 404
    assert app.dispatch(Request("GET", "/boom", {}, {}))[:1] == (500,)


def test_queries_beyond_the_concurrency_limit_are_503() -> None:
    """Two slow queries hold both slots (a stub engine that waits); the third is turned away."""
    import http.server

    arrived = threading.Semaphore(0)
    release = threading.Event()

    class Slow(http.server.BaseHTTPRequestHandler):
        def log_message(self, *_args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            arrived.release()
            release.wait(30)
            body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    engine = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=engine.serve_forever, daemon=True).start()
    app = App(Limits(max_concurrent=2))
    install(app, f"http://127.0.0.1:{engine.server_address[1]}")
    ask = Request("GET", "/query", {"query": ["SELECT * WHERE { ?s ?p ?o }"]}, {})
    answers: list[int] = []
    workers = [threading.Thread(target=lambda: answers.append(app.dispatch(ask)[0])) for _ in range(2)]
    try:
        for worker in workers:
            worker.start()
        assert arrived.acquire(timeout=30) and arrived.acquire(timeout=30)
        status, headers, body = app.dispatch(ask)
        assert (status, headers.get("Retry-After"), body) == (
            503, "1", b"the server is answering 2 queries already; try again in a moment\n")
    finally:
        release.set()
        for worker in workers:
            worker.join(30)
    try:
        assert answers == [200, 200]
        assert app.dispatch(ask)[0] == 200  # the slots are free again
    finally:
        engine.shutdown()
        engine.server_close()
