"""Every invalid fixture makes `kg validate` print exactly its expected.txt, and nothing else.

Each case runs in-process from a scratch copy of its data tree (so printed paths are
`data/...` and the fixture itself can never be changed); `patch.ru` cases break the mapped
graph of the valid fixture with a SPARQL Update (see tests/fixtures/invalid/README.md).
"""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner, Result

import kg.mapping
from kg.cli import app
from kg.yamlio import MAX_FILE_BYTES

from .conftest import FIXTURES, VALID

INVALID = FIXTURES / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())
_SUMMARY = re.compile(r"(\d+) errors?, (\d+) warnings?")


def apply_patch(quads: list[ox.Quad], update: str) -> list[ox.Quad]:
    """The quads after a SPARQL Update (rdflib keeps datatypes such as xsd:positiveInteger)."""
    dataset = rdflib.Dataset()
    with warnings.catch_warnings():  # rdflib's own deprecations inside Dataset updates
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
        dataset.update(update)
        text = dataset.serialize(format="nquads").encode()
    return sorted(ox.parse(text, format=ox.RdfFormat.N_QUADS), key=str)


def prepare(case: Path, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy the case's data tree into workdir/data, patch the mapping if asked, chdir there."""
    shutil.copytree(case / "data" if (case / "data").is_dir() else VALID, workdir / "data")
    patch = case / "patch.ru"
    if patch.exists():
        update, original = patch.read_text(encoding="utf-8"), kg.mapping.map_records

        def patched(records, index, **options):  # type: ignore[no-untyped-def]
            built = original(records, index, **options)
            built.quads = apply_patch(built.quads, update)
            return built

        monkeypatch.setattr(kg.mapping, "map_records", patched)
    monkeypatch.chdir(workdir)


def run_case(name: str, workdir: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    prepare(INVALID / name, workdir, monkeypatch)
    return CliRunner().invoke(app, ["validate", *args])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def expected_lines(name: str) -> list[str]:
    return (INVALID / name / "expected.txt").read_text(encoding="utf-8").splitlines()


def expected_exit(lines: list[str]) -> int:
    match = _SUMMARY.fullmatch(lines[-1])
    assert match, f"expected.txt must end with the summary line, not {lines[-1]!r}"
    return 1 if int(match[1]) else 0


def test_there_are_enough_cases():
    assert len(CASES) >= 60
    for name in CASES:
        assert (INVALID / name / "expected.txt").is_file(), name
        assert (INVALID / name / "data").is_dir() != (INVALID / name / "patch.ru").is_file(), name


@pytest.mark.parametrize("name", CASES)
def test_case_prints_exactly_its_findings(name, tmp_path, monkeypatch):
    result = run_case(name, tmp_path, monkeypatch)
    before = snapshot(tmp_path)
    lines = expected_lines(name)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.output.splitlines() == lines
    assert result.exit_code == expected_exit(lines)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith(("shacl-", "graph-"))])
def test_shape_cases_with_pyshacl(name, tmp_path, monkeypatch):
    """pySHACL, the reference engine, gives the same findings as the default engine."""
    monkeypatch.setenv("KG_SHACL_ENGINE", "pyshacl")
    result = run_case(name, tmp_path, monkeypatch)
    assert result.output.splitlines() == expected_lines(name)


@pytest.mark.parametrize("name", CASES)
def test_case_as_json(name, tmp_path, monkeypatch):
    """The same findings as JSON, which parses; never a traceback (GitHub output: test_validate)."""
    lines = expected_lines(name)
    result = run_case(name, tmp_path, monkeypatch, "--format", "json")
    assert "Traceback" not in result.output
    assert result.exit_code == expected_exit(lines)
    payload = json.loads(result.output)
    shown = [f"{f['path']}:{f['line']}:{f['col']}: {f['severity']} {f['code']} {f['message']}"
             for f in payload["findings"]]
    assert shown == lines[:-1]
    assert (payload["errors"], payload["warnings"]) == tuple(
        int(n) for n in _SUMMARY.fullmatch(lines[-1]).groups())  # type: ignore[union-attr]


def test_oversized_file(tmp_path, monkeypatch):
    """Generated here rather than committed: a fact file over the 1 MiB cap."""
    shutil.copytree(VALID, tmp_path / "data")
    big = tmp_path / "data" / "persons" / "sadyr-japarov.yaml"
    filler = "note: " + "x" * MAX_FILE_BYTES + "\n"
    big.write_text("name:\n  en: Sadyr Japarov\n  ru: Садыр Жапаров\nsources: [example-news]\n"
                   + filler, encoding="utf-8")
    size = big.stat().st_size
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate"])
    assert result.output.splitlines() == [
        f"data/persons/sadyr-japarov.yaml:1:1: error E102 file is {size} bytes, over the "
        f"{MAX_FILE_BYTES} byte limit; split the record",
        "1 error, 0 warnings",
    ]
    assert result.exit_code == 1
