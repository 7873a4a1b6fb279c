"""The shipped checks run beside the SHACL shapes, on the store with derived-integer literals
aliased (`kg.validation.checks_see_aliases`): the findings are those of running the checks
first, on the data as mapped."""

from __future__ import annotations

import kg.validation
from kg.pipeline import compile_data
from kg.validation import validate

from .conftest import DATA, FIXTURES
from .synthetic import corpus

INVALID = FIXTURES / "invalid"


def _both(data, monkeypatch) -> tuple[list[str], list[str]]:
    def findings() -> list[str]:
        report = validate(compile_data(data, ordered=False))
        return [f"{f.location} {f.code} {f.message}" for f in report.findings]

    together = findings()
    monkeypatch.setattr(kg.validation, "checks_see_aliases", lambda _checks_dir: False)
    one_after_the_other = findings()
    monkeypatch.undo()
    return together, one_after_the_other


def test_every_invalid_fixture_gives_the_same_findings(monkeypatch):
    codes: set[str] = set()
    for case in sorted(p for p in INVALID.iterdir() if (p / "data").is_dir()):
        together, one_after_the_other = _both(case / "data", monkeypatch)
        assert together == one_after_the_other, case.name
        codes.update(f.split(" ")[1] for f in together)
    checks = {f"E5{n:02d}" for n in range(1, 11)} | {"W506"}
    assert len(codes & checks) >= 8, sorted(codes)  # the check fixtures did find something


def test_the_real_data_and_a_corpus_with_planted_errors(tmp_path, monkeypatch):
    together, one_after_the_other = _both(DATA, monkeypatch)
    assert together == one_after_the_other
    data, _injected = corpus(tmp_path, 10000, seed=5, errors=2)
    together, one_after_the_other = _both(data, monkeypatch)
    assert together == one_after_the_other
    assert {"E501", "E503", "E505", "E507", "E402"} <= {f.split(" ")[1] for f in together}
