"""Load the fact files of a data folder into typed records, collecting every finding."""

from __future__ import annotations

import errno
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kg.coverage.contested import contested_findings
from kg.coverage.identifiers import identifier_findings
from kg.errors import Finding, Report, Severity, SourceLocation, UsageError, file_relpath, relpath
from kg.model.kinds import KIND_DIRS, KIND_MODELS, YEAR_FOLDERS, Kind, RecordModel
from kg.partial import rest_of
from kg.schema_errors import findings_from
from kg.yamlio import Locations, YamlDocument, read_yaml

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
YEAR_FOLDER = re.compile(r"\d{4}|undated")
IGNORED = {"README.md", ".gitkeep"}
ASSERTIONS = "assertions.yaml"  # dataset assertions beside the kind folders (kg.coverage)


@dataclass(frozen=True)
class Record:
    """One fact file's record: what it is, where it came from, and where each value was."""

    kind: Kind
    slug: str
    path: str
    model: RecordModel
    locations: Locations
    partial: bool = False  # schema errors: the model holds the rest of the file (kg.partial)

    @property
    def ref(self) -> str:
        return f"{self.kind.value}/{self.slug}"


@dataclass
class LoadResult:
    records: list[Record] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    files: int = 0
    failed: set[tuple[Kind, str]] = field(default_factory=set)  # (kind, slug) not loaded


def _error(path: str, code: str, message: str) -> Finding:
    return Finding(SourceLocation(path), Severity.ERROR, code, message)


def discover(data_dir: Path) -> tuple[list[tuple[Path, Kind]], list[Finding]]:
    """Fact files under data_dir with their kind, and findings for misplaced files.

    Raises UsageError when the data folder itself cannot be read (exit 2); a subfolder that
    cannot be read, a dangling symbolic link or a loop of links is a finding."""
    found: list[tuple[Path, Kind]] = []
    problems: list[Finding] = []
    try:
        listed = sorted(_files(str(data_dir), (), problems))  # the order of sorted Paths
    except OSError as exc:
        raise UsageError(f"cannot read the data folder {data_dir.as_posix()}: "
                         f"{(exc.strerror or str(exc)).lower()}") from None
    for parts in listed:
        name = parts[-1]
        if name in IGNORED or parts == (ASSERTIONS,):
            continue
        file = data_dir.joinpath(*parts)
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            continue
        if suffix in ("yml", "YAML", "YML"):
            problems.append(_error(relpath(file), "E213", f"fact files end in .yaml; rename to '{stem}.yaml'"))
            continue
        if suffix != "yaml":
            continue
        kind = KIND_DIRS.get(parts[0]) if len(parts) > 1 else None
        if kind is None:
            problems.append(_error(relpath(file), "E213", "fact file outside a kind folder; move it under "
                                   + ", ".join(f"{d}/" for d in KIND_DIRS)))
            continue
        depth = 3 if kind in YEAR_FOLDERS else 2
        if len(parts) != depth or (depth == 3 and not YEAR_FOLDER.fullmatch(parts[1])):
            where = f"{parts[0]}/<yyyy or undated>/" if depth == 3 else f"{parts[0]}/"
            article = "an" if kind.value[0] in "aeiou" else "a"
            problems.append(_error(relpath(file), "E213",
                                   f"{article} {kind.value} file belongs directly in {where}"))
            continue
        found.append((file, kind))
    return found, problems


