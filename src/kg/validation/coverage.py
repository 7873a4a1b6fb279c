"""The coverage layer of validation (SPEC §11): completeness warnings and dataset assertions."""

from __future__ import annotations

from kg.coverage.assertions import assertion_findings
from kg.coverage.completeness import completeness_findings
from kg.errors import Finding
from kg.pipeline import Compiled


def coverage_findings(compiled: Compiled) -> list[Finding]:
    findings = completeness_findings(compiled.records)
    if compiled.data_dir is not None:
        findings += assertion_findings(compiled, compiled.data_dir)
    return findings
