"""Shared fixtures: paths, an in-process CLI runner, and a built copy of the valid fixture."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
VALID = FIXTURES / "valid"
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True, scope="session")
def _kg_cache(tmp_path_factory):
    """`kg validate --changed-only` keeps a cache (kg.validation.cache): not in ~/.cache."""
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("kg-cache"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def valid_compiled():
    from kg.pipeline import compile_data

    return compile_data(VALID)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, str]:
    """The site of the real data, written once by `kg site` (in-process) for all site tests."""
    from kg.cli import app

    out = tmp_path_factory.mktemp("site") / "site"
    result = CliRunner().invoke(app, ["site", "--data", str(DATA), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="session")
def real_store():
    """An Oxigraph store of the real data's named graphs (compiled once)."""
    from kg.pipeline import compile_data

    return compile_data(DATA).graph.store()


@pytest.fixture(scope="session")
def served_site(built_site, tmp_path_factory):
    """`kg serve` over the real data, serving the site `built_site` wrote (fresh: not rebuilt)."""
    from .servers import OXIGRAPH, kg_serve

    if OXIGRAPH is None:
        pytest.skip("oxigraph is not installed (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("serve-site") / "dist"
    server = kg_serve("--data", str(DATA), "--out", str(out), "--site", str(built_site[0]))
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()
