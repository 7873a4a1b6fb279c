"""The build pipeline's first stages: load → check references → map, all findings collected."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import Finding, Report, UsageError
from kg.forked import forked
from kg.graph import BuiltGraph
from kg.load import LoadResult, Record, load_data
from kg.model.kinds import Kind
from kg.references import Index, build_index, check_references
from kg.structure import check_structure


@dataclass
class Compiled:
    """The records, their index, the mapped graph and every finding so far."""

    records: list[Record]
    index: Index
    graph: BuiltGraph
    report: Report
    files: int
    failed: set[tuple[Kind, str]] = field(default_factory=set)  # records not loaded or not mapped
    data_dir: Path | None = None  # the folder compiled (its assertions.yaml is checked)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off for a build stage: stages allocate millions of
    long-lived, acyclic objects (records, terms, quads), and the collector's full passes
    over them took a third of the time of a million-triple build for nothing to collect.

    When the command line holds what was built until the process ends (`kg.lifetime`), the
    objects made meanwhile are frozen out of collection: the first collection after the pause
    would otherwise walk all of them (1 s at a million triples) to free nothing."""
    from kg.lifetime import holding

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if holding():
                gc.freeze()
            gc.enable()


@paused_gc()
def compile_data(data_dir: Path, *, ordered: bool = True, with_store: bool = False) -> Compiled:
    """Load, resolve and map a data folder; records with errors are left out of the graph.

    `ordered=False` leaves the quads in mapping order, possibly repeated (sorting a million
    quads takes seconds): for validation and queries, which put them in a store.
    `with_store` fills the validation's store while mapping (`BuiltGraph.take_store`)."""
    from kg.mapping import map_records

    check_data_dir(data_dir)
    loaded = load_data(data_dir)
    index, duplicates = build_index(loaded.records)
    loaded.report.extend(duplicates)
    mapped: list[Record] = []
    left_out: set[tuple[Kind, str]] = set()
    for record in loaded.records:
        if _first_to_declare(record, index):
            mapped.append(record)
        else:
            left_out.add((record.kind, record.slug))
    if len(loaded.records) >= FORK_RECORDS:  # the reference and structure checks beside it
        with forked(lambda _receive: _record_findings(loaded, index)) as child:
            graph = map_records(mapped, index, ordered=ordered, with_store=with_store)
            findings = child.result()
    else:
        findings = _record_findings(loaded, index)
        graph = map_records(mapped, index, ordered=ordered, with_store=with_store)
    loaded.report.extend(findings)
    return Compiled(loaded.records, index, graph, loaded.report, loaded.files,
                    loaded.failed | left_out, data_dir)


#: below this many records, forking a child costs more than the checks it takes over
FORK_RECORDS = 2000


def _record_findings(loaded: LoadResult, index: Index) -> list[Finding]:
    """Unresolved references, unarchived quotes and structure problems of every record."""
    return check_references(loaded.records, index, loaded.failed) + \
        check_structure(loaded.records)


def check_data_dir(data_dir: Path) -> None:
    """UsageError (exit 2) unless `data_dir` is a folder, saying what it is instead."""
    if data_dir.is_dir():
        return
    if data_dir.is_symlink():
        raise UsageError(f"data folder '{data_dir}' is a symbolic link that leads nowhere or into "
                         "a loop; pass --data DIR")
    if data_dir.exists():
        raise UsageError(f"data folder '{data_dir}' is a file, not a folder; pass --data DIR")
    raise UsageError(f"data folder '{data_dir}' does not exist; pass --data DIR")


def _first_to_declare(record: Record, index: Index) -> bool:
    """False for a record that repeats an id (its own or a post's) declared by another file:
    mapping it would merge two records into one node."""
    posts = [p for p in getattr(record.model, "posts", []) if hasattr(p, "id")]
    return index.record(record.kind, record.slug) is record and all(
        index.post_owner.get(p.id) is record for p in posts)
