"""Side-by-side benchmark of every stage of `kg build`, the named queries and validation,
against rdflib, pySHACL and Jena: `python bench/run.py --sizes 10k,100k,1m --repeat 3
[--out bench/results.md]`. Every measurement runs in a fresh process; peak memory is that
process's maximum resident set (wait4's ru_maxrss)."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from report import Row, as_json, table  # noqa: E402

import jena  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
REAL = "data/"  # the column of the project's own data
STAGES = ("load (YAML, schema)", "references", "map to RDF", "validate: store",
          "validate: checks", "validate: SHACL shapes", "export tcdkg.ttl", "export tcdkg.trig", "export tcdkg.nq",
          "export tcdkg.nt", "export tcdkg.jsonld", "export csv/", "export void.ttl",
          "export events (rows)", "export events.csv + events.jsonl")


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rows: dict[str, Row] = {}
        self.real: dict[str, Row] = {}  # rows measured on the project's own data/
        self.triples: dict[str, int] = {}
        self.log = open(HERE / "out" / "run.log", "a", encoding="utf-8")  # noqa: SIM115

    def row(self, section: str, name: str, real: bool = False, **kw: Any) -> Row:
        rows = self.real if real else self.rows
        return rows.setdefault(name, Row(section, name, **kw))

    def spawn(self, argv: list[str], timeout: float, codes: tuple[int, ...] = (0, 1)
              ) -> tuple[float | None, float, str]:
        """Run one process; (wall seconds or None on timeout, its peak MB, its stdout). An
        exit code not in `codes` stops the run."""
        self.log.write(f"$ {shlex.join(argv)}\n")
        self.log.flush()
        start = time.perf_counter()
        with tempfile.TemporaryFile() as out:  # a new file each time: no stray writer shares it
            proc = subprocess.Popen(argv, cwd=ROOT, stdout=out, stderr=self.log,
                                    start_new_session=True)
            deadline = start + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    os.killpg(proc.pid, signal.SIGKILL)
                    _pid, status, usage = os.wait4(proc.pid, 0)
                    return None, usage.ru_maxrss / 1024, ""
                time.sleep(0.05)
            took = time.perf_counter() - start
            out.seek(0)
            text = out.read().decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) not in codes:
            raise SystemExit(f"failed: {shlex.join(argv)} (see bench/out/run.log)")
        return took, usage.ru_maxrss / 1024, text

    def task(self, name: str, corpus: Path, *args: str,
             timeout: float | None = None) -> dict[str, Any] | None:
        took, peak, text = self.spawn([sys.executable, str(HERE / "tasks.py"), name,
                                       str(corpus), *args], timeout or self.args.timeout)
        if took is None:
            return None
        result = json.loads(next(line for line in text.splitlines() if line.startswith("{")))
        result["peak_rss_mb"] = peak
        return result

    def process(self, section: str, name: str, size: str, argv: list[str],
                codes: tuple[int, ...] = (0, 1), **kw: Any) -> None:
        took, peak, _out = self.spawn(argv, self.args.timeout, codes)
        self.row(section, name, **kw).runs.setdefault(size, []).append((took, peak))

    def steps(self, section: str, size: str, result: dict[str, Any] | None,
              names: dict[str, str], **kw: Any) -> None:
        """Rows from a task's steps: {row name: step name}; a timed-out task times out all."""
        for name, key in names.items():
            row = self.row(section, name, **kw)
            if result is None:
                row.runs.setdefault(size, []).append((None, 0.0))
            else:
                row.runs.setdefault(size, []).append((result["steps"][key],
                                                      result["rss_mb"][key]))

    def size(self, size: str) -> None:
        corpus = self.args.corpora / size
        if not (corpus / "data").is_dir():
            self.spawn([sys.executable, str(HERE / "generate.py"), "--triples",
                        str(SIZES[size]), "--seed", "1", "--out", str(corpus)], 3600)
        kg = [sys.executable, "-m", "kg"]
        data = ["--data", str(corpus / "data")]
        self.changed_only(size, corpus)
        params: dict[str, list[str]] | None = None
        for _ in range(self.args.repeat):
            # an empty cache, as in a fresh clone: whatever the first `kg query` after the
            # build needs (the query store) is either left by `kg build` or built by the query
            shutil.rmtree(self.cache(size), ignore_errors=True)
            self.process("kg build", "kg build (whole process)", size,
                         [*kg, "build", *data, "--out", str(corpus / "dist")],
                         target=(30, 3072))
            if params is None:
                params = self.query_params(corpus)
            self.local_queries(size, corpus, params)
            result = self.task("pipeline", corpus)
            if result:
                self.triples[size] = result["notes"]["triples"]
            self.steps("kg build", size, result, {s: s for s in STAGES})
            self.process("validation", "kg validate (whole process)", size, [*kg, "validate", *data],
                         baseline="Jena shacl validate (whole process)", beat_baseline=True)
            self.jena(size, corpus)  # right after: both see the machine in the same state
            self.steps("validation", size, self.task("shacl-ours", corpus),
                       {"SHACL: ours (kg.validation.fast)": "ours"}, baseline="SHACL: pyshacl")
            self.steps("parsing dist/tcdkg.nq", size, self.task("parse", corpus, "pyoxigraph"),
                       {"pyoxigraph": "pyoxigraph"}, baseline="rdflib")
        self.baselines(size, corpus)
        self.queries(size, corpus)

    def changed_only(self, size: str, corpus: Path) -> None:
        """`kg validate --changed-only` of one just-edited file: the first run builds the cache
        (kg.validation.cache), later runs read the edited file and check it against the cache."""
        os.environ["KG_CACHE_DIR"] = str(self.cache(size))
        shutil.rmtree(self.cache(size), ignore_errors=True)
        events = sorted((corpus / "data" / "events").rglob("*.yaml"))
        files = {"a person file": sorted((corpus / "data" / "persons").glob("*.yaml"))[0],
                 "an event file with signings": max(events, key=lambda p: p.stat().st_size)}
        argv = [sys.executable, "-m", "kg", "validate", "--data", str(corpus / "data"),
                "--changed-only"]
        self.process("validation", "kg validate --changed-only, cold cache (builds it)", size,
                     [*argv, str(files["a person file"])])
        for what, file in files.items():
            for _ in range(self.args.repeat):
                os.utime(file)  # as if just edited: re-read and re-mapped into the cache
                self.process("validation", f"kg validate --changed-only {what}", size,
                             [*argv, str(file)], target=(5, None))

    def cache(self, size: str) -> Path:
        """KG_CACHE_DIR of one size's `kg` processes (the --changed-only cache, the query store)."""
        return HERE / "out" / "cache" / size

    def query_params(self, corpus: Path) -> dict[str, list[str]]:
        """`-p` arguments per named query, as the in-process query task binds them."""
        result = self.task("params", corpus)
        if result is None:
            raise SystemExit("timed out choosing the named queries' parameters")
        return dict(result["notes"]["params"])

    def local_queries(self, size: str, corpus: Path, params: dict[str, list[str]]) -> None:
        """`kg query NAME -p ...` as whole processes (Python start-up included, default table
        output) right after `kg build`; then with the store fresh, every named query; then
        the first query after a one-line edit of a fact file (the store is rebuilt) and the
        next one (fresh again). The edited file gets its bytes back afterwards."""
        base = [sys.executable, "-m", "kg", "query", "--data", str(corpus / "data")]

        def query(section: str, row: str, name: str, **kw: Any) -> None:
            # codes: a failed query (exit 1: the data has errors) must not pass for a time
            self.process(section, row, size, [*base, name, *params[name]], codes=(0,), **kw)

        section, target = "local queries (whole process)", (1.0, None)
        first = "events-at" if "events-at" in params else min(params)
        query(section, f"kg query {first}, first after kg build", first, target=target)
        for name in params:
            query(section, f"kg query {name}, store fresh", name, target=target)
        section = "store rebuild (whole process)"
        events = sorted((corpus / "data" / "events").rglob("*.yaml"))
        with edited(max(events, key=lambda p: p.stat().st_size)):
            query(section, f"kg query {first}, first after a one-line edit of the largest event "
                  "file (store rebuilt)", first)
            query(section, f"kg query {first}, the next one (store fresh again)", first,
                  target=target)

    def real_data(self) -> None:
        """`kg query documents-signed-by -p person=Tokayev` on the project's own data/: with
        an empty cache (the query store is built), then with the store fresh."""
        os.environ["KG_CACHE_DIR"] = str(self.cache("data"))
        result = self.task("count", ROOT)
        if result:
            self.triples[REAL] = result["notes"]["triples"]
        argv = [sys.executable, "-m", "kg", "query", "--data", str(ROOT / "data"),
                "documents-signed-by", "-p", "person=Tokayev"]
        section = "kg query on the project's data/ (whole process)"
        for _ in range(self.args.repeat):
            shutil.rmtree(self.cache("data"), ignore_errors=True)
            self.process(section, "kg query documents-signed-by -p person=Tokayev, empty cache "
                         "(builds the store)", REAL, argv, codes=(0,), real=True)
            self.process(section, "kg query documents-signed-by -p person=Tokayev, store fresh",
                         REAL, argv, codes=(0,), target=(0.4, None), real=True)

    def baselines(self, size: str, corpus: Path) -> None:
        for _ in range(self.args.baseline_repeat):
            self.steps("validation", size, self.task("shacl-pyshacl", corpus),
                       {"SHACL: pyshacl": "pyshacl"})
            self.steps("parsing dist/tcdkg.nq", size, self.task("parse", corpus, "rdflib"),
                       {"rdflib": "rdflib"})

    def jena(self, size: str, corpus: Path) -> None:
        """Jena's `shacl validate` on the N-Triples `kg build` wrote, as a process."""
        command = jena.command(HERE / "out")
        if command is None:
            self.row("validation", "Jena shacl validate (whole process)",
                     note="skipped: no java or libapache-jena-java")
            return
        shapes = HERE / "out" / "shapes.ttl"
        _merge_shapes(shapes)
        self.process("validation", "Jena shacl validate (whole process)", size,
                     [*command, "--shapes", str(shapes), "--data", str(corpus / "dist" / "tcdkg.nt")])

    def queries(self, size: str, corpus: Path) -> None:
        try:
            from kg.query.catalog import load_catalog

            names = sorted(load_catalog())
        except ImportError:
            self.row("named queries", "named queries", note="skipped: no kg.query catalog")
            return
        ours = self.task("queries", corpus, "oxigraph", str(max(5, self.args.repeat)))
        theirs = self.task("queries", corpus, "rdflib", str(self.args.baseline_repeat),
                           str(self.args.query_timeout),
                           timeout=self.args.timeout + len(names) * self.args.query_timeout)
        for name in names:
            self.steps("named queries (Oxigraph, in-process)", size, ours, {name: name},
                       baseline=f"{name} (rdflib)", target=(0.02, None))
        for name in names:
            self.steps("named queries (rdflib's SPARQL engine)", size, theirs,
                       {f"{name} (rdflib)": name})


