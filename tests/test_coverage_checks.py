"""Completeness warnings and dataset assertions beyond the exact-output fixtures
(tests/fixtures/invalid/coverage-*): a malformed assertions file, and the real data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

from .conftest import DATA, VALID


def _validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assertions: str) -> list[str]:
    shutil.copytree(VALID, tmp_path / "data")
    (tmp_path / "data" / "assertions.yaml").write_text(assertions, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate"])
    assert "Traceback" not in result.output
    return result.output.splitlines()


def test_an_unknown_measure_is_an_error_at_its_line(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _validate(tmp_path, monkeypatch, "assertions:\n  - id: x\n    count: summits\n"
                      "    min: 1\n")
    assert lines[0].startswith("data/assertions.yaml:3:12: error E602 'summits' is not a known "
                               "count value")
    assert lines[-1] == "1 error, 0 warnings"


def test_an_assertion_file_is_strict_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _validate(tmp_path, monkeypatch, "assertions:\n  - id: x\n    id: y\n")
    assert lines[0].startswith("data/assertions.yaml:3:5: error E1")
    assert lines[-1] == "1 error, 0 warnings"


def test_passing_assertions_are_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _validate(tmp_path, monkeypatch, "assertions:\n  - id: events\n    count: records\n"
                      "    kind: event\n    min: 1\n    max: 1\n")
    assert lines == ["0 errors, 0 warnings"]


def test_the_real_data_meets_its_assertions(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (DATA / "assertions.yaml").is_file()
    monkeypatch.chdir(DATA.parent)
    result = CliRunner().invoke(app, ["validate"])
    assert not [line for line in result.output.splitlines() if " E60" in line]
    assert result.exit_code == 0
