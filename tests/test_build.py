"""`kg build` end to end: golden RDF, exports that re-parse, determinism, atomic writes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.builder import build
from kg.cli import app
from kg.errors import DataError
from kg.export import RDF_FILES, ExportFormat, serialize

from .conftest import ROOT, VALID

GOLDEN = ROOT / "tests" / "golden" / "valid.nq"


def _tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _quads(data: bytes, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(data, format=fmt))


def test_golden_graph_is_isomorphic(valid_compiled):
    built = set(valid_compiled.graph.quads)
    if os.environ.get("KG_REGEN_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(serialize(valid_compiled.graph, ExportFormat.NQ))
    golden = _quads(GOLDEN.read_bytes(), ox.RdfFormat.N_QUADS)
    # No blank nodes anywhere, so isomorphism is equality of the quad sets.
    assert not any(isinstance(t, ox.BlankNode) for q in built for t in (q.subject, q.object))
    missing, extra = golden - built, built - golden
    assert not missing and not extra, (
        "graph differs from tests/golden/valid.nq (KG_REGEN_GOLDEN=1 regenerates it)\n"
        + "\n".join(f"- {q}" for q in sorted(map(str, missing))[:20])
        + "\n" + "\n".join(f"+ {q}" for q in sorted(map(str, extra))[:20]))


@pytest.mark.parametrize("fmt", list(RDF_FILES), ids=lambda f: f.value)
def test_every_export_reparses_to_the_built_graph(valid_compiled, fmt):
    _name, rdf_format, with_graphs = RDF_FILES[fmt]
    graph = valid_compiled.graph
    parsed = _quads(serialize(graph, fmt), rdf_format)
    if with_graphs:
        assert parsed == set(graph.quads)
    else:
        assert {q.triple for q in parsed} == set(graph.triples())
        assert all(q.graph_name == ox.DefaultGraph() for q in parsed)


def test_build_writes_every_file_and_a_manifest_last(tmp_path):
    result = build(VALID, tmp_path / "dist")
    files = _tree_hashes(tmp_path / "dist")
    expected = {"tcdkg.ttl", "tcdkg.trig", "tcdkg.nq", "tcdkg.nt", "tcdkg.jsonld", "void.ttl",
                "manifest.json", "csv/participation.csv", "csv/signing.csv", "csv/person.csv"}
    assert expected <= set(files)
    listed = result.manifest["files"]
    for name, meta in listed.items():  # type: ignore[union-attr]
        assert files[name] == meta["sha256"], name
    assert result.manifest["triples"] == len(set(result.compiled.graph.triples()))


def test_build_is_byte_identical_across_hash_seeds(tmp_path):
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"dist-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg", "build", "--data", str(VALID), "--out", str(out)],
                       check=True, env=env, capture_output=True, cwd=tmp_path)
        outs.append(_tree_hashes(out))
    assert outs[0] == outs[1]


@pytest.mark.parametrize("fail_after", ["tcdkg.ttl", "tcdkg.nq", "void.ttl"])
def test_failed_build_leaves_previous_dist_untouched(tmp_path, fail_after):
    dist = tmp_path / "dist"
    build(VALID, dist)
    before = _tree_hashes(dist)
    with pytest.raises(RuntimeError, match="injected failure"):
        build(VALID, dist, fail_after=fail_after)
    assert _tree_hashes(dist) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_data_errors_export_nothing(tmp_path, runner):
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(VALID), str(data)], check=True)
    (data / "persons" / "kassym-jomart-tokayev.yaml").write_text(
        "name: {en: Tokayev, ru: Токаев}\nsources: [no-such-source]\n", encoding="utf-8")
    dist = tmp_path / "dist"
    build(VALID, dist)
    before = _tree_hashes(dist)
    with pytest.raises(DataError):
        build(data, dist)
    assert _tree_hashes(dist) == before
    result = runner.invoke(app, ["build", "--data", str(data), "--out", str(dist)])
    assert result.exit_code == 1
    assert "E301 unknown source 'no-such-source'" in result.output
    assert _tree_hashes(dist) == before


def test_errors_found_only_by_validation_export_nothing(tmp_path, monkeypatch):
    """The exports prepared in a forked child beside validation are dropped, unwritten, when
    validation (not loading) finds an error: no staging folder, no --out."""
    from kg import export

    started = []
    beside = export.exports_beside

    def counted(graph):
        started.append(True)
        return beside(graph)

    monkeypatch.setattr("kg.builder.exports_beside", counted)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DataError, match="1 error"):
        build(ROOT / "tests" / "fixtures" / "invalid" / "check-part-of-self" / "data", out / "dist")
    assert started  # the child was started (the data loaded and mapped without errors)
    assert list(out.iterdir()) == []


def test_csv_cells_cannot_run_as_formulas():
    from kg.csvexport import safe_cell

    assert [safe_cell(c) for c in ["=SUM(A1)", "+1", "-2", "@x", "ok", "\tx"]] == [
        "'=SUM(A1)", "'+1", "'-2", "'@x", "ok", "'\tx"]


def test_real_data_builds_with_zero_findings(tmp_path):
    from .conftest import DATA

    result = build(DATA, tmp_path / "dist")
    assert [str(f) for f in result.report.sorted()] == []
    assert result.kinds()["event"] >= 10


def test_ontology_and_vocabularies_ship_as_their_own_graphs(tmp_path):
    result = build(VALID, tmp_path / "dist")
    quads = list(ox.parse((tmp_path / "dist" / "ontology.trig").read_bytes(),
                          format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in quads}  # type: ignore[union-attr]
    assert graphs == {"https://w3id.org/tcdkg/graph/ontology",
                      "https://w3id.org/tcdkg/graph/vocabularies"}
    held = ox.NamedNode("https://w3id.org/tcdkg/vocab/event-status/held")
    assert ox.Literal("состоялось", language="ru") in {q.object for q in quads if q.subject == held}
    data_graphs = {q.graph_name for q in result.compiled.graph.quads}
    assert not data_graphs & {q.graph_name for q in quads}  # never mixed into the data graphs
    assert result.manifest["files"]["ontology.trig"]["quads"] == len(quads)  # type: ignore[index]
    void = (tmp_path / "dist" / "void.ttl").read_text(encoding="utf-8")
    assert "dataset/file/ontology.trig" in void


def test_dist_has_normal_file_modes(tmp_path):
    old = os.umask(0o022)
    try:
        build(VALID, tmp_path / "dist")
        export_one_file = tmp_path / "one.ttl"
        from kg.export import ExportFormat, export_one

        export_one(build(VALID, tmp_path / "dist").compiled.graph, ExportFormat.TTL,
                   export_one_file)
    finally:
        os.umask(old)
    dist = tmp_path / "dist"
    assert (dist.stat().st_mode & 0o777) == 0o755
    for path in dist.rglob("*"):
        want = 0o755 if path.is_dir() else 0o644
        assert (path.stat().st_mode & 0o777) == want, path
    assert (export_one_file.stat().st_mode & 0o777) == 0o644


def test_jsonld_has_one_top_level_object_per_named_graph(tmp_path):
    import json

    result = build(VALID, tmp_path / "dist")
    document = json.loads((tmp_path / "dist" / "tcdkg.jsonld").read_text(encoding="utf-8"))
    graphs = sorted(item["@id"] for item in document)
    assert graphs == sorted(result.compiled.graph.graph_files)
    assert all(set(item) == {"@id", "@graph"} for item in document)
