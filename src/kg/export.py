"""Exports of the built graph: RDF serialisations, CSV tables, event data, VoID and the manifest."""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg import __version__
from kg.atomic import atomic_dir, write_bytes_atomic
from kg.csvexport import subjects, tables, write_tables
from kg.events import Segments, Shape, event_segments
from kg.events import write as events
from kg.forked import Child, Receive, forked
from kg.graph import BuiltGraph
from kg.namespaces import PREFIXES, RECORD_PREFIXES
from kg.ontology import ontology_quads
from kg.outputs import FILE_SIGNATURE, claim_file, claim_folder, write_marker
from kg.void import census, void_description


class ExportFormat(enum.StrEnum):
    TTL = "ttl"
    TRIG = "trig"
    NT = "nt"
    NQ = "nq"
    JSONLD = "jsonld"
    CSV = "csv"
    EVENTS = "events"


#: format -> (file name in dist/, pyoxigraph format, whether it keeps the named graphs)
RDF_FILES: dict[ExportFormat, tuple[str, ox.RdfFormat, bool]] = {
    ExportFormat.TTL: ("tcdkg.ttl", ox.RdfFormat.TURTLE, False),
    ExportFormat.TRIG: ("tcdkg.trig", ox.RdfFormat.TRIG, True),
    ExportFormat.NQ: ("tcdkg.nq", ox.RdfFormat.N_QUADS, True),
    ExportFormat.NT: ("tcdkg.nt", ox.RdfFormat.N_TRIPLES, False),
    ExportFormat.JSONLD: ("tcdkg.jsonld", ox.RdfFormat.JSON_LD, True),
}


#: the first line of every text RDF export: a comment that tells `kg` the file is its own
_SIGNATURE_LINE = f"{FILE_SIGNATURE}, written by kg from https://w3id.org/tcdkg/\n".encode()


def serialize(graph: BuiltGraph, fmt: ExportFormat) -> bytes:
    """One RDF serialisation of the graph, byte-identical for the same input."""
    _name, rdf_format, with_graphs = RDF_FILES[fmt]
    if with_graphs and not graph.is_sorted:  # a graph compiled for a store: sorted once here
        graph.finish()
    data = graph.quads if with_graphs else graph.triples()
    if rdf_format is ox.RdfFormat.JSON_LD:  # grouped by graph: one top-level object per graph
        data = graph.quads_by_graph()
    prefixes = {**PREFIXES, **RECORD_PREFIXES} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    out = ox.serialize(data, format=rdf_format, prefixes=prefixes)
    assert out is not None
    if rdf_format is ox.RdfFormat.JSON_LD:
        return out
    return _SIGNATURE_LINE + out


#: the event-data files of dist/ (docs/events.md): rows as CSV and JSON Lines, and their schema
EVENT_FILES = ("events.csv", "events.jsonl")


def export_one(graph: BuiltGraph, fmt: ExportFormat, out: Path, *, protect: tuple[Path, ...] = (),
               events_shape: Shape = Shape.DYAD) -> None:
    """Write one export to `out` atomically (a file, or a folder for CSV; events: CSV or
    JSON Lines by the suffix of `out`).

    Raises OutputError, writing nothing, when `out` holds something kg did not write.
    """
    check_export_target(fmt, out, protect=protect)
    if fmt is ExportFormat.EVENTS:
        events.serialization_for(out)  # refuse a bad name before the work
        events.write(event_segments(graph, events_shape), out)
        return
    if fmt is ExportFormat.CSV:
        with atomic_dir(out) as staging:
            write_tables(graph, staging)
            write_marker(staging, "csv")
        return
    write_bytes_atomic(out, serialize(graph, fmt))


#: a forked child's result: the manifest entries of its files, and what else it counted
SideResult = tuple[dict[str, dict[str, object]], dict[str, Any]]


@contextmanager
def exports_beside(graph: BuiltGraph) -> Iterator[Child[SideResult]]:
    """Start the exports in two forked children now, which prepare them while the caller
    goes on (validating): one sorts the quads for the RDF files, the other computes the event
    rows and the CSV tables. Both then wait for `export_all` to hand them the staging folder
    and write their files there. They are ended when the block fails or never exports."""
    with forked(lambda receive: _rdf_files(graph, receive)) as rdf, \
            forked(lambda receive: _table_files(graph, receive)) as tabular:
        yield _Both(rdf, tabular)


class _Both:
    """Two children as one: what is sent goes to both, their results are merged."""

    def __init__(self, *children: Child[SideResult]) -> None:
        self.children = children

    def send(self, value: object) -> None:
        for child in self.children:
            child.send(value)

    def result(self) -> SideResult:
        files: dict[str, dict[str, object]] = {}
        counted: dict[str, Any] = {}
        for child in self.children:
            their_files, their_counts = child.result()
            files.update(their_files)
            counted.update(their_counts)
        return files, counted

    def cancel(self) -> None:
        for child in self.children:
            child.cancel()


