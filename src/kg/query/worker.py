"""A local query with a time limit: pyoxigraph cannot cancel a query, so it runs in a worker
that can be killed.

On systems with `fork` (Linux, macOS) the worker is a forked child: it shares the store
copy-on-write (nothing is loaded again), runs the query, and writes the answer through a
pipe as SPARQL JSON results (N-Triples for CONSTRUCT / DESCRIBE), which the parent parses
strictly — the same path as an endpoint's answer. Past the deadline the child is killed
(SIGKILL) and the run ends with a QueryError. Forking costs a few milliseconds whatever the
store's size (see `kg.query.local`); named queries, which are tuned and bounded, run in
process without it. Elsewhere the query runs in a daemon thread that is abandoned (the
command ends) when the time is up.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.engine import Table, to_table, triples_table

_OK, _SYNTAX, _FAILED = b"O", b"S", b"F"


def timed_out(timeout: float) -> QueryError:
    return QueryError(f"the query ran longer than the time limit of {timeout:g} s (--timeout) and "
                      "was stopped; make it more selective, add a LIMIT, or raise --timeout")


def run_with_limit(store: ox.Store, query: str, timeout: float, path: Path | None = None) -> Table:
    """The query's answer, or QueryError when it takes longer than `timeout` seconds.

    `path` is the folder of an on-disk store: the child opens it read-only for itself rather
    than use the parent's database handle across the fork."""
    if not hasattr(os, "fork"):
        return _in_thread(store, query, timeout)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its coverage is not collected
        os.close(read_end)
        _child(store, query, write_end, path)
    os.close(write_end)
    try:
        payload = _read_until(read_end, time.monotonic() + timeout)
    except BaseException:
        _kill(pid)
        raise
    finally:
        os.close(read_end)
    if payload is None:
        _kill(pid)
        raise timed_out(timeout)
    os.waitpid(pid, 0)
    return _decode(payload)


def _child(store: ox.Store, query: str, fd: int, path: Path | None) -> None:  # pragma: no cover
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        try:
            if path is not None:
                store = ox.Store.read_only(str(path))
            result = store.query(query, use_default_graph_as_union=True)
            if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
                data = b"R" + (result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
            else:
                data = b"T" + (ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b"")
            message = _OK + data
        except SyntaxError as exc:
            message = _SYNTAX + str(exc).encode("utf-8", "replace")
        except Exception as exc:
            message = _FAILED + str(exc).encode("utf-8", "replace")
        view = memoryview(message)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os._exit(0)


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes, or None if the deadline comes first."""
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _decode(payload: bytes) -> Table:
    tag, body = payload[:1], payload[1:]
    if tag == _SYNTAX:
        raise QueryError(f"invalid SPARQL: {body.decode('utf-8', 'replace')}")
    if tag == _FAILED:
        raise QueryError(f"the query failed: {body.decode('utf-8', 'replace')}")
    if tag != _OK:
        raise QueryError("the query worker ended without an answer (out of memory?)")
    kind, data = body[:1], body[1:]
    if kind == b"T":
        return triples_table([q.triple for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)])
    return to_table(ox.parse_query_results(data, ox.QueryResultsFormat.JSON))


def _in_thread(store: ox.Store, query: str, timeout: float) -> Table:  # pragma: no cover
    answer: list[Table | BaseException] = []

    def work() -> None:
        try:
            answer.append(to_table(store.query(query, use_default_graph_as_union=True)))
        except BaseException as exc:
            answer.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout)
    if not answer:
        raise timed_out(timeout)
    if isinstance(answer[0], SyntaxError):
        raise QueryError(f"invalid SPARQL: {answer[0]}")
    if isinstance(answer[0], BaseException):
        raise QueryError(f"the query failed: {answer[0]}")
    return answer[0]
