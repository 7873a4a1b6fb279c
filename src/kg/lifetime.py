"""Ending a command without freeing its graph object by object.

A million-triple graph is millions of Python objects; freeing them one by one when a command
returns took 2-3 s of `kg validate` and `kg build` at that size, work the operating system
does at once when the process ends. The command line (`main`) turns holding on; commands then
`hold` their big structures, and the process ends right after the command with `os._exit`,
output flushed. Anywhere else (tests, a library caller) `hold` does nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import NoReturn

_held: dict[str, object] = {}
_enabled = False


def hold(role: str, value: object) -> None:
    """Keep `value` alive until the process ends (when the command line turned holding on);
    a later value in the same role replaces it."""
    if _enabled:
        _held[role] = value


def holding() -> bool:
    """Whether something is held until the process ends at once (so never freed)."""
    return _enabled and bool(_held)


def run_then_exit(command_line: Callable[[], object]) -> NoReturn:
    """Run the command line, then end the process: at once (`os._exit`, output flushed)
    when a command holds a graph, else as Python normally ends."""
    global _enabled
    _enabled = True
    try:
        command_line()
        code: int = 0
    except SystemExit as exc:
        if not _held:
            raise
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    if not _held:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            code = code or 1
    os._exit(code)
