"""The query store of a data folder that passed validation, for `kg site` and `kg serve`.

Both refuse data with errors, which only a full validation (compile, SHACL shapes, check
queries) can tell. The first time a store is asked for this way, the fact files are compiled
and validated once, the store is built from that same compile when it was stale, and the
verdict is kept beside the store (`verdict.json`). The store's fingerprint covers the data,
the ontology, the shapes, the queries and the `kg` code, so a kept verdict always describes
the current inputs: later runs read the store and compile nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from kg.errors import DataError
from kg.query.store import QueryStore, is_fresh, location, open_query_store

VERDICT = "verdict.json"


def checked_store(data_dir: Path, refusal: str,
                  notify: Callable[[str], None] = lambda _m: None) -> QueryStore:
    """The fresh query store of `data_dir`, known to have no validation errors.

    Raises DataError with the whole validation report (and `refusal`, e.g. "no site was
    written", in its message) when the fact files have errors."""
    live = location(data_dir)
    if is_fresh(live) and _verdict(live) == 0:
        return open_query_store(data_dir, notify, live=live)
    from kg.builder import check
    from kg.pipeline import paused_gc
    from kg.progress import progress

    with paused_gc():  # a collection between compiling and loading would walk every quad
        with progress(f"reading and checking {data_dir.as_posix()}/"):
            compiled, report = check(data_dir)
        if report.errors:
            raise DataError(report, f"{len(report.errors)} error(s) in the fact files; {refusal}")
        found = open_query_store(data_dir, notify, live=live, compiled=compiled)
    keep_verdict(found.path, len(report.errors))
    return found


def _verdict(live: Path) -> int | None:
    try:
        errors = json.loads((live / VERDICT).read_text(encoding="utf-8")).get("errors")
    except (OSError, ValueError, AttributeError):
        return None
    return errors if isinstance(errors, int) else None


def keep_verdict(live: Path, errors: int) -> None:
    """The validation's verdict on the store's inputs, written beside the published store in
    one step (readers see all of it or none); `kg build` keeps its own."""
    partial = live / f".{VERDICT}.{os.getpid()}"
    try:
        partial.write_text(json.dumps({"errors": errors}) + "\n", encoding="utf-8")
        os.replace(partial, live / VERDICT)
    except OSError:  # not kept: the next run validates again
        partial.unlink(missing_ok=True)
