"""Disagreeing sources, former names, Wikidata ids and the treaty lifecycle (issue #17) on the
small data folder tests/fixtures/coverage/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad
from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import compile_data
from kg.query.local import LocalEngine, engine_for_data

from .conftest import FIXTURES
from .named import rows

COVERAGE = FIXTURES / "coverage"
ID = "https://w3id.org/tcdkg/id/"
TCD = "https://w3id.org/tcdkg/ontology#"
SUMMIT_2010 = "event:example-summit-2010"


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return engine_for_data(COVERAGE)



def test_the_fixture_validates_cleanly(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--data", str(COVERAGE)])
    assert result.output.splitlines()[-1] == "0 errors, 0 warnings"
    assert result.exit_code == 0


def test_events_at_returns_the_preferred_date_marked_contested(engine: LocalEngine) -> None:
    assert rows(engine, "events-at", "event", "date", "contested", place="Bishkek") == [
        (SUMMIT_2010, "2010-09-16", "date")]
    assert rows(engine, "events-at", "event", "contested", place="Astana") == [
        ("event:example-summit", "ordinal"), ("event:example-summit-reception", "no")]


def test_sources_of_lists_every_value_preferred_first(engine: LocalEngine) -> None:
    values = [r for r in rows(engine, "sources-of", "field", "value", "rank", "source", "relation",
                              "quote", entity="example-summit-2010") if r[0]]
    assert values == [
        ("date", "2010-09-16", "preferred", "source:example-official", "value",
         "16 September 2010, Bishkek"),
        ("date", "2010-09-15", "normal", "source:example-encyclopedia", "value",
         "15 September 2010"),
        ("status", "attested", "preferred", "source:example-official", "value of participation",
         "Tokayev attended"),
        ("status", "expected", "normal", "source:example-news", "value of participation",
         "Tokayev is expected to attend"),
    ]


def test_chair_of_marks_a_contested_start_and_a_contested_hand_over_date(
        engine: LocalEngine) -> None:
    assert rows(engine, "chair-of", "chair", "start", "contested", "date_match",
                organization="Example Union", date="2024-09") == [
        ("state:kazakhstan", "2024-08-09", "start", "certain")]
    assert rows(engine, "chair-of", "chair", "started_at", "contested", "date_match",
                organization="Example Union", date="2011-01-01") == [
        ("state:kyrgyzstan", SUMMIT_2010, "started_at date", "certain")]


def test_events_of_and_timeline_mark_the_event_and_the_claim(engine: LocalEngine) -> None:
    assert rows(engine, "events-of", "event", "participation_status", "contested",
                actor="Tokayev") == [
        (SUMMIT_2010, "attested", "date; participation status"),
        ("event:example-summit", "attested", "ordinal")]
    timeline = rows(engine, "timeline", "kind", "item", "contested", actor="Tokayev")
    assert timeline[0] == ("event", SUMMIT_2010, "date; claim status")
    assert ("signing", "document:example-treaty", "no") in timeline


@pytest.mark.parametrize("name", ["Example Council", "CCES", "Примерный совет",
                                  "Cooperation Council of Example States", "Example Union"])
def test_former_names_resolve_to_the_same_organization(engine: LocalEngine, name: str) -> None:
    assert rows(engine, "chair-of", "chair", organization=name, date="2019-03-01") == [
        ("state:kyrgyzstan",)]


def test_a_former_place_name_resolves(engine: LocalEngine) -> None:
    assert rows(engine, "events-at", "event", place="Frunze") == [(SUMMIT_2010,)]


def _quads(subject: str) -> set[tuple[str, str, str]]:
    built = compile_data(COVERAGE).graph
    return {(q.subject.value, q.predicate.value, str(q.object)) for q in built.quads
            if isinstance(q, Quad) and q.subject.value == subject}


def test_value_statements_in_rdf() -> None:
    event = f"{ID}event/example-summit-2010"
    other = _quads(f"{event}/value/date/2")
    edtf = NamedNode("http://id.loc.gov/datatypes/edtf/EDTF")
    assert other == {
        (f"{event}/value/date/2", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", f"<{TCD}Claim>"),
        (f"{event}/value/date/2", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
         f"<{TCD}ValueStatement>"),
        (f"{event}/value/date/2", f"{TCD}statementOf", f"<{event}>"),
        (f"{event}/value/date/2", f"{TCD}statedProperty", f"<{TCD}date>"),
        (f"{event}/value/date/2", f"{TCD}value", str(Literal("2010-09-15", datatype=edtf))),
        (f"{event}/value/date/2", f"{TCD}rank", "<https://w3id.org/tcdkg/vocab/rank/normal>"),
        (f"{event}/value/date/2", "http://www.w3.org/2004/02/skos/core#note",
         '"The encyclopedia gives the day before."'),
        (f"{event}/value/date/2", "http://www.w3.org/ns/prov#wasDerivedFrom",
         f"<{ID}source/example-encyclopedia>"),
        (f"{event}/value/date/2", "http://www.w3.org/ns/prov#qualifiedDerivation",
         f"<{event}/value/date/2/derivation/example-encyclopedia>"),
    }
    preferred = _quads(f"{event}/value/date/1")
    assert (f"{event}/value/date/1", f"{TCD}rankReason",
            '"The organization\'s own list of summits gives 16 September."') in preferred
    assert (event, f"{TCD}contested", '"date"') in _quads(event)
    ordinal = _quads(f"{ID}event/example-summit/value/ordinal/2")
    assert (f"{ID}event/example-summit/value/ordinal/2", f"{TCD}value",
            '"1"^^<http://www.w3.org/2001/XMLSchema#positiveInteger>') in ordinal


def test_wikidata_and_treaty_lifecycle_in_rdf() -> None:
    union = _quads(f"{ID}organization/example-union")
    assert (f"{ID}organization/example-union", "http://www.w3.org/2004/02/skos/core#exactMatch",
            "<http://www.wikidata.org/entity/Q4115189>") in union
    ratification = _quads(f"{ID}document/example-treaty/ratification/kazakhstan")
    assert (f"{ID}document/example-treaty/ratification/kazakhstan", f"{TCD}ratifyingParty",
            f"<{ID}state/kazakhstan>") in ratification
    assert (f"{ID}document/example-treaty/ratification/kazakhstan", f"{TCD}status",
            "<https://w3id.org/tcdkg/vocab/ratification-status/ratified>") in ratification
    in_force = _quads(f"{ID}document/example-treaty/entry-into-force/kazakhstan")
    assert (f"{ID}document/example-treaty/entry-into-force/kazakhstan", f"{TCD}status",
            "<https://w3id.org/tcdkg/vocab/entry-into-force-status/in-force>") in in_force


# ----------------------------------------------------------------------------- invalid input

def _validate_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str, old: str,
                   new: str) -> list[str]:
    shutil.copytree(COVERAGE, tmp_path / "data")
    file = tmp_path / "data" / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate"])
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    return result.output.splitlines()


EVENT = "events/2010/example-summit-2010.yaml"


@pytest.mark.parametrize(("path", "old", "new", "expected"), [
    (EVENT, "contested:\n  date:", "contested:\n  host:",
     "data/events/2010/example-summit-2010.yaml:13:3: error E220 `host` cannot be contested on "
     "an event; contestable fields: date, start, end, place, ordinal, status, chair, format, type"),
    (EVENT, 'date: "2010-09-16"\n', "",
     "data/events/2010/example-summit-2010.yaml:12:3: error E221 contested `date` has no "
     "preferred value: write the preferred value in `date:` and the other values under "
     "`contested.date.others`"),
    (EVENT, '- value: "2010-09-15"', '- value: "2010-15-09"',
     "data/events/2010/example-summit-2010.yaml:19:16: error E222 other value of contested "
     "`date` '2010-15-09' is not a valid `date`: '2010-15-09' has no month 15; months run 01 to "
     "12; write it as `date:` itself would be written"),
    (EVENT, '- value: "2010-09-15"', '- value: "2010-09-16"',
     "data/events/2010/example-summit-2010.yaml:19:16: error E223 other value of contested "
     "`date` '2010-09-16' is the preferred value itself; list under `others` only values that "
     "differ from `date:`"),
    (EVENT, "- value: expected", "- value: absent",
     "data/events/2010/example-summit-2010.yaml:37:20: error E222 other value of contested "
     "`status` 'absent' is not a valid `status`: Input should be 'attested' or 'expected'; "
     "write it as `status:` itself would be written"),
    ("events/2024/example-summit.yaml", "- value: 1\n", "- value: first\n",
     "data/events/2024/example-summit.yaml:19:16: error E222 other value of contested `ordinal` "
     "'first' is not a valid `ordinal`: Input should be a valid integer; write it as `ordinal:` "
     "itself would be written"),
    (EVENT, "    reason: The organization's own list of summits gives 16 September.\n", "",
     "data/events/2010/example-summit-2010.yaml:14:5: error E202 missing required field 'reason'"),
    ("organizations/example-union.yaml",
     'identifiers_source:\n  source: example-encyclopedia\n  quote: "Wikidata item Q4115189"\n',
     "",
     "data/organizations/example-union.yaml:7:11: error E224 wikidata 'Q4115189' has no source: "
     "add `identifiers_source:` citing the page that shows the id, or quote the id in one of "
     "`sources`"),
    ("organizations/example-union.yaml", "wikidata: Q4115189", "wikidata: Q-12",
     "data/organizations/example-union.yaml:7:11: error E203 'wikidata' must be a Wikidata item id, "
     "Q followed by digits (Q4115189), not 'Q-12'"),
])
def test_bad_contested_values_and_identifiers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              path: str, old: str, new: str,
                                              expected: str) -> None:
    lines = _validate_with(tmp_path, monkeypatch, path, old, new)
    assert lines == [expected, "1 error, 0 warnings"]


# ------------------------------------------------------------------ sub-event participation

RECEPTION = "event:example-summit-reception"


def test_meetings_between_counts_a_sub_event(engine: LocalEngine) -> None:
    assert rows(engine, "meetings-between", "event", "actor_role", "actor_sub_event",
                "other_role", "other_sub_event", actor="Tokayev", other="Kyrgyzstan") == [
        ("event:example-summit", "head-of-delegation", "", "guest-of-honour", RECEPTION)]
    assert rows(engine, "meetings-between", "event", "actor_sub_event", "other_sub_event",
                actor="Kyrgyzstan", other="Tokayev") == [
        ("event:example-summit", RECEPTION, "")]


def test_events_of_counts_a_sub_event(engine: LocalEngine) -> None:
    assert rows(engine, "events-of", "event", "role", "sub_event", actor="Kyrgyzstan") == [
        ("event:example-summit", "guest-of-honour", RECEPTION),
        (RECEPTION, "guest-of-honour", "")]
