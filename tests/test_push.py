"""`kg push` against a real read-write Oxigraph server and a stub store that fails on cue."""

from __future__ import annotations

import base64
import urllib.request
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.builder import build
from kg.cli import app
from kg.errors import UsageError
from kg.gsp import credentials, resolve_target

from .conftest import DATA, VALID
from .servers import DIRECT, OXIGRAPH, StubState, oxigraph, stub_store

DATASETS = [VALID] + ([DATA] if any(DATA.rglob("*.yaml")) else [])
needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None, reason="oxigraph is not installed")
SECRET = "s3cr3t-pa55word"
TOKEN = "tok-0123456789abcdef"


def as_oxigraph_stores(nquads: bytes) -> bytes:
    """The N-Quads as any Oxigraph store keeps them: it stores xsd:integer's derived types
    (xsd:positiveInteger...) as xsd:integer, so the dump of a store differs from dist/ there."""
    store = ox.Store()
    store.load(nquads, format=ox.RdfFormat.N_QUADS)
    return store.dump(format=ox.RdfFormat.N_QUADS) or b""


def named_graphs(nquads: bytes) -> dict[str, Graph]:
    """Each named graph of an N-Quads document as an rdflib Graph."""
    grouped: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(nquads, format=ox.RdfFormat.N_QUADS):
        grouped[quad.graph_name.value].append(quad.triple)
    return {iri: Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES),
                               format="nt") for iri, triples in grouped.items()}


def store_dump(base: str) -> bytes:
    """The whole dataset through a Graph Store Protocol GET."""
    request = urllib.request.Request(f"{base}/store", headers={"Accept": "application/n-quads"})
    with DIRECT.open(request, timeout=30) as answer:
        return bytes(answer.read())


def push(runner, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["push", *args], env=env)


@needs_oxigraph
@pytest.mark.parametrize("data", DATASETS, ids=lambda p: p.name)
def test_push_yields_a_store_isomorphic_to_dist(runner, tmp_path: Path, data: Path) -> None:
    build(data, tmp_path / "dist")
    want = named_graphs(as_oxigraph_stores((tmp_path / "dist" / "tcdkg.nq").read_bytes()))
    with oxigraph("serve", "--location", str(tmp_path / "db")) as base:
        result = push(runner, "--endpoint", f"{base}/query", "--data", str(data))
        assert result.exit_code == 0, result.output
        have = named_graphs(store_dump(base))
    assert set(have) == set(want)
    assert all(isomorphic(have[g], want[g]) for g in want)
    triples = sum(len(g) for g in want.values())
    assert f"replaced {len(want)} graph(s) with {triples} triples" in result.stdout
    assert "every graph holds exactly the triples sent" in result.stdout


@needs_oxigraph
def test_pushing_twice_is_idempotent_and_turtle_works(runner, tmp_path: Path) -> None:
    with oxigraph("serve", "--location", str(tmp_path / "db")) as base:
        first = push(runner, "--endpoint", base, "--data", str(VALID))
        once = store_dump(base).count(b"\n")
        second = push(runner, "--endpoint", base, "--data", str(VALID), "--format", "ttl")
        twice = store_dump(base).count(b"\n")
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert once == twice == 160


@needs_oxigraph
def test_push_into_one_graph(runner, tmp_path: Path) -> None:
    with oxigraph("serve", "--location", str(tmp_path / "db")) as base:
        result = push(runner, "--endpoint", base, "--data", str(VALID),
                      "--graph", "https://example.org/tcdkg")
        got = named_graphs(store_dump(base))
    assert result.exit_code == 0, result.output
    assert list(got) == ["https://example.org/tcdkg"]
    assert len(got["https://example.org/tcdkg"]) == 160


@needs_oxigraph
def test_read_only_server_refuses_the_push(runner, tmp_path: Path) -> None:
    with oxigraph("serve", "--location", str(tmp_path / "db")):
        pass  # creates an empty store folder
    with oxigraph("serve-read-only", "--location", str(tmp_path / "db")) as base:
        result = push(runner, "--endpoint", base, "--data", str(VALID))
    assert result.exit_code == 2
    assert "stopped at graph 1 of 9: HTTP 403 Forbidden" in result.output
    assert "No graph was replaced; graph 1 <https://w3id.org/tcdkg/graph/" in result.output
    assert "was refused and is unchanged; graphs 2–9 were not sent and are unchanged" \
        in result.output


def test_server_error_is_reported_with_the_state(runner) -> None:
    state = StubState(mode="status", status=500, ok_puts=3)
    with stub_store(state) as base:
        result = push(runner, "--endpoint", base, "--data", str(VALID))
    assert result.exit_code == 2
    assert "stopped at graph 4 of 9: HTTP 500 Internal Server Error" in result.output
    assert "Graphs 1–3 of 9 were replaced; graph 4 <" in result.output
    assert "failed and may be empty, partly written or unchanged; " \
           "graphs 5–9 were not sent and are unchanged." in result.output
    assert "Run kg push again" in result.output


