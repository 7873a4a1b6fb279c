"""Run in-process queries off the main thread, on one long-lived daemon thread.

Measured at 1M triples (pyoxigraph 0.5.13, glibc): once a process has loaded a large store, the
main thread's allocator heap is full of holes, and every query parsed, planned, evaluated and
read on the main thread takes 1.3-2x the CPU time it takes on another thread, whose allocations
come from a heap of its own (chair-of 19 ms against 11 ms, partners-of 29 ms against 18 ms;
parsing and planning chair-of on an empty store: 7.8 ms against 3.8 ms). So the main thread
hands its queries to a worker thread and waits (pyoxigraph releases the GIL while it
evaluates); any other thread runs them itself. The whole answer is read on the thread that
made it (pyoxigraph's QuerySolutions must not cross threads).
"""

from __future__ import annotations

import os
import queue
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_Job = tuple[Callable[[], Any], "Future[Any]"]
_lane: tuple[int, queue.SimpleQueue[_Job]] | None = None  # (pid that started it, its jobs)
_lock = threading.Lock()


def off_main_thread(call: Callable[[], T]) -> T:
    """`call()`, run on the query thread when called from the main thread, else right here;
    its exception, if any, is raised here."""
    if threading.current_thread() is not threading.main_thread():
        return call()
    future: Future[T] = Future()
    _jobs().put((call, future))
    return future.result()


def _jobs() -> queue.SimpleQueue[_Job]:
    """The query thread's queue, started on first use (again in a forked child, which has
    the parent's queue but not its thread)."""
    global _lane
    with _lock:
        if _lane is None or _lane[0] != os.getpid():
            jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
            threading.Thread(target=_serve, args=(jobs,), name="kg-query", daemon=True).start()
            _lane = (os.getpid(), jobs)
        return _lane[1]


def _serve(jobs: queue.SimpleQueue[_Job]) -> None:
    while True:
        call, future = jobs.get()
        if not future.set_running_or_notify_cancel():
            continue
        try:
            future.set_result(call())
        except BaseException as exc:  # handed to the caller, which raises it
            _drop_locals(exc)
            future.set_exception(exc)
        del call, future


def _drop_locals(exc: BaseException | None) -> None:
    """Free the locals of the failed call's frames here: a QuerySolutions among them kept
    alive by the traceback would otherwise be dropped on the caller's thread (an error)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__
