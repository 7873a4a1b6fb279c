"""`kg export --format events`: dyadic event data in the PLOVER style (docs/events.md)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from kg.cli import app
from kg.events import COLUMNS, Shape, event_rows, event_segments
from kg.events.write import csv_cell, schema, to_csv, to_jsonl
from kg.vocab import EventType

from .conftest import DATA, FIXTURES, VALID

ID = "https://w3id.org/tcdkg/id/"
VI_MEETING = ID + "event/central-asia-consultative-meeting-6"
BISHKEK = ID + "event/ots-heads-of-government-meeting-bishkek-2025"
EXTRA = FIXTURES / "events-extra"


@pytest.fixture(scope="module")
def real_rows():
    from kg.pipeline import compile_data

    graph = compile_data(DATA).graph
    return {shape: event_rows(graph, shape) for shape in Shape}


@pytest.fixture(scope="module")
def fixture_data(tmp_path_factory) -> Path:
    """The valid fixture plus a planned summit and a reception with an expected signing."""
    data = tmp_path_factory.mktemp("events") / "data"
    shutil.copytree(VALID, data)
    shutil.copytree(EXTRA, data, dirs_exist_ok=True)
    return data


@pytest.fixture(scope="module")
def fixture_rows(fixture_data):
    from kg.pipeline import compile_data

    return event_rows(compile_data(fixture_data).graph)


def _of(rows, event, kind=None):
    return [r for r in rows if r["event"] == event and (kind is None or r["row_kind"] == kind)]


def _short(iri):
    return None if iri is None else iri.removeprefix(ID)


def test_bishkek_gives_every_ordered_pair_of_its_six_participants(real_rows):
    pairs = _of(real_rows[Shape.DYAD], BISHKEK, "participation")
    assert len(pairs) == 6 * 5
    assert len({(r["actor"], r["recipient"]) for r in pairs}) == 30
    assert {(r["plover_type"], r["plover_mode"], r["cameo_root"], r["realized"]) for r in pairs} == {
        ("CONSULT", "multilateral", "04", True)}
    rollups = Counter((_short(r["actor_rollup"]), r["actor_rollup_basis"]) for r in pairs)
    assert rollups == {(f"state/{s}", "on-behalf-of"): 5 for s in
                       ("kazakhstan", "turkiye", "kyrgyzstan", "azerbaijan", "uzbekistan")} | {
        ("organization/organization-of-turkic-states", "on-behalf-of"): 5}
    bektenov = next(r for r in pairs if r["actor"] == ID + "person/olzhas-bektenov"
                    and r["recipient"] == ID + "person/cevdet-yilmaz")
    assert bektenov["actor_roles"] == ["speaker"]
    assert _short(bektenov["actor_capacity"]) == "post/kazakhstan-prime-minister"
    assert (bektenov["actor_rollup_label"], bektenov["recipient_rollup_label"]) == ("Kazakhstan", "Türkiye")
    assert (bektenov["place_label"], bektenov["place_state_label"]) == ("Bishkek", "Kyrgyzstan")
    assert (bektenov["date_earliest"], bektenov["date_latest"], bektenov["date_precision"]) == (
        "2025-09-18", "2025-09-18", "day")
    assert (bektenov["event_ordinal"], bektenov["event_status"]) == (1, "held")
    assert "https://report.az/ru/vneshnyaya-politika/v-bishkeke-nachalas-vstrecha-glav-pravitelstv-stran-otg" \
        in bektenov["source_urls"]
    assert bektenov["publishers"] == ["BAQ.KZ", "Report.az"]


def test_bishkek_intent_is_kept_apart_from_what_happened(real_rows):
    intents = _of(real_rows[Shape.DYAD], BISHKEK, "intent")
    assert [(_short(r["claims"][0]), r["status"], r["plover_type"], r["realized"]) for r in intents] == [
        ("event/ots-heads-of-government-meeting-bishkek-2025/intent/announced-participants",
         "planned", "AGREE", False),
        ("event/ots-heads-of-government-meeting-bishkek-2025/intent/joint-scientific-centres",
         "proposed", "AGREE", False)]


def test_vi_consultative_meeting(real_rows):
    rows = _of(real_rows[Shape.DYAD], VI_MEETING)
    # five presidents and two guests of honour: every ordered pair of the seven
    pairs = _of(rows, VI_MEETING, "participation")
    assert len(pairs) == 7 * 6
    tokayev = [r for r in pairs if _short(r["actor"]) == "person/kassym-jomart-tokayev"]
    assert len(tokayev) == 6
    assert {tuple(r["actor_roles"]) for r in tokayev} == {("chair", "speaker")}  # and the chair
    alone = tokayev[0]
    assert (_short(alone["actor_rollup"]), alone["actor_rollup_kind"]) == ("state/kazakhstan", "state")
    assert (alone["event_ordinal"], alone["event_format_label"]) == (
        6, "Consultative Meetings of the Heads of State of Central Asia")
    signings = {(_short(r["document"]), _short(r["actor_rollup"])): (r["plover_type"], r["cameo_code"],
                                                                      r["realized"])
                for r in _of(rows, VI_MEETING, "signing")}
    presidents = ("kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan")
    assert signings == {
        **{(f"document/{d}", f"state/{s}"): ("SUPPORT", "057", True) for s in presidents
           for d in ("central-asia-joint-statement-2024", "central-asia-2040-concept",
                     "decision-award-mirziyoyev-badge-of-honour")},
        # signed by unnamed members of the delegations: no actor is invented
        ("document/central-asia-transport-logistics-centres-memorandum", None): ("SUPPORT", "057", True),
        ("document/communique-first-meeting-energy-ministers-central-asia", None): ("SUPPORT", "057", True),
        ("document/astana-communique-transport-ministers-central-asia", None): ("SUPPORT", "057", True),
    }
    approvals = sorted((_short(r["document"]), r["status"], r["plover_type"]) for r in _of(rows, VI_MEETING, "adoption"))
    assert approvals == [
        ("document/central-asia-industrial-cooperation-action-plan-2025-2027", "approved", "SUPPORT"),
        ("document/central-asia-regional-cooperation-roadmap-2025-2027", "approved", "SUPPORT")]


def test_participant_shape_has_one_row_per_actor_with_the_event_as_recipient(real_rows):
    rows = _of(real_rows[Shape.PARTICIPANT], BISHKEK, "participation")
    assert len(rows) == 6
    assert {(r["recipient"], r["recipient_kind"]) for r in rows} == {(BISHKEK, "event")}
    assert len(_of(real_rows[Shape.PARTICIPANT], VI_MEETING, "signing")) == 3 * 5 + 3


def test_planned_event_and_expected_signing_are_never_done(fixture_rows):
    planned = _of(fixture_rows, ID + "event/example-planned-summit")
    assert {(r["row_kind"], r["event_status"], r["plover_type"], r["cameo_code"], r["realized"]) for r in planned} == {
        ("participation", "planned", "AGREE", "036", False), ("signing", "planned", "AGREE", None, False)}
    reception = _of(fixture_rows, ID + "event/example-reception")
    assert [(r["row_kind"], r["status"], r["plover_type"], r["plover_mode"], r["cameo_code"], r["realized"])
            for r in reception] == [
        ("participation", "attested", "CONSULT", "visit", "042", True),  # the Union visits
        ("participation", "attested", "CONSULT", "visit", "043", True),  # Tokayev hosts
        ("signing", "expected", "AGREE", None, None, False)]  # at a held event, still not done
    done = [r for r in fixture_rows if r["realized"]]
    assert all(r["event_status"] == "held" and r["status"] in {"attested", "signed", "adopted", "approved"}
               for r in done)


def test_every_row_validates_against_the_json_schema(real_rows, fixture_rows):
    validator = jsonschema.Draft202012Validator(schema())
    validator.check_schema(schema())
    assert list(schema()["properties"]) == list(COLUMNS)
    for rows in (*real_rows.values(), fixture_rows):
        for row in rows:
            validator.validate(row)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**real_rows[Shape.DYAD][0], "plover_type": "CONSULTED"})


def test_csv_rereads_to_the_same_rows_as_the_jsonl(real_rows):
    rows = real_rows[Shape.DYAD]
    from kg.pipeline import compile_data

    segments = event_segments(compile_data(DATA).graph)  # what the export writes
    assert to_jsonl(segments) == to_jsonl(rows) and to_csv(segments) == to_csv(rows)
    tricky = {**rows[0], "event_label": 'a "quoted", two-line\nlabel', "claims": [], "actor_label": "=1+2"}
    rows = [*rows, tricky]
    from_jsonl = [json.loads(line) for line in to_jsonl(rows).decode().splitlines()]
    assert from_jsonl == rows
    from_csv = list(csv.DictReader(io.StringIO(to_csv(rows).decode(), newline="")))
    assert [list(r) for r in from_csv[:1]] == [list(COLUMNS)]
    assert from_csv == [{c: csv_cell(r[c]) for c in COLUMNS} for r in from_jsonl]
    assert csv_cell(["a", "b"]) == "a | b" and csv_cell(None) == "" and csv_cell(False) == "false"
    assert csv_cell("=HYPERLINK()") == "'=HYPERLINK()"


def test_every_event_type_is_mapped_or_deliberately_untyped():
    from kg.events import plover

    known = plover.MULTILATERAL | plover.VISITS | plover.MEETINGS | plover.UNTYPED
    assert {t.value for t in EventType} - known == set()


def test_cli_writes_csv_or_jsonl_by_suffix(runner, fixture_data, tmp_path):
    for name in ("ev.csv", "ev.jsonl"):
        result = runner.invoke(app, ["export", "--format", "events", "--data", str(fixture_data),
                                     "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert result.output == f"wrote {tmp_path / name}\n"
    assert (tmp_path / "ev.csv").read_text().splitlines()[0] == ",".join(COLUMNS)
    lines = (tmp_path / "ev.jsonl").read_text().splitlines()
    assert len(lines) == len((tmp_path / "ev.csv").read_text().splitlines()) - 1
    result = runner.invoke(app, ["export", "--format", "events", "--events-shape", "participant",
                                 "--data", str(fixture_data)])
    assert result.exit_code == 0
    assert {json.loads(line)["recipient_kind"] for line in result.stdout.splitlines()} == {"event"}


@pytest.mark.parametrize(("args", "message"), [
    (["--out", "ev.txt"], "error: cannot tell the events serialization from 'ev.txt'; "
                          "give --out a name ending in .csv or .jsonl"),
    (["--events-shape", "pairs"], "error: unknown events shape 'pairs'; use one of: dyad, participant"),
])
def test_cli_refuses_bad_arguments(runner, args, message, tmp_path):
    result = runner.invoke(app, ["export", "--format", "events", "--data", str(VALID), *args])
    assert result.exit_code == 2
    assert message in result.output
    result = runner.invoke(app, ["export", "--format", "ttl", "--events-shape", "dyad", "--data", str(VALID)])
    assert result.exit_code == 2
    assert "error: --events-shape applies only to --format events" in result.output


def test_export_is_identical_across_hash_seeds(fixture_data, tmp_path):
    outs = []
    for seed in ("0", "777"):
        out = tmp_path / f"ev-{seed}.jsonl"
        subprocess.run([sys.executable, "-m", "kg", "export", "--format", "events", "--data", str(fixture_data),
                        "--out", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0]


def test_failed_export_leaves_the_previous_file(runner, fixture_data, tmp_path, monkeypatch):
    out = tmp_path / "ev.csv"
    out.write_text("previous\n")

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr("kg.atomic.os.replace", fail)
    result = runner.invoke(app, ["export", "--format", "events", "--data", str(fixture_data), "--out", str(out)])
    assert result.exit_code != 0
    assert out.read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ev.csv"]


def test_build_lists_the_event_files_in_the_manifest_and_void(tmp_path):
    from kg.builder import build

    dist = tmp_path / "dist"
    result = build(VALID, dist)
    files = result.manifest["files"]
    for name in ("events.csv", "events.jsonl"):
        assert files[name]["rows"] == len(event_rows(result.compiled.graph))  # type: ignore[index]
        assert f"<https://w3id.org/tcdkg/dataset/file/{name}>" in (dist / "void.ttl").read_text()
    assert json.loads((dist / "events.schema.json").read_text()) == schema()
    before = {p.name: p.read_bytes() for p in dist.iterdir() if p.is_file()}
    with pytest.raises(RuntimeError, match="injected failure"):
        build(VALID, dist, fail_after="events.jsonl")
    assert {p.name: p.read_bytes() for p in dist.iterdir() if p.is_file()} == before


@pytest.mark.parametrize(("actor", "other"), [("state/kazakhstan", "state/turkiye"),
                                              ("state/azerbaijan", "organization/organization-of-turkic-states")])
def test_dyads_per_pair_agree_with_meetings_between(real_rows, actor, other):
    """What the issue's check does: dyads rolled up to a pair, against `kg query meetings-between`
    (which finds an actor through onBehalfOf, not through the post of a capacity)."""
    from kg.query.catalog import load_catalog
    from kg.query.local import engine_for_data
    from kg.query.run import run_named

    answer = run_named(load_catalog()["meetings-between"], {"actor": actor, "other": other}, engine_for_data(DATA))
    column = answer.table.columns.index("event")
    via = [answer.table.columns.index(c) for c in ("actor_sub_event", "other_sub_event")]
    # a meeting found only through a sub-event (a reception during a visit) is that sub-event's dyad
    expected = {str(r[column]).strip("<>") for r in answer.table.rows if not any(r[i] for i in via)}
    ours = {r["event"] for r in real_rows[Shape.DYAD] if r["row_kind"] == "participation"
            and (_short(r["actor_rollup"]), _short(r["recipient_rollup"])) == (actor, other)
            and "capacity" not in (r["actor_rollup_basis"], r["recipient_rollup_basis"])}
    assert BISHKEK in ours
    assert ours == expected


def test_docs_describe_every_column_and_event_type():
    text = (DATA.parent / "docs" / "events.md").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"`{column}`" in text or (column.startswith("recipient_") and "`recipient_*`" in text), column
    for event_type in EventType:
        assert f"`{event_type.value}`" in text, event_type


def test_nothing_announced_in_the_real_data_is_typed_as_done(real_rows):
    for row in real_rows[Shape.DYAD] + real_rows[Shape.PARTICIPANT]:
        announced = row["event_status"] != "held" or row["status"] in {"expected", "planned", "proposed"}
        if announced:
            assert not row["realized"] and row["plover_type"] in {"AGREE", None}, row["claims"]
        if row["plover_type"] in {"CONSULT", "SUPPORT"}:
            assert row["realized"], row["claims"]