def export_all(graph: BuiltGraph, out_dir: Path, *, fail_after: str | None = None,
               beside: Child[SideResult] | None = None,
               meanwhile: Callable[[], object] | None = None) -> dict[str, object]:
    """Write every export into `out_dir` atomically; the manifest is written last.

    `beside` holds the children started by `exports_beside` (started here otherwise), which
    write the files while this process does `meanwhile` (the caller's other work).
    `fail_after` names a file after which to raise, so tests can prove atomicity.
    """
    if beside is None:
        with exports_beside(graph) as children:
            return export_all(graph, out_dir, fail_after=fail_after, beside=children,
                              meanwhile=meanwhile)
    with atomic_dir(out_dir) as staging:
        try:
            write_marker(staging, "dist")
            beside.send((staging, fail_after))
            if meanwhile is not None:
                meanwhile()
            files, counted = beside.result()
        except BaseException:
            beside.cancel()  # before the staging folder is removed
            raise
        _maybe_fail(fail_after, "events.jsonl")
        void = void_description(graph, sorted(files), counted["census"], triples=counted["triples"])
        (staging / "void.ttl").write_bytes(void)
        files["void.ttl"] = {"sha256": _sha(void), "bytes": len(void)}
        _maybe_fail(fail_after, "void.ttl")
        manifest = {"name": "tcdkg", "version": __version__, "triples": counted["triples"],
                    "quads": counted["quads"], "graphs": counted["graphs"],
                    "files": dict(sorted(files.items()))}
        text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        (staging / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


def _rdf_files(graph: BuiltGraph, receive: Receive) -> SideResult:
    """In a child: the quads sorted, then (once the parent sends the staging folder) the RDF
    files and the ontology, and the graph's counts."""
    if not graph.is_sorted:
        graph.finish()
    graph.triples()
    staging, fail_after = receive()
    files = _write_main(graph, staging, fail_after)
    return files, {"triples": len(graph.triples()), "quads": len(graph.quads),
                   "graphs": len(graph.graph_files)}


def _table_files(graph: BuiltGraph, receive: Receive) -> SideResult:
    """In a child: the event rows (from the store filled while mapping, if the fork copied
    one: the parent's validation changes only its own copy) and the CSV tables, then (once
    the parent sends the staging folder) their files, and what void.ttl counts."""
    rows = event_segments(graph, store=graph.filled_store())
    index = subjects(graph)
    csv = tables(index)
    counted = census(index)
    del index
    staging, _fail_after = receive()
    files = _write_events(rows, staging)
    (staging / "csv").mkdir()
    for name, (data, count) in csv.items():
        (staging / "csv" / name).write_bytes(data)
        files[f"csv/{name}"] = {"sha256": _sha(data), "bytes": len(data), "rows": count}
    return files, {"census": counted}


def _write_main(graph: BuiltGraph, staging: Path, fail_after: str | None,
                ) -> dict[str, dict[str, object]]:
    """The RDF serialisations and the ontology, into `staging`."""
    files: dict[str, dict[str, object]] = {}
    for fmt, (name, _f, with_graphs) in RDF_FILES.items():
        data = serialize(graph, fmt)
        (staging / name).write_bytes(data)
        count = len(graph.quads) if with_graphs else len(graph.triples())
        files[name] = {"sha256": _sha(data), "bytes": len(data),
                       ("quads" if with_graphs else "triples"): count}
        _maybe_fail(fail_after, name)
    for name, data in ontology_files().items():
        (staging / name).write_bytes(data)
        files[name] = {"sha256": _sha(data), "bytes": len(data),
                       "quads": len(ontology_quads())}
    return files


def ontology_files() -> dict[str, bytes]:
    """`ontology.trig`: the ontology and the vocabularies, each in its own
    named graph (apart from the data's graphs, one per fact file)."""
    quads = list(ontology_quads())
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes={**PREFIXES})
    assert trig is not None
    return {"ontology.trig": _SIGNATURE_LINE + trig}  # (N-Quads would be three times larger)


def _write_events(rows: list[Segments], staging: Path) -> dict[str, dict[str, object]]:
    """dist/events.csv, events.jsonl (the dyadic rows) and events.schema.json."""
    files: dict[str, dict[str, object]] = {}
    for name in EVENT_FILES:  # streamed to disk and hashed on the way: large at 1M triples
        with (staging / name).open("wb") as handle:
            hashing = _HashingWriter(handle)
            events.write_to(rows, events.serialization_for(Path(name)), hashing)
        files[name] = {"sha256": hashing.sha.hexdigest(), "bytes": hashing.size, "rows": len(rows)}
    schema = events.schema_bytes()
    (staging / events.SCHEMA_NAME).write_bytes(schema)
    files[events.SCHEMA_NAME] = {"sha256": _sha(schema), "bytes": len(schema)}
    return files


class _HashingWriter:
    """A binary handle that hashes and counts what goes through it."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle, self.sha, self.size = handle, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        self.size += len(data)
        return self.handle.write(data)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _maybe_fail(fail_after: str | None, name: str) -> None:
    if fail_after == name:
        raise RuntimeError(f"injected failure after writing {name}")


def check_export_target(fmt: ExportFormat, out: Path, *, protect: tuple[Path, ...] = ()) -> None:
    """Raise OutputError when `out` may not receive an export of `fmt` (see kg.outputs)."""
    if fmt is ExportFormat.CSV:
        claim_folder(out, protect=protect)
    elif fmt is ExportFormat.EVENTS:  # JSON Lines name the project's IRIs; CSV starts with its header
        claim_file(out, protect=protect, json_kind="https://w3id.org/tcdkg/",
                   header=",".join(events.COLUMNS).encode())
    else:
        claim_file(out, protect=protect, json_kind="https://w3id.org/tcdkg/" if fmt is ExportFormat.JSONLD else None)
