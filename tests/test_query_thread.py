"""kg.query.thread: the main thread's queries run on the query thread, with their answers and
errors handed back; other threads and forked children run them too."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.forked import forked
from kg.query.local import LocalEngine
from kg.query.thread import off_main_thread

EX = "http://example.org/"


def test_the_main_thread_hands_its_call_to_the_query_thread() -> None:
    main = threading.get_ident()
    ran_on = off_main_thread(threading.get_ident)
    assert ran_on != main
    assert off_main_thread(threading.get_ident) == ran_on  # one long-lived thread
    assert off_main_thread(lambda: threading.current_thread().name) == "kg-query"


def test_the_call_exception_is_raised_in_the_caller() -> None:
    def fail() -> None:
        raise ValueError("no such term")

    with pytest.raises(ValueError, match="no such term"):
        off_main_thread(fail)
    assert off_main_thread(lambda: 42) == 42  # the thread survives it


def test_another_thread_runs_the_call_itself() -> None:
    seen: list[tuple[int, int]] = []
    worker = threading.Thread(
        target=lambda: seen.append((threading.get_ident(), off_main_thread(threading.get_ident))))
    worker.start()
    worker.join()
    ((caller, ran_on),) = seen
    assert ran_on == caller


def test_a_forked_child_starts_its_own_query_thread() -> None:
    off_main_thread(lambda: None)  # the parent's thread exists, and does not exist in a child

    def child(_receive: object) -> str:
        signal.alarm(10)  # a child waiting on the parent's thread would hang: fail instead
        return off_main_thread(lambda: threading.current_thread().name)

    with forked(child) as pending:
        assert pending.result() == "kg-query"


def test_local_engine_answers_and_errors_from_the_query_thread(tmp_path: Path) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "p"), ox.Literal("x\ty"),
                      ox.NamedNode(EX + "g")))
    engine = LocalEngine(store)
    table = engine.run("SELECT ?s ?o WHERE { ?s ?p ?o }")
    assert table.columns == ["s", "o"]
    assert table.rows == [[ox.NamedNode(EX + "a"), ox.Literal("x\ty")]]
    with pytest.raises(QueryError, match="invalid SPARQL"):
        engine.run("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="the query failed"):
        engine.run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_a_failed_call_drops_its_query_solutions_on_the_query_thread() -> None:
    """A traceback handed to the caller keeps the failed call's frames; the QuerySolutions in
    them are freed on the query thread (dropping one on another thread is an error)."""
    import gc
    import sys

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("o")))

    def fail_while_reading() -> None:
        solutions = store.query("SELECT * WHERE { ?s ?p ?o }")
        next(iter(solutions))  # type: ignore[arg-type]
        raise ValueError("failed while reading")

    unraisable: list[object] = []
    previous = sys.unraisablehook
    sys.unraisablehook = unraisable.append
    try:
        with pytest.raises(ValueError, match="failed while reading") as caught:
            off_main_thread(fail_while_reading)
        del caught
        gc.collect()
    finally:
        sys.unraisablehook = previous
    assert unraisable == []
