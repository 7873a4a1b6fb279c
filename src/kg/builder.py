"""`kg build`: load, validate, and export the graph only when it has no errors."""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError, Report
from kg.export import export_all, exports_beside
from kg.outputs import claim_folder
from kg.pipeline import Compiled, check_data_dir, compile_data, paused_gc
from kg.progress import progress
from kg.validation import validate


@dataclass
class BuildResult:
    compiled: Compiled
    report: Report
    manifest: dict[str, object]
    out_dir: Path

    def kinds(self) -> Counter[str]:
        return Counter(r.kind.value for r in self.compiled.records)


def check(data_dir: Path) -> tuple[Compiled, Report]:
    compiled = compile_data(data_dir)
    return compiled, validate(compiled)


@paused_gc()
def build(data_dir: Path, out_dir: Path, *, fail_after: str | None = None) -> BuildResult:
    """Build and export; raises DataError (and writes nothing) when errors exist.

    Raises OutputError before any work when `out_dir` holds files kg did not write.
    """
    check_data_dir(data_dir)
    claim_folder(out_dir, protect=(data_dir,))
    with ExitStack() as stack:
        with progress(f"reading and checking {data_dir.as_posix()}/"):
            compiled = compile_data(data_dir)
            beside = None
            if not compiled.report.errors:  # event rows and CSV tables computed meanwhile, in a child
                beside = stack.enter_context(exports_beside(compiled.graph))
            report = validate(compiled)
        if report.errors:  # (the child is ended: nothing was written)
            raise DataError(report, f"{len(report.errors)} error(s) in the fact files; "
                                    "nothing was exported")
        with progress(f"writing {out_dir.as_posix()}/"):
            manifest = export_all(compiled.graph, out_dir, fail_after=fail_after, beside=beside)
    return BuildResult(compiled, report, manifest, out_dir)


def abandon(result: object) -> None:
    """Leave `result` to the end of the process, for a command that is about to end.

    Freeing a million-triple build object by object takes seconds, and a collection of the
    cyclic garbage collector over it as long again: `result` goes into a cycle that only the
    collector could free, and the collector is told to ignore every object that exists now
    (`gc.freeze`), so the memory goes back to the system when the process exits. Call it
    with the collector paused since the build (kg.pipeline.paused_gc); never in a process
    that lives on (a server), which would keep the build forever.
    """
    keep: list[object] = [result]
    keep.append(keep)
    gc.freeze()
