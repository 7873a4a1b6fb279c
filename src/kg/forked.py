"""Work done side by side in a forked child that already has the parent's data (Linux)."""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """The result of work running in a child: `result()` waits for it."""

    def __init__(self, pid: int, read_fd: int) -> None:
        self.pid, self.read_fd, self.done = pid, read_fd, False

    def result(self) -> T:
        """The child's return value; its exception (e.g. an OSError) is raised here."""
        with os.fdopen(self.read_fd, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(self.pid, 0)
        self.done = True
        if not payload:
            raise RuntimeError("a forked worker ended without a result")
        ok, value = pickle.loads(payload)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """End the child if it still runs (the parent failed first)."""
        if self.done:
            return
        with suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.read_fd)
        self.done = True


class Done(Generic[T]):
    """A result computed in place (no fork)."""

    def __init__(self, value: T) -> None:
        self.value = value

    def result(self) -> T:
        return self.value


@contextmanager
def forked(work: Callable[[], T]) -> Iterator[Pending[T] | Done[T]]:
    """Run `work` in a forked child while the body runs; `.result()` in the body waits.

    The child writes only what `work` writes and never runs the parent's clean-ups (it
    leaves with `os._exit`); when the body raises, the child is ended. Elsewhere than
    Linux, `work` runs here first.
    """
    if sys.platform != "linux":
        yield Done(work())
        return
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            os.close(read_fd)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                payload = pickle.dumps((True, work()))
                code = 0
            except Exception as exc:  # handed to the parent, which raises it
                payload = pickle.dumps((False, exc))
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_fd)
    pending: Pending[T] = Pending(pid, read_fd)
    try:
        yield pending
    finally:
        pending.cancel()
