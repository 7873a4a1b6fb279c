"""`kg build`: load, validate, and export the graph only when it has no errors."""

from __future__ import annotations

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
    #: why the query store could not be saved (the build itself succeeded), if it could not
    store_problem: str | None = None

    def kinds(self) -> Counter[str]:
        return Counter(r.kind.value for r in self.compiled.records)


def check(data_dir: Path) -> tuple[Compiled, Report]:
    """The compiled folder (quads unsorted, as a store takes them) and its validation."""
    compiled = compile_data(data_dir, ordered=False, with_store=True)
    return compiled, validate(compiled)


@paused_gc()
def build(data_dir: Path, out_dir: Path, *, fail_after: str | None = None) -> BuildResult:
    """Build and export; raises DataError (and writes nothing) when errors exist.

    Raises OutputError before any work when `out_dir` holds files kg did not write.
    """
    from kg.query.store import fingerprint

    check_data_dir(data_dir)
    claim_folder(out_dir, protect=(data_dir,))
    key = fingerprint(data_dir)  # before reading: a file changed meanwhile gives another
    with ExitStack() as stack:
        with progress(f"reading and checking {data_dir.as_posix()}/"):
            # unsorted: the child sorts the quads for the exports while this process validates
            compiled = compile_data(data_dir, ordered=False, with_store=True)
            beside = None
            if not compiled.report.errors:  # the exports prepared meanwhile, in a child
                beside = stack.enter_context(exports_beside(compiled.graph))
            report = validate(compiled)
        if report.errors:  # (the child is ended: nothing was written)
            raise DataError(report, f"{len(report.errors)} error(s) in the fact files; "
                                    "nothing was exported")
        with progress(f"writing {out_dir.as_posix()}/"):
            problems: list[str | None] = []  # the query store is written while the child writes
            manifest = export_all(compiled.graph, out_dir, fail_after=fail_after, beside=beside,
                                  meanwhile=lambda: problems.append(
                                      _leave_query_store(data_dir, key, compiled, report)))
    return BuildResult(compiled, report, manifest, out_dir, problems[0] if problems else None)


def _leave_query_store(data_dir: Path, key: str, compiled: Compiled, report: Report) -> str | None:
    """Leave the query store of what was built (`kg.query.store`) and the validation's verdict
    beside it (`kg.query.checked`), so that the first `kg query`, `kg site` or `kg serve` after
    a build compiles nothing. Returns why a cache could not be written (that only costs the
    first query a rebuild), if it could not.

    Here, not in the forked child: in a process that has opened RocksDB stores before (a test
    run, a server) their threads may hold locks at the fork, and a child opening a store waits
    on them forever."""
    from kg.query.checked import keep_verdict
    from kg.query.store import save_query_store

    try:
        live = save_query_store(data_dir, key, compiled.graph.quads, compiled.files)
    except OSError as exc:
        return f"the query store was not saved ({exc.strerror or exc}); the first query will rebuild it"
    keep_verdict(live, len(report.errors))
    return None
