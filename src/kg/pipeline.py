"""The build pipeline's first stages: load → check references → map, all findings collected."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import Report, UsageError
from kg.graph import BuiltGraph
from kg.load import Record, load_data
from kg.references import Index, build_index, check_references


@dataclass
class Compiled:
    """The records, their index, the mapped graph and every finding so far."""

    records: list[Record]
    index: Index
    graph: BuiltGraph
    report: Report
    files: int


def compile_data(data_dir: Path) -> Compiled:
    """Load, resolve and map a data folder; records with errors are left out of the graph."""
    from kg.mapping import map_records

    if not data_dir.is_dir():
        raise UsageError(f"data folder '{data_dir}' does not exist; pass --data DIR")
    loaded = load_data(data_dir)
    index, duplicates = build_index(loaded.records)
    loaded.report.extend(duplicates)
    loaded.report.extend(check_references(loaded.records, index))
    graph = map_records(loaded.records, index)
    return Compiled(loaded.records, index, graph, loaded.report, loaded.files)
