"""The benchmark's report (bench/report.py): targets marked met or missed, ratios to baselines;
and the runner's helpers (the `kg query` arguments it times, the edited fact file)."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from kg.query.catalog import load_catalog

from .conftest import ROOT


@cache
def bench(name: str) -> ModuleType:
    """bench/<name>.py as a module (bench/ on sys.path, as the runner has it)."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def row(name: str, runs: dict[str, list[tuple[float | None, float]]], **kw: object):  # type: ignore[no-untyped-def]
    return bench("report").Row("section", name, runs=runs, **kw)


def test_time_and_memory_targets_at_the_largest_size() -> None:
    report = bench("report")
    build = row("kg build", {"10k": [(50.0, 9000.0)], "1m": [(31.0, 2000.0), (29.0, 2500.0), (35.0, 3500.0)]},
                target=(30, 3072))
    assert report.target_cell(build, ["10k", "1m"]) == "< 30 s: missed by 1.00 s; < 3 GiB: met"
    fast = row("partners-of", {"1m": [(0.0195, 600.0)]}, target=(0.02, None))
    assert report.target_cell(fast, ["1m"]) == "< 0.02 s: met"
    slow = row("partners-of", {"1m": [(0.0253, 600.0)]}, target=(0.02, None))
    assert report.target_cell(slow, ["1m"]) == "< 0.02 s: missed by 5.3 ms"
    heavy = row("kg build", {"1m": [(20.0, 3200.0)]}, target=(30, 3072))
    assert report.target_cell(heavy, ["1m"]) == "< 30 s: met; < 3 GiB: missed by 128 MB"
    assert report.target_cell(row("x", {}, target=(1, None)), ["1m"]) == "< 1 s: not measured"
    assert report.target_cell(row("x", {"1m": [(0.1, 1.0)]}), ["1m"]) == ""


def test_faster_than_the_baseline_is_marked_at_every_size() -> None:
    report = bench("report")
    jena = row("Jena shacl validate (whole process)",
               {"10k": [(2.5, 140.0)], "100k": [(4.4, 330.0)], "1m": [(20.0, 3000.0)]})
    ours = row("kg validate (whole process)", {"10k": [(1.0, 80.0)], "100k": [(2.9, 230.0)], "1m": [(25.0, 1700.0)]},
               baseline=jena.name, beat_baseline=True)
    assert report.target_cell(ours, ["10k", "100k", "1m"], jena) == (
        "faster than Jena shacl validate: 10k met, 100k met, 1m missed (1.2× slower)")
    assert report.target_cell(ours, ["10k", "100k", "1m", "10m"], jena).endswith(", 10m not measured")
    lines = report.table([ours, jena], ["10k", "100k", "1m"], {"10k": 1, "100k": 2, "1m": 3}).splitlines()
    ours_line = next(line for line in lines if line.startswith("| kg validate"))
    assert "1.00 s, 80 MB, **2.5× faster**" in ours_line
    assert "25.00 s, 1,700 MB, **1.2× slower**" in ours_line
    assert ours_line.endswith("| faster than Jena shacl validate: 10k met, 100k met, 1m missed (1.2× slower) |")


def test_a_skipped_baseline_gives_no_ratio() -> None:
    report = bench("report")
    jena = row("Jena shacl validate (whole process)", {}, note="skipped: no java")
    ours = row("kg validate (whole process)", {"10k": [(1.0, 80.0)]}, baseline=jena.name, beat_baseline=True)
    line = report.table([ours, jena], ["10k"], {"10k": 1}).splitlines()[3]
    assert line == "| kg validate (whole process) | 1.00 s, 80 MB | faster than Jena shacl validate: 10k not measured |"


@pytest.mark.parametrize(("took", "other", "shown"), [
    (1.0, 2.5, "2.5× faster"), (2.0, 2.0, "1.0× faster"), (25.0, 20.0, "1.2× slower"), (None, 1.0, ""),
])
def test_compared(took: float | None, other: float, shown: str) -> None:
    assert bench("report").compared(took, other) == shown


def test_kg_query_arguments_bind_what_the_in_process_task_binds() -> None:
    queries = bench("bench_queries")
    catalog = load_catalog()
    top = {"State": [queries.ID + "state/a", queries.ID + "state/b"], "Person": [queries.ID + "person/p"],
           "Event": [queries.ID + "event/e"], "Place": [queries.ID + "place/x"],
           "Organization": [queries.ID + "organization/o"]}
    assert queries.cli_params(catalog["meetings-between"], top) == [
        "-p", "actor=state/a", "-p", "other=state/b"]
    assert queries.cli_params(catalog["posts-of"], top) == ["-p", "person=person/p", "-p", "date=2020-06-01"]
    for name, query in catalog.items():  # the same entities as the in-process bindings
        terms = queries.bindings(query, top)
        args = queries.cli_params(query, top)[1::2]
        assert [a.split("=", 1)[0] for a in args] == [p.name for p in query.params], name
        assert {queries.ID + a.split("=", 1)[1] for a in args if "/" in a} == {
            t.value for t in terms.values() if t.value.startswith(queries.ID)}, name


def test_the_edited_fact_file_gets_its_bytes_back(tmp_path: Path) -> None:
    run = bench("run")
    fact = tmp_path / "event.yaml"
    fact.write_bytes(b"id: event/x\n")
    with run.edited(fact):
        assert fact.read_bytes() == b"id: event/x\n# edited by bench/run.py\n"
    assert fact.read_bytes() == b"id: event/x\n"
    with pytest.raises(RuntimeError), run.edited(fact):
        raise RuntimeError("a measurement failed")
    assert fact.read_bytes() == b"id: event/x\n"
