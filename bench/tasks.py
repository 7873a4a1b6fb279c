"""One benchmark measurement, run by bench/run.py in a fresh process: `python bench/tasks.py
TASK CORPUS [ARGS]`. Prints one JSON object: seconds per step and peak memory after each."""

from __future__ import annotations

import json
import resource
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

OUT: dict[str, Any] = {"steps": {}, "rss_mb": {}, "notes": {}}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def step(name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    OUT["steps"][name] = time.perf_counter() - start
    OUT["rss_mb"][name] = rss_mb()


def compiled(corpus: Path) -> Any:
    from kg.pipeline import compile_data

    return compile_data(corpus / "data")


def pipeline(corpus: Path) -> None:
    """Each stage of `kg build` in order: load, references, map, validation, every export."""
    from kg.pipeline import paused_gc

    with paused_gc():  # as kg.builder.build runs them
        _stages(corpus)


def _stages(corpus: Path) -> None:

    from kg.export import RDF_FILES, serialize
    from kg.load import load_data
    from kg.mapping import map_records
    from kg.pipeline import Compiled
    from kg.references import build_index, check_references
    from kg.validation.checks import check_findings
    from kg.validation.fast import alias_lossy
    from kg.validation.shacl import shacl_findings

    with step("load (YAML, schema)"):
        loaded = load_data(corpus / "data")
    with step("references"):
        index, duplicates = build_index(loaded.records)
        problems = duplicates + check_references(loaded.records, index)
    with step("map to RDF"):
        graph = map_records(loaded.records, index)
        graph.triples()
    built = Compiled(loaded.records, index, graph, loaded.report, loaded.files)
    with step("validate: store"):  # one store for both, as kg.validation.validate fills it
        store = graph.store()
    with step("validate: checks"):
        checks = check_findings(built, store=store)
    with step("validate: SHACL shapes"):
        alias_lossy(store, graph.quads)
        shacl = shacl_findings(built, store=store)
    OUT["notes"]["findings"] = len(loaded.report.findings) + len(problems) + len(shacl) + len(checks)
    OUT["notes"]["triples"] = len(graph.triples())
    for fmt, (name, _f, _g) in RDF_FILES.items():
        with step(f"export {name}"):
            serialize(graph, fmt)
    _csv_and_void(graph)


def _csv_and_void(graph: Any) -> None:
    from kg.csvexport import write_tables
    from kg.void import void_description

    with tempfile.TemporaryDirectory() as tmp, step("export csv/"):
        write_tables(graph, Path(tmp))
    with step("export void.ttl"):
        void_description(graph, [])
    _events(graph)


def _events(graph: Any) -> None:
    """`kg export --format events`: the SPARQL queries and rows, then both serializations."""
    from kg.events import event_segments
    from kg.events.write import write

    with step("export events (rows)"):
        rows = event_segments(graph)
    with tempfile.TemporaryDirectory() as tmp, step("export events.csv + events.jsonl"):
        write(rows, Path(tmp) / "events.csv")
        write(rows, Path(tmp) / "events.jsonl")
    OUT["notes"]["event rows"] = len(rows)


def shacl_ours(corpus: Path) -> None:
    """Our validation path (kg.validation.fast) over the whole graph, as `kg validate` runs it."""
    from kg.validation.fast import fast_report
    from kg.validation.shacl import SH, load_shapes

    triples, shapes = compiled(corpus).graph.triples(), load_shapes()
    with step("ours"):
        report = fast_report(triples, shapes.graph)
    assert report is not None, "the fast engine fell back to pySHACL"
    OUT["notes"]["results"] = len(list(report.objects(None, SH.result)))


def shacl_pyshacl(corpus: Path) -> None:
    """Plain pySHACL over the whole graph with the project's shapes."""
    from kg.validation.shacl import SH, _run, load_shapes, to_rdflib

    graph, shapes = to_rdflib(compiled(corpus).graph.triples()), load_shapes()
    with step("pyshacl"):
        report = _run(graph, shapes, None)
    OUT["notes"]["results"] = len(list(report.objects(None, SH.result)))


def parse(corpus: Path, library: str) -> None:
    """Parse dist/tcdkg.nq with rdflib or pyoxigraph."""
    nq = corpus / "dist" / "tcdkg.nq"
    with step(library):
        if library == "rdflib":
            from rdflib import Dataset

            count = len(Dataset().parse(nq, format="nquads"))
        else:
            import pyoxigraph as ox

            count = len(list(ox.parse(path=nq, format=ox.RdfFormat.N_QUADS)))
    OUT["notes"]["quads"] = count


def queries(corpus: Path, engine: str, repeat: str, timeout: str = "300") -> None:
    """Every named query: median seconds in-process (Oxigraph or rdflib's SPARQL engine)."""
    from bench_queries import prepare

    runs, params = prepare(corpus, engine)
    for name, run in runs.items():
        times, rows = _timed(run, int(repeat), float(timeout))
        OUT["steps"][name] = statistics.median(times) if times else None
        OUT["rss_mb"][name] = rss_mb()
        OUT["notes"][name] = {"rows": rows, "params": params[name]} if times else "timeout"


def params(corpus: Path) -> None:
    """For every named query, the `-p` arguments of `kg query` that bind what the in-process
    task binds (bench_queries: the busiest entities of dist/tcdkg.nq)."""
    from bench_queries import busiest, cli_params

    from kg.query.catalog import load_catalog

    top = busiest(corpus / "dist" / "tcdkg.nq")
    OUT["notes"]["params"] = {name: cli_params(query, top)
                              for name, query in sorted(load_catalog().items())}


def count(corpus: Path) -> None:
    """The triples (and errors) of CORPUS/data, compiled as `kg build` compiles it."""
    built = compiled(corpus)
    OUT["notes"]["triples"] = len(built.graph.triples())
    OUT["notes"]["errors"] = len(built.report.errors)


def _timed(run: Callable[[], int], repeat: int, timeout: float) -> tuple[list[float], int]:
    def alarm(_signum: int, _frame: Any) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    times, rows = [], 0
    for _ in range(repeat):
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            start = time.perf_counter()
            rows = run()
            times.append(time.perf_counter() - start)
        except TimeoutError:
            return [], 0
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return times, rows


TASKS: dict[str, Callable[..., None]] = {
    "pipeline": pipeline, "shacl-ours": shacl_ours, "shacl-pyshacl": shacl_pyshacl,
    "parse": parse, "queries": queries, "params": params, "count": count,
}

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    task, corpus, *args = sys.argv[1:]
    TASKS[task](Path(corpus), *args)
    OUT["peak_rss_mb"] = rss_mb()
    print(json.dumps(OUT))
