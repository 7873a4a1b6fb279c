"""Local queries read a persistent store (kg.query.store), rebuilt whenever an input changed."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import app
from kg.query.catalog import load_catalog
from kg.query.local import engine_for_compiled, engine_for_data
from kg.query.run import run_named
from kg.query.store import open_query_store

from .conftest import DATA, ROOT, VALID
from .synthetic import corpus

REBUILT = "note: rebuilt the query store of "


def _stores(data: Path) -> set[str]:
    """The fingerprints of the query stores kept for `data`."""
    from kg.validation.cache import cache_dir

    return {p.parent.name for p in (cache_dir(data) / "query-store").glob("*/stamp.json")}


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(VALID, tmp_path / "data")
    return tmp_path / "data"


def _query(runner, data: Path, *args: str):
    return runner.invoke(app, ["query", *args, "--data", str(data), "--format", "csv"])


def test_the_store_is_built_once_and_used_while_fresh(runner, data):
    assert _stores(data) == set()
    first = _query(runner, data, "posts-of", "-p", "person=Tokayev")
    assert first.exit_code == 0, first.output
    assert len(_stores(data)) == 1
    assert REBUILT not in first.stderr  # notes, like progress, only on a terminal
    second = _query(runner, data, "posts-of", "-p", "person=Tokayev")
    assert second.stdout == first.stdout
    assert open_query_store(data).rebuilt is False


def test_an_edited_fact_file_gives_the_new_answer(runner, data):
    before = _query(runner, data, "event-participants", "-p", "event=example-summit")
    assert "head-of-delegation" in before.stdout
    path = data / "events" / "2024" / "example-summit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("role: head-of-delegation", "role: guest-of-honour"),
                    encoding="utf-8")
    stores = _stores(data)
    after = _query(runner, data, "event-participants", "-p", "event=example-summit")
    assert len(_stores(data) - stores) == 1
    assert "guest-of-honour" in after.stdout and "head-of-delegation" not in after.stdout


def test_a_new_fact_file_and_a_removed_one_are_seen(runner, data):
    (data / "places" / "almaty.yaml").write_text(
        "name:\n  en: Almaty\n  ru: Алматы\ntype: city\nstate: kazakhstan\nsources: [example-news]\n", encoding="utf-8")
    assert _query(runner, data, "events-at", "-p", "place=Almaty").exit_code == 0
    (data / "places" / "almaty.yaml").unlink()
    gone = _query(runner, data, "events-at", "-p", "place=Almaty")
    assert gone.exit_code == 2
    assert "Almaty" in gone.output


def test_fact_files_with_errors_publish_no_store(runner, data, tmp_path):
    path = data / "events" / "2024" / "example-summit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("ordinal: 1", "ordinal: x"), encoding="utf-8")
    result = _query(runner, data, "posts-of", "-p", "person=Tokayev")
    assert result.exit_code == 1
    assert "error E203 'ordinal' must be a whole number, not 'x'" in result.output
    stores = list((Path(os.environ["KG_CACHE_DIR"])).glob("*/query-store/*/stamp.json"))
    assert all("ordinal: x" not in s.read_text() for s in stores)


def _every_named_query(data: Path) -> list[tuple[str, list]]:
    store, compiled = engine_for_data(data), engine_for_compiled(data)
    answers = []
    for query in load_catalog(None).values():
        values = {p.name: p.example for p in query.params}
        rows = [run_named(query, values, engine).table.rows for engine in (store, compiled)]
        answers.append((query.name, rows))
    return answers


def test_store_answers_equal_a_fresh_compile_on_the_real_data():
    for name, (from_store, compiled) in _every_named_query(DATA):
        assert from_store == compiled, name


def test_store_answers_equal_a_fresh_compile_on_a_generated_corpus(tmp_path):
    data, _ = corpus(tmp_path, 10_000, 3)
    store, compiled = engine_for_data(data), engine_for_compiled(data)
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    assert store.run(text).rows == compiled.run(text).rows


def _stderr_on_a_terminal(args: list[str], cwd: Path, **env: str) -> str:
    """Run `kg` with standard error on a pseudo-terminal; what it wrote there."""
    main, secondary = pty.openpty()
    environment = {**os.environ, "KG_PROGRESS_DELAY": "0", "COLUMNS": "100", **env}
    process = subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=secondary, env=environment)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_the_rebuild_note_shows_on_a_terminal(data):
    shown = _stderr_on_a_terminal(["query", "posts-of", "-p", "person=Tokayev", "--data", str(data)], ROOT)
    assert REBUILT + f"{data.as_posix()}/ (" in shown
    again = _stderr_on_a_terminal(["query", "posts-of", "-p", "person=Tokayev", "--data", str(data)], ROOT)
    assert REBUILT not in again


def test_progress_shows_only_on_a_terminal(runner, data, tmp_path):
    shown = _stderr_on_a_terminal(["build", "--data", str(data), "--out", str(tmp_path / "d1")], ROOT)
    assert "reading and checking" in shown
    quiet = _stderr_on_a_terminal(["build", "--data", str(data), "--out", str(tmp_path / "d2"), "--quiet"], ROOT)
    assert "reading and checking" not in quiet
    piped = runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "d3")])
    assert piped.exit_code == 0 and "reading and checking" not in piped.output


def test_kg_build_leaves_the_store_the_next_query_reads(runner, data, tmp_path, monkeypatch):
    """The first query after a build reads what the build compiled: no YAML is read again."""
    built = runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "dist")])
    assert built.exit_code == 0, built.output
    assert len(_stores(data)) == 1

    def no_compile(*_args, **_kwargs):
        raise AssertionError("the query compiled the fact files again")

    monkeypatch.setattr("kg.pipeline.compile_data", no_compile)
    answer = _query(runner, data, "posts-of", "-p", "person=Tokayev")
    assert answer.exit_code == 0, answer.output
    assert open_query_store(data).rebuilt is False
    monkeypatch.undo()
    from kg.validation.cache import cache_dir

    shutil.rmtree(cache_dir(data) / "query-store")  # the same answer from a store of its own
    assert _query(runner, data, "posts-of", "-p", "person=Tokayev").stdout == answer.stdout


def test_a_build_whose_cache_cannot_be_written_still_succeeds(runner, data, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be\n", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocked))
    built = runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "dist")])
    assert built.exit_code == 0, built.output
    assert "note: the query store was not saved (" in built.stderr
    assert (tmp_path / "dist" / "tcdkg.nq").is_file()
