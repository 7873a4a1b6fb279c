"""What the graph-level layers (SHACL, checks) report on, so that one mistake is reported once.

A fact file with an error from the YAML, schema or reference layers is mapped without the
values that failed (a bad reference becomes no triple), and a file that refers to a record
whose file did not load points at a node of no known kind. The shapes would report these
again as missing or wrong values, so graph-level findings in such files are left out; they
appear once the earlier errors are fixed.
"""

from __future__ import annotations

from pyoxigraph import NamedNode, Triple

from kg.errors import Finding, Severity
from kg.pipeline import Compiled
from kg.references import REF_KINDS, iter_refs, names_failed


def files_to_skip(compiled: Compiled) -> set[str]:
    """Files with an earlier error, or with a reference to a record that did not load."""
    skip = {f.location.path for f in compiled.report.findings if f.severity is Severity.ERROR}
    if compiled.failed:
        skip.update(record.path for record in compiled.records
                    if any(names_failed(ref, REF_KINDS[key], compiled.failed)
                           for key, ref, _at in iter_refs(record.model)))
    return skip


def reportable(compiled: Compiled, findings: list[Finding]) -> list[Finding]:
    """Graph-level findings, minus those in the files to skip."""
    skip = files_to_skip(compiled)
    return [f for f in findings if f.location.path not in skip]


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
