"""The build-side commands in-process: build, export, stats, schema."""

from __future__ import annotations

import json

import pyoxigraph as ox

from kg.cli import app

from .conftest import VALID


def test_build_prints_a_summary(runner, tmp_path):
    result = runner.invoke(app, ["build", "--data", str(VALID), "--out", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("loaded 9 fact files: 1 document, 1 event, 1 format, 2 organization, "
                        "1 person, 1 place, 1 source, 1 state")
    assert lines[1].endswith("triples in 9 named graphs; 0 errors, 0 warnings")
    assert lines[2] == f"wrote 26 files to {tmp_path / 'd'}/"


def test_missing_data_folder_exits_2(runner, tmp_path):
    result = runner.invoke(app, ["build", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert f"error: data folder '{tmp_path / 'nope'}' does not exist; pass --data DIR" in result.output


def test_export_turtle_to_stdout_parses(runner):
    result = runner.invoke(app, ["export", "--format", "ttl", "--data", str(VALID)])
    assert result.exit_code == 0
    triples = list(ox.parse(result.stdout.encode(), format=ox.RdfFormat.TURTLE))
    assert len(triples) > 100


def test_export_unknown_format_exits_2(runner):
    result = runner.invoke(app, ["export", "--format", "xml", "--data", str(VALID)])
    assert result.exit_code == 2
    assert "error: unknown format 'xml'; use one of: ttl, trig, nt, nq, jsonld, csv" in result.output


def test_stats_counts_classes(runner):
    result = runner.invoke(app, ["stats", "--json", "--data", str(VALID)])
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["classes"]["Person"] == 1
    assert stats["classes"]["Signing"] == 1
    assert stats["coverage"]["Event"] == {"records": 1, "with en and ru labels": 1, "dated": 1}


def test_schema_is_generated_from_the_models(runner):
    result = runner.invoke(app, ["schema", "event"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$id"] == "https://w3id.org/tcdkg/schema/event.schema.json"
    assert {"name", "sources", "type", "status"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def test_schema_unknown_kind_exits_2(runner):
    result = runner.invoke(app, ["schema", "meeting"])
    assert result.exit_code == 2
    assert "unknown record kind 'meeting'" in result.output
