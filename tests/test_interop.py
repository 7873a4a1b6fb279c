"""The named queries answer the same on the stores researchers load `dist/` into: Virtuoso 7
and Apache Jena (ARQ/TDB2), each on 127.0.0.1, loaded as docs/serving.md says, against the
in-process answers; and `kg push` into Virtuoso's authenticated Graph Store endpoint."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.builder import build
from kg.cli import app
from kg.query.catalog import load_catalog
from kg.query.local import LocalEngine, engine_for_data
from kg.query.remote import RemoteEngine
from kg.query.run import run_named

from .conftest import DATA
from .stores import PUSH_PASSWORD, PUSH_USER, Virtuoso, jena, virtuoso

CATALOG = load_catalog()
#: every query with the examples of its header (names, not slugs), then other names and forms
CASES = [(name, {p.name: p.example for p in q.params}) for name, q in sorted(CATALOG.items())] + [
    ("documents-signed-by", {"person": "Токаев"}),
    ("documents-signed-by", {"person": "person/kassym-jomart-tokayev"}),
    ("posts-of", {"person": "Omuraliev"}),
    ("posts-of", {"person": "Омуралиев", "date": "2024"}),
    ("members-of", {"organization": "OTS"}),
    ("chair-of", {"organization": "ОТГ", "date": "2023-11-04"}),
    ("chair-of", {"organization": "OTS", "date": "2023"}),
    ("office-holders", {"organization": "Kazakhstan", "date": "2024"}),
    ("events-of", {"actor": "Kazakhstan"}),
    ("timeline", {"actor": "Omuraliev"}),
    ("sources-of", {"entity": "Tokayev"}),
]


#: the queries also run through `kg query --endpoint` (every kind of parameter)
SHOWN = {"chair-of", "documents-of-event", "events-at", "meetings-between", "sources-of"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("interop") / "dist"
    build(DATA, out)
    return out


@pytest.fixture(scope="module")
def started(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Both stores, started side by side (each takes 10-30 s): each entry is the store's
    `virtuoso()` / `jena()` value, or what stopped it (a skip, a failure)."""
    def start(name: str) -> tuple[contextlib.ExitStack, Any]:
        own = contextlib.ExitStack()
        factory = virtuoso if name == "virtuoso" else jena
        return own, own.enter_context(factory(tmp_path_factory.mktemp(name), dist))

    with contextlib.ExitStack() as stack, ThreadPoolExecutor(2) as pool:
        futures = {name: pool.submit(start, name) for name in ("virtuoso", "jena")}
        found: dict[str, Any] = {}
        for name, future in futures.items():
            try:
                own, found[name] = future.result()
                stack.callback(own.close)
            except BaseException as exc:  # a skip or a failure, raised again by its user
                found[name] = exc
        yield found


def _store(started: dict[str, Any], name: str) -> Any:
    if isinstance(started[name], BaseException):
        raise started[name]
    return started[name]


@pytest.fixture(scope="module")
def virtuoso_store(started: dict[str, Any]) -> Virtuoso:
    return _store(started, "virtuoso")  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def jena_url(started: dict[str, Any]) -> str:
    return str(_store(started, "jena"))


@pytest.fixture(scope="module", params=["virtuoso", "jena"])
def endpoint(request: pytest.FixtureRequest) -> str:
    if request.param == "virtuoso":
        return str(request.getfixturevalue("virtuoso_store").sparql)
    return str(request.getfixturevalue("jena_url"))


@pytest.fixture(scope="module")
def local() -> LocalEngine:
    return engine_for_data(DATA)


def test_the_loads_hold_every_quad(endpoint: str, dist: Path) -> None:
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    table = RemoteEngine(endpoint, timeout=30).run(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/tcdkg/graph/')) }")
    assert int(table.rows[0][0].value) == manifest["quads"]  # type: ignore[union-attr]


def test_every_named_query_is_covered() -> None:
    assert {name for name, _ in CASES} == set(CATALOG) and len(CATALOG) == 13


@pytest.mark.parametrize(("name", "params"), CASES,
                         ids=[f"{n}-{'-'.join(p.values())}" for n, p in CASES])
def test_named_query_rows_equal_in_process_rows(endpoint: str, local: LocalEngine, name: str,
                                                params: dict[str, str]) -> None:
    there = run_named(CATALOG[name], params, RemoteEngine(endpoint, timeout=30))
    here = run_named(CATALOG[name], params, local)
    assert there.table.columns == here.table.columns
    assert there.table.rows == here.table.rows
    assert there.parameters == here.parameters
    assert here.table.rows, "an example that answers nothing proves little"


def test_cli_over_the_endpoint_prints_what_it_prints_in_process(endpoint: str,
                                                                runner: CliRunner) -> None:
    for name, params in [c for c in CASES if c[0] in SHOWN]:
        args = ["query", name, "--format", "csv"]
        for key, value in params.items():
            args += ["-p", f"{key}={value}"]
        there = runner.invoke(app, [*args, "--endpoint", endpoint, "--data", "/nonexistent"])
        here = runner.invoke(app, [*args, "--data", str(DATA)])
        assert (there.exit_code, there.stdout) == (0, here.stdout), (name, there.stderr)


def test_push_to_virtuosos_graph_store_with_digest_authentication(
        virtuoso_store: Virtuoso, runner: CliRunner, dist: Path) -> None:
    virtuoso_store.sql(f"DB.DBA.USER_CREATE ('{PUSH_USER}', '{PUSH_PASSWORD}');\n"
                       f'GRANT SPARQL_UPDATE TO "{PUSH_USER}";\n')
    args = ["push", "--endpoint", virtuoso_store.sparql,
            "--store-url", f"{virtuoso_store.base}/sparql-graph-crud-auth",
            "--query-url", virtuoso_store.sparql]
    login = {"KG_PUSH_USER": PUSH_USER, "KG_PUSH_PASSWORD": PUSH_PASSWORD}
    refused = runner.invoke(app, args, env={**login, "KG_PUSH_AUTH": "basic"})
    assert refused.exit_code == 2
    assert re.search(r"stopped at graph 1 of [0-9]+: HTTP 401 Unauthorized", refused.stderr)
    assert PUSH_PASSWORD not in refused.output
    pushed = runner.invoke(app, args, env={**login, "KG_PUSH_AUTH": "digest"})
    assert pushed.exit_code == 0, pushed.output
    quads = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))["quads"]
    assert re.match(rf"replaced [0-9]+ graph\(s\) with {quads} triples at "
                    rf"{re.escape(virtuoso_store.base)}/sparql-graph-crud-auth in ", pushed.stdout)
    assert pushed.stdout.endswith(f"verified through {virtuoso_store.sparql}: every graph "
                                  "holds exactly the triples sent\n")
    assert PUSH_PASSWORD not in pushed.output


def test_a_missing_store_skips_or_fails_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    from _pytest.outcomes import Failed, Skipped

    from . import stores

    monkeypatch.setattr(stores, "REQUIRED", False)
    with pytest.raises(Skipped, match=r"^Virtuoso is not installed$"):
        stores.unavailable("Virtuoso is not installed")
    monkeypatch.setattr(stores, "REQUIRED", True)
    with pytest.raises(Failed, match="KG_REQUIRE_SERVERS=1: the store must be installed"):
        stores.unavailable("Virtuoso is not installed")
