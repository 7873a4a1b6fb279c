"""The reference and structure checks run in a forked child beside the mapping on large folders
(`kg.pipeline.FORK_RECORDS`): the findings are those of running them in place."""

from __future__ import annotations

import pytest

import kg.pipeline
from kg.pipeline import compile_data

from .conftest import FIXTURES
from .synthetic import corpus

INVALID = FIXTURES / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if (p / "data").is_dir())


def _findings(data, monkeypatch, *, fork: bool) -> list[str]:
    monkeypatch.setattr(kg.pipeline, "FORK_RECORDS", 0 if fork else 10**9)
    compiled = compile_data(data, ordered=False)
    return [f"{f.location} {f.code} {f.message}" for f in compiled.report.findings]


def test_forked_checks_find_what_checks_in_place_find(monkeypatch):
    """Every invalid fixture: the same findings, in the same order."""
    codes: set[str] = set()
    for case in CASES:
        data = INVALID / case / "data"
        in_place = _findings(data, monkeypatch, fork=False)
        assert _findings(data, monkeypatch, fork=True) == in_place, case
        codes.update(f.split(" ")[1] for f in in_place)
    assert {"E301", "E302", "E303", "E305"} <= codes


def test_forked_checks_on_a_corpus_with_planted_errors(tmp_path, monkeypatch):
    data, _injected = corpus(tmp_path, 10000, seed=3, errors=2)
    moved = sorted((data / "events").glob("2*/*.yaml"))[0]  # a structure finding (W308)
    (data / "events" / "undated").mkdir(exist_ok=True)
    moved.rename(data / "events" / "undated" / moved.name)
    in_place = _findings(data, monkeypatch, fork=False)
    assert any(" E301 " in f for f in in_place)  # the planted unknown references
    assert any(" W308 " in f for f in in_place)
    assert _findings(data, monkeypatch, fork=True) == in_place


def test_the_forked_checks_are_used_at_the_threshold(tmp_path, monkeypatch):
    """At FORK_RECORDS records the checks run in a child (a second process): their findings
    still arrive, and a failure there is raised here."""
    data, _ = corpus(tmp_path, 5000, seed=4, errors=1)
    calls: list[int] = []
    real = kg.pipeline.forked

    def spy(work):
        calls.append(1)
        return real(work)

    monkeypatch.setattr(kg.pipeline, "forked", spy)
    monkeypatch.setattr(kg.pipeline, "FORK_RECORDS", 1)
    assert compile_data(data, ordered=False).report.errors
    assert calls == [1]

    def broken(_loaded, _index):
        raise RuntimeError("the checks failed in the child")

    monkeypatch.setattr(kg.pipeline, "_record_findings", broken)
    with pytest.raises(RuntimeError, match="failed in the child"):
        compile_data(data, ordered=False)
