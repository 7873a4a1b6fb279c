"""No input crashes the loader: arbitrary text and arbitrary YAML trees become findings."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.load import load_file
from kg.model import KIND_MODELS, Kind
from kg.yamlio import parse_text

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                     st.sampled_from(["2024-02-30", "kazakhstan", "person/x", "en", "summit"]))
_keys = st.one_of(st.text(max_size=12), st.sampled_from(
    ["name", "sources", "type", "status", "date", "participants", "posts", "en", "ru", "post",
     "participant", "role", "quote", "source", "title", "period", "start", "members"]))
_trees = st.recursive(_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=5)), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_or_yields_findings(text):
    document = parse_text(text, "f.yaml")
    assert document.ok or document.findings


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(KIND_MODELS)), _trees)
def test_any_yaml_tree_loads_or_yields_located_findings(kind: Kind, tree):
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "x.yaml"
        file.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
        record, findings = load_file(file, kind)
    assert record is not None or findings
    for finding in findings:
        assert finding.location.line >= 1 and finding.code[0] in "EW"