def test_connection_dropped_mid_upload(runner) -> None:
    state = StubState(mode="drop", ok_puts=1)
    with stub_store(state) as base:
        result = push(runner, "--endpoint", base, "--data", str(VALID), "--timeout", "10")
    assert result.exit_code == 2
    assert "stopped at graph 2 of 9: no complete answer from " in result.output
    assert "Graph 1 of 9 was replaced; graph 2 <" in result.output
    assert "graphs 3–9 were not sent" in result.output


def test_unreachable_store(runner) -> None:
    with stub_store(StubState()) as base:
        pass  # now closed: nothing listens there
    result = push(runner, "--endpoint", base, "--data", str(VALID), "--timeout", "5")
    assert result.exit_code == 2
    assert "cannot connect to" in result.output
    assert "graph 1 <" in result.output and "was not sent and is unchanged" in result.output


def test_count_mismatch_fails_verification(runner) -> None:
    with stub_store(StubState(count_offset=-1)) as base:
        result = push(runner, "--endpoint", base, "--data", str(VALID))
    assert result.exit_code == 2
    assert "verification failed: 9 of 9 graphs" in result.output


def test_basic_credentials_reach_the_server_and_are_never_printed(runner) -> None:
    state = StubState()
    env = {"KG_PUSH_USER": "curator", "KG_PUSH_PASSWORD": SECRET}
    with stub_store(state) as base:
        result = push(runner, "--endpoint", base, "--data", str(VALID), env=env)
    assert result.exit_code == 0, result.output
    expected = "Basic " + base64.b64encode(f"curator:{SECRET}".encode()).decode()
    assert state.auth and all(a == expected for a in state.auth)  # 9 PUTs and the count
    assert len(state.auth) == 10
    assert SECRET not in result.output and expected not in result.output


def test_token_is_sent_and_redacted_from_an_echoing_refusal(runner) -> None:
    state = StubState(mode="status", status=401, echo_auth=True)
    with stub_store(state) as base:
        result = push(runner, "--endpoint", base, "--data", str(VALID),
                      env={"KG_PUSH_TOKEN": TOKEN})
    assert state.auth == [f"Bearer {TOKEN}"]
    assert result.exit_code == 2
    assert "HTTP 401 Unauthorized: you sent Bearer ***" in result.output
    assert "Check the credentials in KG_PUSH_USER/KG_PUSH_PASSWORD or KG_PUSH_TOKEN" \
        in result.output
    assert TOKEN not in result.output


def test_credentials_in_the_url_are_refused(runner) -> None:
    result = push(runner, "--endpoint", f"http://curator:{SECRET}@127.0.0.1:9/query",
                  "--data", str(VALID))
    assert result.exit_code == 2
    assert "credentials in the URL are not accepted" in result.output
    assert SECRET not in result.output


def test_bad_graph_iri_and_format_exit_2(runner) -> None:
    bad = push(runner, "--endpoint", "http://127.0.0.1:9", "--data", str(VALID),
               "--graph", "not an iri")
    assert bad.exit_code == 2 and "--graph 'not an iri' is not a valid IRI" in bad.output
    fmt = push(runner, "--endpoint", "http://127.0.0.1:9", "--format", "xml")
    assert fmt.exit_code == 2 and "--format 'xml' is not one of: nt, ttl" in fmt.output


def test_endpoint_urls() -> None:
    assert resolve_target("http://h:7878/query") == resolve_target("http://h:7878/")
    target = resolve_target("http://h:7878/query")
    assert (target.store_url, target.query_url) == ("http://h:7878/store", "http://h:7878/query")
    fuseki = resolve_target("http://h:3030/ds/sparql", store_url="http://h:3030/ds/data")
    assert (fuseki.store_url, fuseki.query_url) == ("http://h:3030/ds/data",
                                                    "http://h:3030/ds/query")
    with pytest.raises(UsageError, match="is not an http"):
        resolve_target("ftp://h/query")


def test_credentials_from_the_environment() -> None:
    assert credentials({}) == ({}, [])
    assert credentials({"KG_PUSH_TOKEN": "t"})[0] == {"Authorization": "Bearer t"}
    with pytest.raises(UsageError, match="KG_PUSH_PASSWORD is not set"):
        credentials({"KG_PUSH_USER": "u"})
    with pytest.raises(UsageError, match="KG_PUSH_TOKEN contains a line break") as caught:
        credentials({"KG_PUSH_TOKEN": f"{TOKEN}\n"})
    assert TOKEN not in str(caught.value)
    with pytest.raises(UsageError, match="not both"):
        credentials({"KG_PUSH_TOKEN": "t", "KG_PUSH_USER": "u", "KG_PUSH_PASSWORD": "p"})