@contextmanager
def edited(file: Path) -> Iterator[None]:
    """A fact file with one more line (a YAML comment: still valid, but new bytes, size and
    time), given its original bytes back on leaving."""
    original = file.read_bytes()
    try:
        file.write_bytes(original + b"# edited by bench/run.py\n")
        yield
    finally:
        file.write_bytes(original)


def _merge_shapes(out: Path) -> None:
    from kg.validation.shacl import load_shapes

    out.write_text(load_shapes().graph.serialize(format="turtle"), encoding="utf-8")


def _byte_compile() -> None:
    """Write the `kg` package's bytecode, as `pip install .` does: an editable checkout (or
    PYTHONDONTWRITEBYTECODE) would otherwise make every measured process compile it again."""
    import compileall

    import kg

    compileall.compile_dir(Path(kg.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-repeat", type=int, default=1,
                        help="runs of the slow baselines (pySHACL, rdflib, Jena)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per process")
    parser.add_argument("--query-timeout", type=float, default=120, help="seconds per rdflib query")
    parser.add_argument("--corpora", type=Path, default=HERE / "corpora")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument("--no-real-data", action="store_true",
                        help="skip `kg query` on the project's own data/")
    args = parser.parse_args(argv)
    (HERE / "out").mkdir(exist_ok=True)
    _byte_compile()
    sizes = args.sizes.split(",")
    bench = Bench(args)
    if not args.no_real_data:
        bench.real_data()
    for size in sizes:
        bench.size(size)
        text = table(list(bench.rows.values()), sizes, bench.triples)
        if bench.real:
            text += "\n\n" + table(list(bench.real.values()), [REAL], bench.triples)
        (HERE / "out" / "results.json").write_text(json.dumps(
            {"triples": bench.triples, "rows": as_json([*bench.rows.values(), *bench.real.values()])},
            indent=1))
        print(f"\n## after {size}\n\n{text}\n", flush=True)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
