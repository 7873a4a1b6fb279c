"""Structure the schema cannot see: part_of cycles, repeated ids and sources, far dates (#10.3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import app

from .conftest import snapshot

EVENT = """\
name:
  en: {name}
  ru: {name}
type: summit
status: held
date: {date}
sources: [example-news]
"""


def _event(repo: Path, slug: str, extra: str = "", *, date: str = "2024-08-09", folder: str = "2024") -> Path:
    path = repo / "data" / "events" / folder / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(EVENT.format(name=slug.title(), date=date) + extra, encoding="utf-8")
    return path


def _validate(runner, repo: Path, *args: str) -> tuple[int, list[str]]:
    before = snapshot(repo)
    result = runner.invoke(app, ["validate", *args])
    assert snapshot(repo) == before
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


@pytest.mark.parametrize("changed_only", [False, True])
def test_an_event_part_of_itself_or_of_a_cycle(runner, repo, changed_only):
    _event(repo, "alpha", "part_of: beta\n")
    _event(repo, "beta", "part_of: gamma\n")
    _event(repo, "gamma", "part_of: alpha\n")
    _event(repo, "solo", "part_of: event/solo\n")
    args = ["--changed-only", "data/events/2024/alpha.yaml", "data/events/2024/solo.yaml"] if changed_only else []
    code, lines = _validate(runner, repo, *args)
    assert code == 1
    assert ("data/events/2024/alpha.yaml:8:1: error E510 'event/alpha' is `part_of` 'event/beta', which is "
            "itself, directly or through others, part of 'event/alpha': `part_of` cannot go round in a "
            "circle; remove the wrong `part_of`") in lines
    assert ("data/events/2024/solo.yaml:8:1: error E509 'event/solo' is `part_of` itself; a record cannot "
            "be a part of itself: remove the `part_of` or name the larger record it belongs to") in lines
    assert sum("E510" in line for line in lines) == (1 if changed_only else 3)


def test_a_place_in_a_cycle_of_part_of(runner, repo):
    for slug, parent in (("north", "south"), ("south", "north")):
        (repo / "data" / "places" / f"{slug}.yaml").write_text(
            f"name: {{en: {slug}, ru: {slug}}}\ntype: region\nstate: kazakhstan\nsources: [example-news]\n"
            f"part_of: {parent}\n", encoding="utf-8")
    code, lines = _validate(runner, repo)
    assert code == 1
    assert any(line.startswith("data/places/north.yaml:5:1: error E510 'place/north' is `part_of` 'place/south'")
               for line in lines), lines


def test_two_intents_with_one_id(runner, repo):
    intent = ("  - id: next-summit\n    statement: {{en: {text}}}\n    status: planned\n"
              "    sources: [example-news]\n")
    _event(repo, "plans", "intents:\n" + intent.format(text="A") + intent.format(text="B"))
    code, lines = _validate(runner, repo)
    assert code == 1
    assert ("data/events/2024/plans.yaml:13:9: error E306 intent id 'next-summit' is used twice in this "
            "file (lines 9 and 13): they would become one claim; give each its own id") in lines


def test_two_participations_with_one_key(runner, repo):
    part = "  - key: kz\n    participant: state/kazakhstan\n    sources: [example-news]\n"
    _event(repo, "meeting", "participants:\n" + part + part)
    code, lines = _validate(runner, repo)
    assert code == 1
    assert ("data/events/2024/meeting.yaml:12:10: error E306 participation key 'kz' is used twice in "
            "this file (lines 9 and 12): they would become one claim; give each its own key") in lines


def test_a_signing_dated_years_before_its_event(runner, repo):
    _event(repo, "late", "signings:\n  - document: example-roadmap\n    on_behalf_of: state/kazakhstan\n"
                         "    date: 2019-05-01\n    status: signed\n    sources: [example-news]\n")
    code, lines = _validate(runner, repo)
    assert code == 0, lines
    assert ("data/events/2024/late.yaml:11:11: warning W307 this signing is dated 2019-05-01, 5 years "
            "before its event (2024-08-09); check the date, or record the signing at the event where it "
            "happened") in lines


def test_an_event_in_the_wrong_year_folder(runner, repo):
    _event(repo, "moved", folder="2023")
    _event(repo, "dated", folder="undated", date="2024-05")
    code, lines = _validate(runner, repo)
    assert code == 0, lines
    assert ("data/events/2023/moved.yaml:1:1: warning W308 this file is in 2023/ but its date is "
            "2024-08-09; move it to data/events/2024/moved.yaml") in lines
    assert ("data/events/undated/dated.yaml:1:1: warning W308 this file is in undated/ but its date is "
            "2024-05; move it to data/events/2024/dated.yaml") in lines


def test_a_claim_citing_one_source_twice(runner, repo):
    _event(repo, "twice", "participants:\n  - participant: state/kazakhstan\n    sources:\n"
                          "      - example-news\n      - source: example-news\n        quote: Kazakhstan\n")
    code, lines = _validate(runner, repo)
    assert code == 0, lines
    assert ("data/events/2024/twice.yaml:12:9: warning W309 source 'example-news' is cited twice by this "
            "claim (lines 11 and 12); cite it once, with the quote that states the fact") in lines
