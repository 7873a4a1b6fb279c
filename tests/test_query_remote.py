"""The remote engine against a real Oxigraph server and a misbehaving stub, both on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, serialize
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import EndpointError
from kg.pipeline import compile_data
from kg.query.catalog import load_catalog
from kg.query.local import LocalEngine, engine_for_data
from kg.query.remote import MAX_GET_URL, RemoteEngine
from kg.query.run import run_named
from tests.conftest import DATA

CATALOG = load_catalog()
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph")
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {process.stderr.read()!r}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("oxigraph did not start")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data's named graphs loaded into an Oxigraph store on disk."""
    folder = tmp_path_factory.mktemp("oxigraph")
    dump = folder / "data.nq"
    dump.write_bytes(serialize(compile_data(DATA).graph.quads, format=RdfFormat.N_QUADS) or b"")
    subprocess.run([OXIGRAPH, "load", "--location", str(folder / "store"), "--file", str(dump)],  # type: ignore[list-item]
                   check=True, capture_output=True, timeout=60)
    return folder / "store"


def serve(store: Path, *flags: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [OXIGRAPH, "serve-read-only", "--location", str(store),  # type: ignore[list-item]
         "--bind", f"127.0.0.1:{port}", *flags],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def endpoint(store_dir: Path) -> Iterator[str]:
    yield from serve(store_dir, "--union-default-graph")


@pytest.fixture(scope="module")
def local() -> LocalEngine:
    return engine_for_data(DATA)


CASES = [(name, {p.name: p.example for p in q.params}) for name, q in sorted(CATALOG.items())] + [
    ("posts-of", {"person": "Omuraliev"}),
    ("members-of", {"organization": "OTS"}),
    ("chair-of", {"organization": "ОТГ", "date": "2023-11-04"}),
    ("chair-of", {"organization": "OTS", "date": "2023"}),
    ("documents-signed-by", {"person": "person/kassym-jomart-tokayev"}),
]


@pytest.mark.parametrize(("name", "params"), CASES)
def test_remote_answers_equal_local_answers(endpoint: str, local: LocalEngine, name: str,
                                            params: dict[str, str]) -> None:
    remote = run_named(CATALOG[name], params, RemoteEngine(endpoint, timeout=10))
    here = run_named(CATALOG[name], params, local)
    assert remote.table.columns == here.table.columns
    assert remote.table.rows == here.table.rows
    assert remote.parameters == here.parameters


def test_cli_against_the_endpoint(endpoint: str, runner: CliRunner) -> None:
    args = ["query", "documents-signed-by", "-p", "person=Токаев", "--format", "csv"]
    remote = runner.invoke(app, [*args, "--endpoint", endpoint, "--data", "/nonexistent"])
    local = runner.invoke(app, [*args, "--data", str(DATA)])
    assert (remote.exit_code, remote.stdout) == (0, local.stdout)
    assert local.stdout.count("\n") >= 4  # header and at least the three VI-meeting documents
    search = runner.invoke(app, ["search", "Омуралиев", "--endpoint", endpoint])
    assert search.stdout.startswith("person/kubanychbek-omuraliev  Kubanychbek Omuraliev | ")
    adhoc = runner.invoke(app, ["query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a "
                                "<https://w3id.org/tcdkg/ontology#Person> }", "--format", "csv",
                                "--endpoint", endpoint])
    persons = len(list((DATA / "persons").glob("*.yaml")))
    assert adhoc.stdout == f"n\n{persons}\n"
    for text in ("CONSTRUCT WHERE { ?s <https://w3id.org/tcdkg/ontology#isoCode> ?o }",
                 "DESCRIBE <https://w3id.org/tcdkg/id/place/bishkek>",
                 "ASK { ?s a <https://w3id.org/tcdkg/ontology#Event> }"):
        there = runner.invoke(app, ["query", "--sparql", text, "--format", "csv",
                                    "--endpoint", endpoint])
        here = runner.invoke(app, ["query", "--sparql", text, "--format", "csv",
                                   "--data", str(DATA)])
        assert there.exit_code == 0, there.output
        assert sorted(there.stdout.splitlines()) == sorted(here.stdout.splitlines())
        assert there.stdout.count("\n") > 1
    refused = runner.invoke(app, ["query", "--sparql", "SELECT * WHERE { SERVICE "
                                  "<http://127.0.0.1:9/> { ?s ?p ?o } }", "--endpoint", endpoint])
    assert (refused.exit_code, refused.stdout) == (2, "")
    unknown = runner.invoke(app, ["query", "posts-of", "-p", "person=Zoroaster",
                                  "--endpoint", endpoint])
    assert (unknown.exit_code, unknown.stdout) == (2, "")
    assert unknown.stderr.startswith("error: parameter 'person': no person is named 'Zoroaster'")


def test_named_graphs_without_a_union_default_graph(store_dir: Path, runner: CliRunner) -> None:
    for url in serve(store_dir):
        result = runner.invoke(app, ["query", "posts-of", "-p", "person=Tokayev",
                                     "--endpoint", url])
        assert (result.exit_code, result.stdout) == (2, "")
        assert "keeps its data in named graphs and its default graph is empty" in result.stderr


# --- a stub endpoint that misbehaves in every way a remote store can ----------------------------

ASK_TRUE = b'{"head":{},"boolean":true}'
SEEN: list[tuple[str, str, str]] = []
ANSWER = json.dumps({"head": {"vars": ["entity", "label", "preferred"]}, "results": {
    "bindings": [{"entity": {"type": "uri", "value": "https://w3id.org/tcdkg/id/person/x"}}]}}
).encode()


class Stub(http.server.BaseHTTPRequestHandler):
    """Answers GET and form-encoded POST (`/get-only`, `/form-only`: only that one), and
    records how each query came (`SEEN`)."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        self._handle("get", path, urllib.parse.parse_qs(query).get("query", [""])[0])

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get_content_type() == "application/x-www-form-urlencoded":
            query = urllib.parse.parse_qs(body.decode()).get("query", [""])[0]
            return self._handle("form", self.path, query)
        return self._handle("direct", self.path, body.decode())

    def _handle(self, method: str, path: str, query: str) -> None:
        SEEN.append((path, method, query))
        mode = path.partition("?")[0].strip("/")
        if query.lstrip().startswith("ASK"):
            return self._send(200, ASK_TRUE)
        if (mode == "get-only" and method != "get") or (mode == "form-only" and method != "form"):
            return self._send(405, b"\x1b[31mmethod\tnot allowed\x1b[0m\nsecond line")
        if mode == "slow":
            time.sleep(3)
            return self._send(200, ANSWER)
        if mode == "stall":  # headers and half the body, then nothing
            self._head(200, len(ANSWER))
            self.wfile.write(ANSWER[:20])
            self.wfile.flush()
            time.sleep(3)
            return None
        if mode == "dribble":  # a byte at a time, each in time, the whole too late
            self._head(200, len(ANSWER))
            for byte in ANSWER[:12]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.25)
            return None
        if mode == "cut":  # a body cut off mid-stream
            return self._send(200, ANSWER[: len(ANSWER) // 2])
        if mode == "cancelled":  # what `oxigraph serve --timeout-s` streams when it gives up
            return self._send(200, ANSWER[:-30] + b"The SPARQL operation has been cancelled")
        if mode == "short":  # announces more than it sends
            self._head(200, len(ANSWER) + 100)
            self.wfile.write(ANSWER)
            return None
        if mode == "malformed":
            return self._send(200, b"<html>not json</html>")
        if mode == "wrong-shape":
            return self._send(200, b'{"results": []}')
        if mode == "error":
            return self._send(500, b"internal failure")
        if mode == "busy":
            return self._send(503, b"busy")
        if mode == "bad":
            return self._send(400, b"Parser error at line 1")
        return self._send(200, ANSWER)

    def _head(self, status: int, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def _send(self, status: int, body: bytes) -> None:
        self._head(status, len(body))
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hanging up on a slow answer is the point of the test


@pytest.fixture(scope="module")
def stub() -> Iterator[str]:
    server = QuietServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("mode", "message"), [
    ("slow", "did not answer within 1 s (--timeout)"),
    ("stall", "did not answer within 1 s (--timeout)"),
    ("dribble", "did not answer within 1 s (--timeout)"),
    ("cut", "sent a malformed or truncated answer"),
    ("cancelled", "sent a malformed or truncated answer"),
    ("short", "is unreachable or broke off"),
    ("malformed", "sent a malformed or truncated answer"),
    ("wrong-shape", "sent a malformed or truncated answer"),
    ("error", 'answered HTTP 500 Internal Server Error: "internal failure"'),
    ("bad", 'answered HTTP 400 Bad Request: "Parser error at line 1"'),
    ("busy", 'answered HTTP 503 Service Unavailable: "busy"'),
])
def test_broken_answers_are_clear_errors_with_no_output(stub: str, runner: CliRunner, mode: str,
                                                        message: str) -> None:
    url = f"{stub}/{mode}"
    started = time.monotonic()
    result = runner.invoke(app, ["query", "posts-of", "-p", f"person={DATA_IRI}",
                                 "--endpoint", url, "--timeout", "1"])
    assert time.monotonic() - started < 6
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert result.stderr.startswith(f"error: endpoint {url} ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


DATA_IRI = "https://w3id.org/tcdkg/id/person/x"


def test_a_working_stub_answer_parses(stub: str) -> None:
    table = RemoteEngine(stub, timeout=5).run("SELECT ?entity ?label ?preferred WHERE { }")
    assert table.columns == ["entity", "label", "preferred"]
    assert table.rows[0][0].value == DATA_IRI  # type: ignore[union-attr]


def test_unreachable_and_bad_endpoints(runner: CliRunner) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = runner.invoke(app, ["query", "posts-of", "-p", "person=Tokayev", "--endpoint", url])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: endpoint {url} is unreachable or broke off: ")
    with pytest.raises(EndpointError, match="is not an http"):
        RemoteEngine("ftp://127.0.0.1/x")
    with pytest.raises(EndpointError, match="positive number"):
        RemoteEngine("http://127.0.0.1:9/", timeout=0)


SHORT = "SELECT ?entity ?label ?preferred WHERE { }"
_BINDS = " ".join(f"BIND({i} AS ?v{i})" for i in range(400))
LONG = SHORT.replace("{ }", "{ " + _BINDS + " }")


def test_short_queries_go_as_get_and_long_ones_as_form_posts(stub: str) -> None:
    engine = RemoteEngine(f"{stub}/query", timeout=5)
    assert engine.request_method(SHORT) == "get"
    assert engine.request_method(LONG) == "form"
    limit = "SELECT * WHERE { }"
    fill = MAX_GET_URL - len(f"{stub}/query?") - len(urllib.parse.urlencode({"query": limit}))
    fitting = limit + " " * (fill // 3)  # a space is encoded as `+`... so three to be safe
    assert engine.request_method(fitting) == "get"
    assert RemoteEngine(f"{stub}/query", method="direct").request_method(SHORT) == "direct"
    SEEN.clear()
    for text in (SHORT, LONG):
        assert RemoteEngine(f"{stub}/query", timeout=5).run(text).columns == \
            ["entity", "label", "preferred"]
    assert [(m, len(q) > 2000) for _, m, q in SEEN if not q.startswith("ASK")] == [
        ("get", False), ("form", True)]


@pytest.mark.parametrize("path", ["get-only", "form-only"])
def test_servers_that_take_only_get_or_only_form_posts(stub: str, path: str) -> None:
    url = f"{stub}/{path}"
    works = SHORT if path == "get-only" else LONG
    assert RemoteEngine(url, timeout=5).run(works).rows[0][0].value == DATA_IRI  # type: ignore[union-attr]
    other = LONG if path == "get-only" else SHORT
    with pytest.raises(EndpointError) as refused:
        RemoteEngine(url, timeout=5).run(other)
    assert str(refused.value) == (f"endpoint {url} answered HTTP 405 Method Not Allowed: "
                                  '"\\u001b[31mmethod\\u0009not allowed\\u001b[0m"')
    with pytest.raises(EndpointError, match="answered HTTP 405"):
        RemoteEngine(url, timeout=5, method="direct").run(works)
