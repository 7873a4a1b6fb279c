"""`kg serve`: the real Oxigraph server, started as `python -m kg serve` on 127.0.0.1.

Answers match the in-process engine, writes are refused, a runaway query is cut by the
timeout and seen as an error, and SIGINT/SIGTERM stop the server cleanly.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.cli import app
from kg.errors import EndpointError
from kg.ontology import ontology_quads
from kg.pipeline import compile_data
from kg.query.catalog import load_catalog
from kg.query.local import LocalEngine
from kg.query.remote import RemoteEngine
from kg.query.run import run_named
from kg.query.store import is_fresh, location
from kg.serve import is_loopback
from kg.store import ensure_store

from .conftest import DATA, VALID
from .servers import DIRECT, OXIGRAPH, KgServe, kg_serve

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="oxigraph is not installed")
HAS_DATA = any(DATA.rglob("*.yaml"))
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
SELECTS = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?x ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label "
    "FILTER(LANG(?label) = 'ru') }",
    "SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?type } GROUP BY ?type",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KgServe]:
    """`kg serve` over the valid fixture with a 2 s query timeout."""
    out = tmp_path_factory.mktemp("serve") / "dist"
    server = kg_serve("--data", str(VALID), "--out", str(out), "--timeout", "2")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def served_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KgServe]:
    """`kg serve` over the real data/."""
    if not HAS_DATA:
        pytest.skip("no data/ in this checkout")
    out = tmp_path_factory.mktemp("serve-data") / "dist"
    server = kg_serve("--data", str(DATA), "--out", str(out), "--timeout", "10")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def remote_rows(url: str, query: str) -> list[tuple[str, ...]]:
    """Rows through SPARQLWrapper, as N-Triples terms, sorted."""
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(30)
    answer = client.query().convert()
    names = answer["head"]["vars"]  # type: ignore[index,call-overload]
    return sorted(tuple(_term(b.get(v)) for v in names)
                  for b in answer["results"]["bindings"])  # type: ignore[index,call-overload]


def _term(binding: dict[str, str] | None) -> str:
    if binding is None:
        return ""
    if binding["type"] == "uri":
        return str(ox.NamedNode(binding["value"]))
    if binding["type"] == "bnode":
        return "_:"
    datatype = binding.get("datatype")
    return str(ox.Literal(binding["value"], language=binding.get("xml:lang"),
                          datatype=ox.NamedNode(datatype) if datatype else None))


def local_rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    """Rows of the built graph plus the ontology graphs (as kg serve loads them), blank
    nodes written `_:` (their labels differ from store to store)."""
    store.bulk_extend(ontology_quads())
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return sorted(tuple(_shown(s[n]) for n in names) for s in solutions)


def _shown(term: object) -> str:
    if term is None:
        return ""
    return "_:" if isinstance(term, ox.BlankNode) else str(term)


@pytest.mark.parametrize("query", SELECTS)
def test_selects_match_the_in_process_engine(served: KgServe, query: str) -> None:
    store = compile_data(VALID).graph.store()
    expected = local_rows(store, query)
    assert expected
    assert remote_rows(served.url, query) == expected


@pytest.mark.parametrize("query", SELECTS)
def test_selects_match_on_the_real_data(served_data: KgServe, query: str) -> None:
    expected = local_rows(compile_data(DATA).graph.store(), query)
    assert remote_rows(served_data.url, query) == expected


def test_named_queries_match_in_process(served_data: KgServe, runner) -> None:
    store = compile_data(DATA).graph.store()
    store.bulk_extend(ontology_quads())
    local = LocalEngine(store)
    remote = RemoteEngine(served_data.url, 30)
    answered = 0
    for query in load_catalog().values():
        values = {p.name: p.example for p in query.params if not p.optional}
        want = run_named(query, values, local).table
        got = run_named(query, values, remote).table
        assert (got.columns, got.rows) == (want.columns, want.rows), query.name
        answered += bool(want.rows)
    assert answered >= len(load_catalog()) // 2
    printed = next(line for line in served_data.stdout if line.startswith("try: "))
    args = printed.removeprefix("try: kg ").split()
    via_endpoint = runner.invoke(app, [*args, "--format", "json"])
    in_process = runner.invoke(app, [*args[:-2], "--data", str(DATA), "--format", "json"])
    assert via_endpoint.exit_code == in_process.exit_code == 0, via_endpoint.output
    assert via_endpoint.stdout == in_process.stdout
    assert json.loads(via_endpoint.stdout)


def test_prints_the_endpoint_and_serves_the_query_ui(served: KgServe) -> None:
    assert f"SPARQL endpoint: {served.url}" in served.stdout[1]
    assert (f"try: kg query documents-signed-by -p person=Tokayev --endpoint {served.url}\n"
            in served.stdout)
    with DIRECT.open(f"{served.base}/query.html", timeout=10) as answer:
        page = answer.read().decode()
    assert answer.status == 200 and "yasgui" in page.lower()
    with DIRECT.open(f"{served.base}/", timeout=10) as answer:  # the site's home page
        assert "<h1>Turkic and Central Asian diplomacy" in answer.read().decode()


def _status(request: urllib.request.Request) -> int:
    try:
        with DIRECT.open(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_updates_and_graph_store_writes_are_refused(served: KgServe) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = remote_rows(served.url, count)
    triple = b"<https://example.org/s> <https://example.org/p> <https://example.org/o> ."
    update = b"INSERT DATA { " + triple + b" }"
    graph = urllib.parse.urlencode({"graph": "https://example.org/g"})
    attempts = [
        urllib.request.Request(f"{served.base}/update", data=update, method="POST",
                               headers={"Content-Type": "application/sparql-update"}),
        urllib.request.Request(f"{served.base}/update", method="POST",
                               data=urllib.parse.urlencode({"update": update}).encode(),
                               headers={"Content-Type": "application/x-www-form-urlencoded"}),
        urllib.request.Request(f"{served.base}/store?{graph}", data=triple, method="PUT",
                               headers={"Content-Type": "application/n-triples"}),
        urllib.request.Request(f"{served.base}/store?{graph}", data=triple, method="POST",
                               headers={"Content-Type": "application/n-triples"}),
        urllib.request.Request(f"{served.base}/store", method="DELETE"),
    ]
    assert [_status(r) for r in attempts] == [403] * len(attempts)
    wrapper = SPARQLWrapper(served.url, updateEndpoint=f"{served.base}/update")
    wrapper.setMethod(POST)
    wrapper.setQuery(update.decode())
    with pytest.raises(Exception, match="403"):
        wrapper.query()
    assert remote_rows(served.url, count) == before == [
        (str(ox.Literal(160 + len(ontology_quads()))),)]


def test_a_runaway_query_is_cut_by_the_timeout(served: KgServe) -> None:
    started = time.monotonic()
    request = urllib.request.Request(f"{served.url}?{urllib.parse.urlencode({'query': RUNAWAY})}")
    with pytest.raises(urllib.error.HTTPError) as caught:  # never 200 with a broken body
        DIRECT.open(request, timeout=30)
    assert caught.value.code == 503
    assert caught.value.read().decode() == ("the query was stopped after the time limit of 2 s; "
                                            "make it more selective or add a LIMIT\n")
    with pytest.raises(EndpointError, match='answered HTTP 503 Service Unavailable: "the query was '
                                            'stopped after the time limit of 2 s'):
        RemoteEngine(served.url, 30).run(RUNAWAY)
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(("signum", "background"), [
    (signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGINT, True)],
    ids=["INT", "TERM", "INT-background-job"])
def test_a_second_server_reuses_the_store_and_stops_cleanly(served: KgServe, signum: int,
                                                            background: bool) -> None:
    # the inputs include the kg source: an edit since the fixture started means a rebuild
    unchanged = is_fresh(location(VALID))
    second = kg_serve("--data", str(VALID), "--out", str(served.out), "--timeout", "2",
                      background=background)
    try:
        second.wait_ready()
        assert remote_rows(second.url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }") == [
            (str(ox.Literal(160 + len(ontology_quads()))),)]
    finally:
        code = second.stop(signum)
    output = "".join(second.stdout + second.stderr)
    assert code == 0, output
    assert not unchanged or not any("rebuilt the query store" in line for line in second.stderr), \
        output
    assert second.stdout[-1] == "stopped\n", output


def test_store_is_rebuilt_only_when_the_inputs_change(tmp_path: Path) -> None:
    assert OXIGRAPH is not None
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    first = ensure_store(data)
    again = ensure_store(data)
    assert (first.rebuilt, again.rebuilt, again.quads) == (
        True, False, 160 + len(ontology_quads()))  # the data and the ontology graphs
    assert again.db == first.db and stored_quads(again.db) == again.quads
    place = data / "places" / "astana.yaml"
    place.write_text(place.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    edited = ensure_store(data)
    assert edited.rebuilt and edited.db != first.db
    assert sorted(p.name for p in edited.db.parent.parent.iterdir() if p.name.startswith(".")) == []


def stored_quads(db: Path) -> int:
    """Quads in a store folder, opened read-only beside any other reader."""
    return len(ox.Store.read_only(str(db)))


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "example.org"])
def test_non_loopback_needs_public(runner, host: str) -> None:
    result = runner.invoke(app, ["serve", "--host", host, "--data", str(VALID)])
    assert result.exit_code == 2
    assert f"error: refusing to serve on '{host}', which is not a loopback address" \
        in result.output
    assert "pass --public" in result.output


def test_loopback_addresses() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.4.5.6", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "10.0.0.1", "example.org", ""]))


def test_missing_or_invalid_data_serves_nothing(runner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["serve", "--data", str(tmp_path / "nope"),
                                  "--out", str(tmp_path / "dist")])
    assert missing.exit_code == 2
    assert f"error: data folder '{tmp_path / 'nope'}' does not exist" in missing.output
    invalid = VALID.parent / "invalid" / "check-approval-cycle" / "data"
    broken = runner.invoke(app, ["serve", "--data", str(invalid), "--out", str(tmp_path / "d")])
    assert broken.exit_code == 1
    assert "error: " in broken.output and "SPARQL endpoint" not in broken.output
    assert not (tmp_path / "d").exists()


def test_port_in_use_exits_2(runner, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--data", str(VALID),
                                     "--out", str(tmp_path / "dist")])
    assert result.exit_code == 2
    assert f"error: port {port} on 127.0.0.1 is already in use" in result.output
    assert not (tmp_path / "dist").exists()