def _files(folder: str, parts: tuple[str, ...], problems: list[Finding]) -> Iterator[tuple[str, ...]]:
    """Path parts (under the data folder) of every file, hidden files and folders left out.

    Symbolic links to folders are not followed (a warning); links that lead nowhere or into
    a loop, and subfolders that cannot be read, are findings in `problems`."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as exc:
        if not parts:
            raise
        problems.append(_error(relpath(Path(folder)), "E100",
                               f"cannot read folder: {(exc.strerror or str(exc)).lower()}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _files(entry.path, (*parts, entry.name), problems)
        elif entry.is_symlink():
            problem = _link_problem(entry)
            if problem is not None:
                problems.append(problem)
            elif entry.is_file():
                yield (*parts, entry.name)
            elif entry.name.endswith((".yaml", ".yml")) and not entry.is_dir():
                problems.append(_error(f"{relpath(Path(folder))}/{entry.name}", "E214",
                                       "symbolic link to something that is not a regular file "
                                       "(a pipe, socket or device); a fact file must be a regular file"))
        elif entry.is_file(follow_symlinks=False):
            yield (*parts, entry.name)
        elif entry.name.endswith((".yaml", ".yml")):  # a FIFO, socket or device: never opened
            problems.append(_error(f"{relpath(Path(folder))}/{entry.name}", "E214",
                                   "not a regular file (a pipe, socket or device); a fact file "
                                   "must be a regular file"))


def _link_problem(entry: os.DirEntry[str]) -> Finding | None:
    """A finding for a symbolic link that leads nowhere, into a loop, or to a folder."""
    shown = f"{relpath(Path(entry.path).parent)}/{entry.name}"  # the link, not where it leads
    target = os.readlink(entry.path)
    try:
        os.stat(entry.path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _error(shown, "E214", f"symbolic link in a loop (it points to '{target}', which never "
                          "reaches a file); replace the link with the file it should point to")
        return _error(shown, "E214", f"dangling symbolic link: its target '{target}' does not exist; "
                      "remove the link or fix its target")
    if entry.is_dir():
        return Finding(SourceLocation(shown), Severity.WARNING, "W214",
                       f"symbolic link to the folder '{target}' is not followed; move the folder "
                       "into the data folder instead of linking it")
    return None


def load_file(file: Path, kind: Kind) -> tuple[Record | None, list[Finding]]:
    """Parse, check and type one fact file; every problem is a finding."""
    return type_file(file, kind, *read_file(file))


def read_file(file: Path) -> tuple[YamlDocument | None, list[Finding]]:
    """The file's YAML (None when it cannot be typed) and the findings of reading it."""
    shown = relpath(file) if file.is_symlink() else file_relpath(file)
    document = read_yaml(file, shown)
    findings = list(document.findings) + document.hidden
    if not SLUG.fullmatch(file.stem):
        findings.append(_error(shown, "E205", f"file name '{file.stem}' is not a valid slug; "
                               "use lowercase ASCII letters, digits and hyphens, e.g. "
                               f"'{_suggest_slug(file.stem)}.yaml'"))
    if not document.ok:
        return None, findings
    if not isinstance(document.data, dict):
        findings.append(_error(shown, "E110", "a fact file must hold one record: a mapping of "
                               "field: value"))
        return None, findings
    findings.extend(document.text)
    return document, findings


def type_file(file: Path, kind: Kind, document: YamlDocument | None, findings: list[Finding]
              ) -> tuple[Record | None, list[Finding]]:
    """The record of a file `read_file` read, typed by its kind's model."""
    if document is None:
        return None, findings
    model_cls = KIND_MODELS[kind]
    partial = False
    try:
        model = model_cls.model_validate(document.data)
    except ValidationError as exc:
        findings.extend(findings_from(exc, model_cls, document.locations))
        rest = rest_of(model_cls, document.data, exc)  # the later layers check the rest
        if rest is None:
            return None, findings
        model, partial = rest, True  # type: ignore[assignment]
    own = record_findings(model, document.locations)
    findings.extend(own)
    # no valid slug (no IRI to give it), or values its mapping cannot take: left out
    if any(f.code == "E205" for f in findings) or any(f.severity is Severity.ERROR for f in own):
        return None, findings
    return Record(kind, file.stem, document.path, model, document.locations, partial), findings


def record_findings(model: RecordModel, locations: Locations) -> list[Finding]:
    """Checks of a typed record that its model cannot express: contested values, identifiers.

    Walking every nested model for `contested:` took half the time of typing a record, and
    few files have one: the walk runs only when the file wrote such a key somewhere."""
    return (contested_findings(model, locations) if locations.has_key("contested") else []) + \
        identifier_findings(model, locations)


def _suggest_slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "my-record"


def load_data(data_dir: Path) -> LoadResult:
    """Load every fact file under data_dir; findings of all files are collected."""
    result = LoadResult()
    files, problems = discover(data_dir)
    result.report.extend(problems)
    result.files = len(files)
    for (file, kind), (record, findings) in zip(files, load_files(files), strict=True):
        result.report.extend(findings)
        if record is not None:
            result.records.append(record)
        else:
            result.failed.add((kind, file.stem))
    return result


#: below this many files per extra process, forking costs more than it saves
PER_PROCESS = 400


def _default_sigterm() -> None:
    """A worker dies on SIGTERM (the pool's own way to end it). The inherited CLI handler
    raises an exception instead, which the pool's worker loop can catch and outlive: the
    worker then waits for work forever, and so does the build."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def load_files(files: list[tuple[Path, Kind]]) -> Iterator[tuple[Record | None, list[Finding]]]:
    """`load_file` of every file, in order. On Linux, forked workers read the YAML (pure
    Python: most of the time) while this process types what they send back: plain values
    cross between processes several times faster than pickled pydantic models."""
    workers = min(os.cpu_count() or 1, len(files) // PER_PROCESS)
    if workers < 2 or sys.platform != "linux":
        yield from (load_file(file, kind) for file, kind in files)
        return
    with multiprocessing.get_context("fork").Pool(workers, initializer=_default_sigterm) as pool:
        read = pool.imap(read_file, (file for file, _kind in files),
                         chunksize=max(1, len(files) // (workers * 16)))
        for (file, kind), (document, findings) in zip(files, read, strict=True):
            yield type_file(file, kind, document, findings)
