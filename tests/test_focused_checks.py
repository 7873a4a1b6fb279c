"""A check's focused variant (NAME.focused.rq, used by `--changed-only`) finds exactly the rows
of the check itself, file by file, on a generated corpus with planted errors."""

from __future__ import annotations

import shutil
from collections import defaultdict

import pyoxigraph as ox
import pytest

from kg.pipeline import compile_data
from kg.query.values import first_brace, values_rows
from kg.validation.checks import ChecksError, load_checks, solutions
from kg.validation.fast import load_store

from .conftest import ROOT
from .synthetic import corpus

CHECKS = ROOT / "queries" / "checks"


def _rows(store: ox.Store, query: str, focus: list[str] | None = None) -> list[tuple[str, ...]]:
    if focus is not None:
        at = first_brace(query) + 1
        query = f"{query[:at]} {values_rows('focus', [ox.NamedNode(i) for i in focus])} {query[at:]}"
    variables, rows = solutions(store, query)
    return sorted(tuple(str(row[v]) for v in sorted(variables)) for row in rows)


TCD = "https://w3id.org/tcdkg/ontology#"


@pytest.mark.parametrize("dropped", [0, 2], ids=["as generated", "half the posts dropped"])
def test_focused_variants_find_the_rows_of_their_checks(tmp_path, dropped):
    """With every other holder and capacity dropped, signatories keep a post in one way, the
    other, both or neither: every way a post covers a signing is exercised."""
    data, _injected = corpus(tmp_path, 10000, seed=13, errors=2)
    compiled = compile_data(data)
    gone: set[ox.Quad] = set()
    for predicate in ("holder", "capacity") if dropped else ():
        gone.update([q for q in compiled.graph.quads if q.predicate.value == TCD + predicate][::dropped])
    store = load_store([q for q in compiled.graph.quads if q not in gone])  # as the cache fills it
    subjects: dict[str, set[str]] = defaultdict(set)
    for quad in compiled.graph.quads:
        if isinstance(quad.subject, ox.NamedNode):
            subjects[quad.graph_name.value].add(quad.subject.value)  # type: ignore[union-attr]
    variants = [c for c in load_checks() if c.focused is not None]
    assert [c.code for c in variants] == ["E501"]
    for check in variants:
        everywhere = _rows(store, check.query)
        assert len(everywhere) >= (2 if not dropped else 15), "the planted errors are found"
        assert _rows(store, check.focused) == everywhere  # type: ignore[arg-type]
        found = []
        for focus in subjects.values():
            found += _rows(store, check.focused, sorted(focus))  # type: ignore[arg-type]
        assert sorted(found) == everywhere


def _checks_copy(tmp_path):
    folder = tmp_path / "checks"
    shutil.copytree(CHECKS, folder)
    return folder


def test_a_focused_variant_without_its_check_is_refused(tmp_path):
    folder = _checks_copy(tmp_path)
    (folder / "signatory-without-post.rq").rename(folder / "renamed.rq")
    with pytest.raises(ChecksError, match=r"signatory-without-post\.focused\.rq: a focused variant "
                                          r"needs its check, signatory-without-post\.rq, beside it"):
        load_checks(folder)


def test_a_focused_variant_selects_what_its_check_selects(tmp_path):
    folder = _checks_copy(tmp_path)
    variant = folder / "signatory-without-post.focused.rq"
    variant.write_text(variant.read_text(encoding="utf-8").replace(
        "SELECT ?focus (tcd:signatory AS ?path) ?signatory ?date",
        "SELECT ?focus (tcd:signatory AS ?path) ?date ?signatory"), encoding="utf-8")
    with pytest.raises(ChecksError, match="must select the same variables, in the same order, as "
                                          r"signatory-without-post\.rq"):
        load_checks(folder)
