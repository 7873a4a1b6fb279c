"""Progress on long work: a spinner with the elapsed time on a terminal, nothing otherwise.

Shown on standard error only when it is a terminal, after about a second (quick steps stay
silent), and never when `KG_QUIET` is set (`--quiet`): piped or CI output is unchanged.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

#: seconds of work before anything is shown (KG_PROGRESS_DELAY overrides it, for tests)
DELAY = 1.0


def _delay() -> float:
    try:
        return float(os.environ.get("KG_PROGRESS_DELAY", DELAY))
    except ValueError:
        return DELAY


_quiet = False


def set_quiet(quiet: bool) -> None:
    """`--quiet`: no progress display in this process."""
    global _quiet
    _quiet = quiet


def enabled() -> bool:
    return not _quiet and not os.environ.get("KG_QUIET") and sys.stderr.isatty()


@contextlib.contextmanager
def progress(message: str) -> Iterator[None]:
    """Show `message` with a spinner and the elapsed time while the block runs (terminal only)."""
    if not enabled():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True, refresh_per_second=8) as bar:
        task = bar.add_task(message, total=None, visible=False)
        timer = _Reveal(bar, task)
        timer.start()
        try:
            yield
        finally:
            timer.cancel()


class _Reveal:
    """Make the task visible after DELAY seconds, from a timer thread."""

    def __init__(self, bar: object, task: object) -> None:
        import threading

        self._timer = threading.Timer(_delay(), lambda: bar.update(task, visible=True))  # type: ignore[attr-defined]
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()
