"""Errors and findings: one root exception, typed locations, a report with exit codes."""

from __future__ import annotations

import enum
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class SourceLocation:
    """A place in a fact file; line and column are 1-based."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Finding:
    """One problem, where it is, and how to fix it."""

    location: SourceLocation
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value} {self.code} {self.message}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)


@dataclass
class Report:
    """All findings of a run, in a stable order."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    def sorted(self) -> list[Finding]:
        return sorted(set(self.findings), key=Finding.sort_key)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.sorted() if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.sorted() if f.severity is Severity.WARNING]

    def exit_code(self) -> int:
        """0 when no error-level finding exists, 1 otherwise (2 is for runs that could not start)."""
        return 1 if self.errors else 0


class KgError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code = 2


class UsageError(KgError):
    """Bad arguments or a missing input: the run could not start."""


class DataError(KgError):
    """The fact files have error-level findings."""

    exit_code = 1

    def __init__(self, report: Report, message: str = "the fact files have errors") -> None:
        super().__init__(message)
        self.report = report


class QueryError(KgError):
    """A query could not be prepared or answered."""


class EndpointError(KgError):
    """A remote endpoint was unreachable, too slow, or sent a broken answer."""


def relpath(path: Path, root: Path | None = None) -> str:
    """Path as users typed it: relative to the working directory when possible, with '/'."""
    base = _resolved(str(root or Path.cwd()))
    try:
        return _resolve(path).relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def file_relpath(path: Path) -> str:
    """`relpath` of a file that is no symbolic link, worked out once per folder: a data
    folder's fact files share a few folders (20 µs a file otherwise, 0.5 s at a million
    triples)."""
    name = path.name
    if name in ("", ".", ".."):
        return relpath(path)
    folder = _folder_relpath(str(path.parent), os.getcwd())
    return name if folder == "." else f"{folder}/{name}"


@functools.lru_cache(maxsize=256)
def _folder_relpath(folder: str, cwd: str) -> str:
    return relpath(Path(folder), Path(cwd))


def _resolve(path: Path) -> Path:
    """`path.resolve()`, resolving each folder once however many fact files it holds."""
    if path.name in ("", ".", "..") or path.is_symlink():
        try:
            return path.resolve()
        except (OSError, RuntimeError):  # a loop of symbolic links: the link's own place
            pass
    return _resolved(str(path.parent.absolute())) / path.name


@functools.lru_cache(maxsize=256)
def _resolved(directory: str) -> Path:
    return Path(directory).resolve()
