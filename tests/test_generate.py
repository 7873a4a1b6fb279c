"""The synthetic corpus generator of bench/: deterministic, clean, and its planted errors found."""

from __future__ import annotations

import json

import pytest

from kg.cli import app
from kg.pipeline import compile_data
from kg.validation import validate

from .synthetic import corpus, generator


def _tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_byte_identical_trees(tmp_path):
    first, _ = corpus(tmp_path / "a", 5000, seed=7, errors=1)
    second, _ = corpus(tmp_path / "b", 5000, seed=7, errors=1)
    assert _tree(first.parent) == _tree(second.parent)
    other, _ = corpus(tmp_path / "c", 5000, seed=8, errors=1)
    assert _tree(other.parent) != _tree(first.parent)


def test_size_is_about_what_was_asked(tmp_path):
    data, _ = corpus(tmp_path, 20000, seed=1)
    triples = len(compile_data(data).graph.triples())
    assert 14000 < triples < 26000


def test_clean_corpus_has_no_findings_at_all(tmp_path):
    data, injected = corpus(tmp_path, 10000, seed=3)
    assert injected == []
    compiled = compile_data(data)
    assert compiled.report.findings == []
    assert validate(compiled).findings == []


def test_names_carry_turkic_letters_and_russian(tmp_path):
    texts, _ = generator().generate(10000, 1)
    text = "".join(texts.values())
    for letter in "İışğəöüçҚәүұ":
        assert letter in text, letter
    assert "ru: " in text and "date: 2024-" in text and "start: 20" in text


@pytest.mark.parametrize("seed", [1, 2])
def test_every_injected_error_is_reported_in_its_file(tmp_path, runner, seed):
    data, injected = corpus(tmp_path, 10000, seed=seed, errors=2)
    assert len(injected) == 2 * len(generator().KINDS)
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    found = {(f["path"], f["code"]) for f in findings}
    for error in injected:
        assert any(path.endswith(error["file"]) and code == error["code"]
                   for path, code in found), error
    planted = {error["file"] for error in injected}
    stray = [f for f in findings if not any(f["path"].endswith(p) for p in planted)]
    assert stray == []
