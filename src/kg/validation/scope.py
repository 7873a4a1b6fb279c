"""What the graph-level layers (SHACL, checks) report on, so that one mistake is reported once.

A fact file with an error from the YAML, schema or reference layers is mapped without the
values that failed (a bad value or reference becomes no triple). The shapes would report
these again as missing or wrong values, so graph-level findings about the record or claim
that holds an earlier error are left out (they appear once it is fixed); findings about the
rest of the file are reported in the same run. A file that refers to a record whose file did
not load points at a node of no known kind: its graph-level findings all wait.
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Triple

from kg.errors import Finding, Severity
from kg.pipeline import Compiled
from kg.references import REF_KINDS, iter_refs, names_failed


def files_to_skip(compiled: Compiled) -> set[str]:
    """Files with a reference to a record that did not load (or that did not load at all)."""
    skip: set[str] = set()
    loaded = {record.path for record in compiled.records}
    skip.update(f.location.path for f in compiled.report.findings
                if f.severity is Severity.ERROR and f.location.path not in loaded)
    if compiled.failed:
        skip.update(record.path for record in compiled.records
                    if any(names_failed(ref, REF_KINDS[key], compiled.failed)
                           for key, ref, _at in iter_refs(record.model)))
    return skip


class _Subjects:
    """Where each record and claim of a file starts: a line belongs to the subject written
    last before it (a claim's lines, up to the next claim, belong to that claim)."""

    def __init__(self, compiled: Compiled, paths: set[str]) -> None:
        self.starts: dict[str, list[tuple[int, int]]] = {}
        for where in compiled.graph.locations.in_files(paths):
            self.starts.setdefault(where.path, []).append((where.line, where.col))
        for path in self.starts:
            self.starts[path] = sorted(set(self.starts[path]))

    def of(self, finding: Finding) -> tuple[str, int, int] | None:
        before = [s for s in self.starts.get(finding.location.path, [])
                  if s[0] <= finding.location.line]
        return (finding.location.path, *before[-1]) if before else None


def reportable(compiled: Compiled, findings: list[Finding], *, per_subject: bool = False,
               ) -> list[Finding]:
    """Graph-level findings, minus those in files with an earlier error, or (per_subject, for
    the shapes, which look at one node at a time) minus those about a record or claim that
    holds an earlier error. Cross-record checks see the consequences of an error in one claim
    in another (a dropped capacity, a signatory without a post): they wait for the file."""
    errors = [f for f in compiled.report.findings if f.severity is Severity.ERROR]
    files = files_to_skip(compiled)
    if not per_subject:
        files |= {f.location.path for f in errors}
        return [f for f in findings if f.location.path not in files]
    subjects = _Subjects(compiled, {f.location.path for f in errors})
    held = {subjects.of(f) for f in errors}
    return [f for f in findings if f.location.path not in files and subjects.of(f) not in held]


def subjects_in(compiled: Compiled, triples: list[Triple], paths: set[str]) -> list[str]:
    """IRIs of the subjects written in the given fact files (for `--changed-only`)."""
    found: set[str] = set()
    for triple in triples:
        subject = triple.subject
        if isinstance(subject, NamedNode) and subject.value not in found:
            where = compiled.graph.location_of(subject.value)
            if where is not None and where.path in paths:
                found.add(subject.value)
    return sorted(found)
