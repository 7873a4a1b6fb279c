"""Exports of the built graph: RDF serialisations, CSV tables, VoID and the manifest."""

from __future__ import annotations

import enum
import hashlib
import json
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.atomic import atomic_dir, write_bytes_atomic
from kg.csvexport import write_tables
from kg.graph import BuiltGraph
from kg.namespaces import PREFIXES, RECORD_PREFIXES
from kg.ontology import ontology_quads
from kg.void import void_description


class ExportFormat(enum.StrEnum):
    TTL = "ttl"
    TRIG = "trig"
    NT = "nt"
    NQ = "nq"
    JSONLD = "jsonld"
    CSV = "csv"


#: format -> (file name in dist/, pyoxigraph format, whether it keeps the named graphs)
RDF_FILES: dict[ExportFormat, tuple[str, ox.RdfFormat, bool]] = {
    ExportFormat.TTL: ("tcdkg.ttl", ox.RdfFormat.TURTLE, False),
    ExportFormat.TRIG: ("tcdkg.trig", ox.RdfFormat.TRIG, True),
    ExportFormat.NQ: ("tcdkg.nq", ox.RdfFormat.N_QUADS, True),
    ExportFormat.NT: ("tcdkg.nt", ox.RdfFormat.N_TRIPLES, False),
    ExportFormat.JSONLD: ("tcdkg.jsonld", ox.RdfFormat.JSON_LD, True),
}


def serialize(graph: BuiltGraph, fmt: ExportFormat) -> bytes:
    """One RDF serialisation of the graph, byte-identical for the same input."""
    _name, rdf_format, with_graphs = RDF_FILES[fmt]
    data = graph.quads if with_graphs else graph.triples()
    if rdf_format is ox.RdfFormat.JSON_LD:  # grouped by graph: one top-level object per graph
        data = sorted(graph.quads, key=lambda q: (str(q.graph_name), str(q)))
    prefixes = {**PREFIXES, **RECORD_PREFIXES} if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    out = ox.serialize(data, format=rdf_format, prefixes=prefixes)
    assert out is not None
    return out


def export_one(graph: BuiltGraph, fmt: ExportFormat, out: Path) -> None:
    """Write one export to `out` atomically (a file, or a folder for CSV)."""
    if fmt is ExportFormat.CSV:
        with atomic_dir(out) as staging:
            write_tables(graph, staging)
        return
    write_bytes_atomic(out, serialize(graph, fmt))


def export_all(graph: BuiltGraph, out_dir: Path, *, fail_after: str | None = None) -> dict[str, object]:
    """Write every export into `out_dir` atomically; the manifest is written last.

    `fail_after` names a file after which to raise, so tests can prove atomicity.
    """
    with atomic_dir(out_dir) as staging:
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
        for name, rows in write_tables(graph, staging / "csv").items():
            data = (staging / "csv" / name).read_bytes()
            files[f"csv/{name}"] = {"sha256": _sha(data), "bytes": len(data), "rows": rows}
        void = void_description(graph, sorted(files))
        (staging / "void.ttl").write_bytes(void)
        files["void.ttl"] = {"sha256": _sha(void), "bytes": len(void)}
        _maybe_fail(fail_after, "void.ttl")
        manifest = {
            "name": "tcdkg",
            "version": __version__,
            "triples": len(graph.triples()),
            "quads": len(graph.quads),
            "graphs": len(graph.graph_files),
            "files": dict(sorted(files.items())),
        }
        text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        (staging / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


def ontology_files() -> dict[str, bytes]:
    """`ontology.nq` and `ontology.trig`: the ontology and the vocabularies, each in its own
    named graph (apart from the data's graphs, one per fact file)."""
    quads = list(ontology_quads())
    trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes={**PREFIXES})
    nq = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    assert trig is not None and nq is not None
    return {"ontology.nq": nq, "ontology.trig": trig}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _maybe_fail(fail_after: str | None, name: str) -> None:
    if fail_after == name:
        raise RuntimeError(f"injected failure after writing {name}")
