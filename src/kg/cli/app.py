"""The typer application, shared options, and error handling for every command."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import typer

from kg.errors import KgError
from kg.terminal import visible_lines

app = typer.Typer(
    name="kg",
    help="tcdkg: build, validate, query and serve the Turkic and Central Asian diplomacy graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DATA_OPTION = typer.Option(Path("data"), "--data", help="Folder of fact files.")
OUT_OPTION = typer.Option(Path("dist"), "--out", help="Folder the exports are written to.")
QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress display on a terminal.")

F = TypeVar("F", bound=Callable[..., Any])


def err(message: str) -> None:
    """A message on stderr, control characters and escape sequences shown escaped."""
    typer.echo(visible_lines(message), err=True)


def os_error_text(exc: OSError) -> str:
    """'cannot use PATH: reason' for an OSError, in one line."""
    reason = (exc.strerror or str(exc)).lower()
    where = exc.filename if exc.filename is not None else None
    return f"cannot use {os.fsdecode(where)}: {reason}" if where is not None else reason


class Terminated(Exception):
    """SIGTERM arrived: unwinding runs every cleanup (a build's staging folder is removed)."""


def _raise_terminated(_signum: int, _frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """SIGTERM raises Terminated in the main thread while a command runs (`kg serve` sets
    its own handlers inside)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def handle_errors(func: F) -> F:
    """Turn KgError into a one-line message and its exit code: never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _terminate_as_exception():
            return _run(*args, **kwargs)

    def _run(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Terminated:
            err("terminated")
            raise typer.Exit(143) from None
        except KgError as exc:
            err(f"error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except OSError as exc:  # a fault of the environment that no layer below named
            err(f"error: {os_error_text(exc)}")
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]
