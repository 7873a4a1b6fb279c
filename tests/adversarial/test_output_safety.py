"""Every command that writes replaces only what kg wrote before: never a user's files (#10.1)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from kg.cli import app

from ..conftest import VALID


def _snapshot(root: Path) -> dict[str, str]:
    """Every file below `root` (hidden ones too) with the SHA-256 of its content."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A checkout-like folder: data/, docs/ with a user's file, and notes.txt; cwd is its root."""
    shutil.copytree(VALID, tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# my notes\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("do not lose me\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _refused(runner, repo: Path, args: list[str], message: str) -> None:
    before = _snapshot(repo)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines()[-1] == f"error: {message}"
    assert _snapshot(repo) == before


def test_build_into_the_data_folder_is_refused(runner, repo):
    _refused(runner, repo, ["build", "--out", "data"],
             "--out data overlaps the input folder data; choose an output folder outside it (e.g. --out dist)")


def test_build_into_the_repository_root_is_refused(runner, repo):
    _refused(runner, repo, ["build", "--out", "."],
             "--out . overlaps the input folder data; choose an output folder outside it (e.g. --out dist)")


def test_build_into_a_folder_of_the_users_is_refused(runner, repo):
    _refused(runner, repo, ["build", "--out", "docs"],
             "--out docs is a folder kg did not write (it has no .tcdkg-output marker and no kg manifest.json) "
             "and is not empty; nothing was written. Choose a new or empty folder, or remove it yourself "
             "if it is disposable")


def test_build_onto_a_file_is_refused(runner, repo):
    _refused(runner, repo, ["build", "--out", "notes.txt"],
             "--out notes.txt is a file, not a folder; nothing was written. Choose a new or empty folder "
             "(e.g. --out dist)")


def test_build_replaces_its_own_earlier_output_and_empty_folders(runner, repo):
    (repo / "empty").mkdir()
    assert runner.invoke(app, ["build", "--out", "empty"]).exit_code == 0
    assert json.loads((repo / "empty" / ".tcdkg-output").read_text()) == {"kind": "dist", "written_by": "kg"}
    assert runner.invoke(app, ["build", "--out", "empty"]).exit_code == 0
    assert (repo / "empty" / "manifest.json").is_file()


def test_a_build_from_before_the_marker_is_recognised_by_its_manifest(runner, repo):
    assert runner.invoke(app, ["build", "--out", "dist"]).exit_code == 0
    (repo / "dist" / ".tcdkg-output").unlink()
    result = runner.invoke(app, ["build", "--out", "dist"])
    assert result.exit_code == 0, result.output


def test_export_onto_a_users_file_is_refused(runner, repo):
    (repo / "notes.csv").write_text("mine,yours\n", encoding="utf-8")
    _refused(runner, repo, ["export", "--format", "events", "--out", "notes.csv"],
             "--out notes.csv exists and is not an export written by kg; nothing was written. "
             "Choose a new file name, or remove the file yourself if it is disposable")
    for fmt in ("ttl", "nt", "jsonld"):
        _refused(runner, repo, ["export", "--format", fmt, "--out", "notes.txt"],
                 "--out notes.txt exists and is not an export written by kg; nothing was written. "
                 "Choose a new file name, or remove the file yourself if it is disposable")


def test_export_into_the_data_folder_is_refused(runner, repo):
    _refused(runner, repo, ["export", "--format", "ttl", "--out", "data/graph.ttl"],
             "--out data/graph.ttl is inside the input folder data; write the export outside it")


def test_export_onto_a_folder_is_refused(runner, repo):
    _refused(runner, repo, ["export", "--format", "ttl", "--out", "docs"],
             "--out docs is a folder; give a file name (e.g. --out docs/tcdkg.ttl)")


def test_csv_export_into_a_users_folder_is_refused(runner, repo):
    _refused(runner, repo, ["export", "--format", "csv", "--out", "docs"],
             "--out docs is a folder kg did not write (it has no .tcdkg-output marker and no kg manifest.json) "
             "and is not empty; nothing was written. Choose a new or empty folder, or remove it yourself "
             "if it is disposable")


@pytest.mark.parametrize(("fmt", "out"), [("ttl", "graph.ttl"), ("trig", "graph.trig"), ("nt", "graph.nt"),
                                          ("nq", "graph.nq"), ("jsonld", "graph.jsonld"), ("csv", "tables"),
                                          ("events", "events.csv"), ("events", "events.jsonl")])
def test_export_twice_replaces_its_own_output(runner, repo, fmt, out):
    for _ in range(2):
        result = runner.invoke(app, ["export", "--format", fmt, "--out", out])
        assert result.exit_code == 0, result.output


def test_schema_never_replaces_a_users_file(runner, repo):
    (repo / "schemas").mkdir()
    (repo / "schemas" / "person.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    _refused(runner, repo, ["schema", "--out", "schemas"],
             "--out schemas/person.schema.json exists and is not an export written by kg; nothing was "
             "written. Choose a new file name, or remove the file yourself if it is disposable")
    _refused(runner, repo, ["schema", "--out", "notes.txt"],
             "--out notes.txt is a file, not a folder; nothing was written")


def test_schema_twice_replaces_its_own_files_and_keeps_others(runner, repo):
    (repo / "schemas").mkdir()
    (repo / "schemas" / "README.md").write_text("mine\n", encoding="utf-8")
    for _ in range(2):
        assert runner.invoke(app, ["schema", "--out", "schemas"]).exit_code == 0
    assert (repo / "schemas" / "README.md").read_text() == "mine\n"
