"""Work done side by side in a forked child that already has the parent's data (Linux)."""

from __future__ import annotations

import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: what the child's work receives: a function that waits for the parent's `send` and returns
#: its value (the child ends quietly when the parent ends without sending)
Receive = Callable[[], Any]


class Child(Protocol[T_co]):
    """Work started by `forked`: hand it a value, wait for its result, or end it."""

    def send(self, value: object) -> None: ...
    def result(self) -> T_co: ...
    def cancel(self) -> None: ...


#: this process's ends of the pipes of its live children: a child forked later closes them,
#: or a child waiting for what its parent sends would wait for that later child to end too
_PARENT_ENDS: set[int] = set()


class Pending(Generic[T]):
    """The result of work running in a child: `result()` waits for it."""

    def __init__(self, pid: int, read_fd: int, send_fd: int) -> None:
        self.pid, self.read_fd, self.send_fd, self.done = pid, read_fd, send_fd, False
        _PARENT_ENDS.update((read_fd, send_fd))

    def send(self, value: object) -> None:
        """Hand `value` to the child's `receive()` (once)."""
        fd, self.send_fd = self.send_fd, -1
        _PARENT_ENDS.discard(fd)
        with suppress(BrokenPipeError), os.fdopen(fd, "wb") as pipe:  # a dead child: see result()
            pipe.write(pickle.dumps(value))

    def result(self) -> T:
        """The child's return value; its exception (e.g. an OSError) is raised here."""
        self._close_send()
        _PARENT_ENDS.discard(self.read_fd)
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
        _PARENT_ENDS.discard(self.read_fd)
        os.close(self.read_fd)
        self._close_send()
        self.done = True

    def _close_send(self) -> None:
        if self.send_fd >= 0:
            _PARENT_ENDS.discard(self.send_fd)
            os.close(self.send_fd)
            self.send_fd = -1


class _Done(Generic[T]):
    def __init__(self, work: Callable[[Receive], T]) -> None:
        self.work, self.sent = work, None

    def send(self, value: object) -> None:
        self.sent = value  # type: ignore[assignment]

    def result(self) -> T:
        return self.work(lambda: self.sent)

    def cancel(self) -> None:
        pass


@contextmanager
def forked(work: Callable[[Receive], T]) -> Iterator[Child[T]]:
    """Run `work(receive)` in a forked child while the body runs; `.result()` in the body waits.

    `receive()` in the child waits for the body's `.send(value)` and returns the value: the
    child can prepare its work before the parent knows where it goes. The child writes only
    what `work` writes and never runs the parent's clean-ups (it leaves with `os._exit`);
    when the body raises, the child is ended. Elsewhere than Linux, `work` runs in the
    parent when the body asks for its result.
    """
    if sys.platform != "linux":
        yield _Done(work)
        return
    read_fd, write_fd = os.pipe()
    receive_fd, send_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        _child(work, read_fd, write_fd, receive_fd, send_fd)
    os.close(write_fd)
    os.close(receive_fd)
    pending: Pending[T] = Pending(pid, read_fd, send_fd)
    try:
        yield pending
    finally:
        pending.cancel()


def _child(work: Callable[[Receive], T], read_fd: int, write_fd: int, receive_fd: int,
           send_fd: int) -> None:
    code = 1
    try:
        for fd in _PARENT_ENDS:  # the parent's ends of its other children's pipes
            with suppress(OSError):
                os.close(fd)
        _PARENT_ENDS.clear()
        os.close(read_fd)
        os.close(send_fd)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

        def receive() -> Any:
            with os.fdopen(receive_fd, "rb") as pipe:
                data = pipe.read()
            if not data:  # the parent ended without sending: nothing to do
                os._exit(0)
            return pickle.loads(data)

        try:
            payload = pickle.dumps((True, work(receive)))
            code = 0
        except Exception as exc:  # handed to the parent, which raises it
            payload = pickle.dumps((False, exc))
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(payload)
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)
