"""Build both sides of a diff and compare them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from kg.diff.compare import Diff, diff_snapshots
from kg.diff.sides import Side, open_side
from kg.diff.snapshot import Snapshot, take_snapshot
from kg.errors import Finding, relpath


@dataclass
class SideReport:
    spec: str
    revision: str | None
    errors: list[str]  # error-level findings, `path:line:col: ...` relative to the side's data folder
    unreadable: frozenset[str] = frozenset()  # IRIs of records that failed to load on this side


@dataclass
class DiffResult:
    diff: Diff
    old: SideReport
    new: SideReport
    old_snapshot: Snapshot
    new_snapshot: Snapshot

    def label(self, iri: str, lang: str) -> str | None:
        return self.new_snapshot.label(iri, lang) or self.old_snapshot.label(iri, lang)


def diff_sides(old_spec: str, new_spec: str | None, data_dir: Path) -> DiffResult:
    """Compare the data of `old_spec` with `new_spec` (None: the working tree's `data_dir`)."""
    with open_side(old_spec, data_dir) as old_side:
        old_snapshot, old_report = _build(old_side)
    with open_side(new_spec, data_dir) as new_side:
        new_snapshot, new_report = _build(new_side)
    diff = diff_snapshots(old_snapshot, new_snapshot, old_report.unreadable | new_report.unreadable)
    return DiffResult(diff, old_report, new_report, old_snapshot, new_snapshot)


def _build(side: Side) -> tuple[Snapshot, SideReport]:
    """Load, resolve and map one side; records with errors are left out, and listed as errors.

    A folder side without errors is read from its query store (kg.query.store), kept between runs."""
    from kg.namespaces import record_iri
    from kg.pipeline import compile_data
    from kg.query.store import quads_of

    if side.revision is None:
        quads = quads_of(side.folder)
        if quads is not None:
            return take_snapshot(q.triple for q in quads), SideReport(side.spec, None, [])
    compiled = compile_data(side.folder, ordered=False)

    errors = [_shown(f, side) for f in compiled.report.sorted() if f.severity.value == "error"]
    # records not loaded, and records loaded only in part (the rest of a file with schema
    # errors): not compared, and left out of the snapshot as if they had not loaded
    partial = [r for r in compiled.records if r.partial]
    unreadable = frozenset([record_iri(kind.value, slug).value for kind, slug in compiled.failed]
                           + [record_iri(r.kind.value, r.slug).value for r in partial])
    triples = compiled.graph.triples()
    if partial:
        paths = {r.path for r in partial}
        files = compiled.graph.graph_files
        triples = list(dict.fromkeys(q.triple for q in compiled.graph.quads
                                     if files.get(str(q.graph_name)[1:-1], "") not in paths))
    return take_snapshot(triples), SideReport(side.spec, side.revision, errors, unreadable)


def _shown(finding: Finding, side: Side) -> str:
    """The finding with its path as it is in the side (`data/events/...`), not a temporary folder."""
    inside = relpath(Path(finding.location.path), side.folder)
    path = f"{side.shown}/{inside}" if not Path(inside).is_absolute() else inside
    return str(replace(finding, location=replace(finding.location, path=path)))
