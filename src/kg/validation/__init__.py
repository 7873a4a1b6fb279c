"""Validation of a compiled data folder: every layer, one report."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kg.errors import Report
from kg.pipeline import Compiled, paused_gc


@paused_gc()
def validate(compiled: Compiled, *, only: set[str] | None = None,
             shapes_dir: Path | None = None, checks_dir: Path | None = None,
             hold_store: bool = False) -> Report:
    """YAML, record schema and references (found while compiling), SHACL and the checks.

    With `only` (fact-file paths as findings print them), the whole graph is still loaded
    and checked, but only findings located in those files are reported. Graph-level findings
    in files that already have errors wait until those are fixed (see `scope`).
    `hold_store` keeps the validation store until the process ends (`kg.lifetime`).
    """
    from kg.validation.checks import check_findings
    from kg.validation.coverage import coverage_findings
    from kg.validation.fast import alias_lossy
    from kg.validation.scope import reportable
    from kg.validation.shacl import shacl_findings

    store = compiled.graph.take_store()  # one store, filled once (maybe while mapping)
    if hold_store:
        from kg.lifetime import hold

        hold("validation store", store)
    if checks_see_aliases(checks_dir):  # the checks beside the shapes: no core idles
        alias_lossy(store, compiled.graph.quads)
        with ThreadPoolExecutor(max_workers=1) as beside:
            pending = beside.submit(check_findings, compiled, checks_dir=checks_dir, store=store)
            shapes = shacl_findings(compiled, shapes_dir=shapes_dir, only=only, store=store)
            checks = pending.result()
    else:
        checks = check_findings(compiled, checks_dir=checks_dir, store=store)  # data as mapped
        alias_lossy(store, compiled.graph.quads)  # then as the SHACL engine needs it
        shapes = shacl_findings(compiled, shapes_dir=shapes_dir, only=only, store=store)
    findings = compiled.report.findings + reportable(compiled, shapes, per_subject=True) \
        + reportable(compiled, checks + coverage_findings(compiled))
    if only is not None:
        findings = [f for f in findings if f.location.path in only]
    return Report(findings)


def checks_see_aliases(checks_dir: Path | None) -> bool:
    """Whether the check queries may run on the store as the SHACL engine needs it, with
    literals of derived integer types under an alias datatype (`kg.validation.fast`): true
    of the shipped checks, which read no such literal (tests/test_validation_together.py
    proves the same findings); checks from another folder see the data as mapped."""
    return checks_dir is None
