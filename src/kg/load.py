"""Load the fact files of a data folder into typed records, collecting every finding."""

from __future__ import annotations

import multiprocessing
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kg.errors import Finding, Report, Severity, SourceLocation, relpath
from kg.model.kinds import KIND_DIRS, KIND_MODELS, YEAR_FOLDERS, Kind, RecordModel
from kg.partial import rest_of
from kg.schema_errors import findings_from
from kg.textcheck import check_tree
from kg.yamlio import Locations, YamlDocument, read_yaml

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
YEAR_FOLDER = re.compile(r"\d{4}|undated")
IGNORED = {"README.md", ".gitkeep"}


@dataclass(frozen=True)
class Record:
    """One fact file's record: what it is, where it came from, and where each value was."""

    kind: Kind
    slug: str
    path: str
    model: RecordModel
    locations: Locations

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
    """Fact files under data_dir with their kind, and findings for misplaced files."""
    found: list[tuple[Path, Kind]] = []
    problems: list[Finding] = []
    for parts in sorted(_files(str(data_dir), ())):  # the order of sorted Paths
        name = parts[-1]
        if name in IGNORED:
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


def _files(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Path parts (under the data folder) of every file, hidden files and folders left out."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):  # as Path.rglob: no symlinked folders
                yield from _files(entry.path, (*parts, entry.name))
            elif entry.is_file():
                yield (*parts, entry.name)


def load_file(file: Path, kind: Kind) -> tuple[Record | None, list[Finding]]:
    """Parse, check and type one fact file; every problem is a finding."""
    return type_file(file, kind, *read_file(file))


def read_file(file: Path) -> tuple[YamlDocument | None, list[Finding]]:
    """The file's YAML (None when it cannot be typed) and the findings of reading it."""
    shown = relpath(file)
    document = read_yaml(file, shown)
    findings = list(document.findings)
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
    findings.extend(check_tree(document.data, document.locations))
    return document, findings


def type_file(file: Path, kind: Kind, document: YamlDocument | None, findings: list[Finding]
              ) -> tuple[Record | None, list[Finding]]:
    """The record of a file `read_file` read, typed by its kind's model."""
    if document is None:
        return None, findings
    model_cls = KIND_MODELS[kind]
    try:
        model = model_cls.model_validate(document.data)
    except ValidationError as exc:
        findings.extend(findings_from(exc, model_cls, document.locations))
        rest = rest_of(model_cls, document.data, exc)  # the later layers check the rest
        if rest is None:
            return None, findings
        model = rest  # type: ignore[assignment]
    if any(f.code == "E205" for f in findings):  # no valid slug: no IRI to give the record
        return None, findings
    return Record(kind, file.stem, document.path, model, document.locations), findings


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


def load_files(files: list[tuple[Path, Kind]]) -> Iterator[tuple[Record | None, list[Finding]]]:
    """`load_file` of every file, in order. On Linux, forked workers read the YAML (pure
    Python: most of the time) while this process types what they send back: plain values
    cross between processes several times faster than pickled pydantic models."""
    workers = min(os.cpu_count() or 1, len(files) // PER_PROCESS)
    if workers < 2 or sys.platform != "linux":
        yield from (load_file(file, kind) for file, kind in files)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        read = pool.imap(read_file, (file for file, _kind in files),
                         chunksize=max(1, len(files) // (workers * 16)))
        for (file, kind), (document, findings) in zip(files, read, strict=True):
            yield type_file(file, kind, document, findings)
