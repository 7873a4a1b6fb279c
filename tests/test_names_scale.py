"""Names that never guess wrong (#11.1, #17.8): weak matches are refused with candidates,
events are named by what describes them (place, year, ordinal, format, type)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.model.kinds import Kind
from kg.namespaces import ID
from kg.query.catalog import ACTOR
from kg.query.names import Entity, Label, ResolutionError, resolve
from kg.query.tokens import roman, words
from tests.conftest import VALID
from tests.test_names import FakeLookup

EVENT = frozenset({Kind.EVENT})
OTS_SUMMIT = ("Organization of Turkic States", "OTS", "ОТГ", "summit", "саммит",
              "Council of Heads of State of the Organization of Turkic States")


def event(slug: str, date: str, en: str, ru: str, *context: str, parents: tuple[str, ...] = (),
          ) -> Entity:
    return Entity(f"{ID}event/{slug}", Kind.EVENT, slug,
                  tuple(sorted([Label(en, "en", True), Label(ru, "ru", True)])), date,
                  (date[:4], *context), parents)


EVENTS = [
    event("ots-summit-bishkek-2012", "2012-08-23", "Second Summit of the Turkic Council",
          "Второй саммит Тюркского совета", "Bishkek", "Бишкек", "Kyrgyzstan", "2", *OTS_SUMMIT),
    event("ots-summit-bishkek-2024", "2024-11-06", "Informal Summit of the OTS in Bishkek",
          "Неформальный саммит ОТГ в Бишкеке", "Bishkek", "Бишкек", "11", *OTS_SUMMIT),
    event("japarov-reception-2024", "2024-11-06", "Reception for the heads of state at the "
          "Bishkek summit", "Приём в честь глав государств", "Bishkek", "reception",
          parents=(f"{ID}event/ots-summit-bishkek-2024",)),
    event("ots-summit-astana-2023", "2023-11-03", "10th Meeting of the Council of Heads of State",
          "10-е заседание Совета глав государств ОТГ", "Astana", "10", *OTS_SUMMIT),
    event("ots-hog-bishkek-2025", "2025-09-18", "Meeting of Heads of Government in Bishkek",
          "Встреча глав правительств в Бишкеке", "Bishkek", "heads of government meeting"),
    event("central-asia-consultative-meeting-6", "2024-08-09", "VI Consultative Meeting of the "
          "Heads of State of Central Asia", "VI Консультативная встреча глав государств "
          "Центральной Азии", "Astana", "6", "summit"),
]
LOOKUP = FakeLookup(EVENTS)


def test_numerals_are_written_one_way() -> None:
    assert words("XI саммит ОТГ") == words("11th саммит ОТГ") == words("11-й саммит ОТГ") \
        == ("11", "samit", "otg")
    assert words("Eleventh summit")[0] == words("xi summit")[0] == "11"
    assert words("и в Бишкеке")[0] == "i"  # a lone lower-case i is a Russian word, not 1
    assert roman(11) == "XI" and roman(49) == "XLIX"


@pytest.mark.parametrize("name", ["Bishkek summit 2024", "11th OTS summit", "XI саммит ОТГ",
                                  "eleventh OTS summit", "Саммит ОТГ в Бишкеке 2024",
                                  "Informal Summit of the OTS in Bishkek"])
def test_a_specific_name_resolves_an_edition(name: str) -> None:
    assert resolve(name, EVENT, LOOKUP).slug == "ots-summit-bishkek-2024"


@pytest.mark.parametrize(("name", "slug"), [
    ("2nd Turkic Council summit", "ots-summit-bishkek-2012"),
    ("Bishkek 2012", "ots-summit-bishkek-2012"),
    ("VI Consultative Meeting", "central-asia-consultative-meeting-6"),
    ("6th Central Asia consultative meeting", "central-asia-consultative-meeting-6"),
    ("Astana 2023", "ots-summit-astana-2023"),
    ("саммит в Астане 2023", "ots-summit-astana-2023"),  # a Russian case ending
])
def test_editions_by_ordinal_place_and_year(name: str, slug: str) -> None:
    assert resolve(name, EVENT, LOOKUP).slug == slug


def test_inflected_forms() -> None:
    from kg.query.match import inflected

    assert inflected("astane", "astana") and inflected("bishkeke", "bishkek")
    assert not inflected("austria", "australia") and not inflected("2023", "2024")
    assert not inflected("kazan", "kazah")


def test_a_city_alone_is_ambiguous_and_lists_dates() -> None:
    with pytest.raises(ResolutionError) as caught:
        resolve("Bishkek", EVENT, LOOKUP, "parameter 'event'")
    assert str(caught.value) == (
        "parameter 'event' 'Bishkek' is ambiguous; give kind/slug or a more specific name of one "
        "of:\n"
        "  event/ots-summit-bishkek-2012  2012-08-23  Second Summit of the Turkic Council | "
        "Второй саммит Тюркского совета\n"
        "  event/japarov-reception-2024  2024-11-06  Reception for the heads of state at the "
        "Bishkek summit | Приём в честь глав государств\n"
        "  event/ots-summit-bishkek-2024  2024-11-06  Informal Summit of the OTS in Bishkek | "
        "Неформальный саммит ОТГ в Бишкеке\n"
        "  event/ots-hog-bishkek-2025  2025-09-18  Meeting of Heads of Government in Bishkek | "
        "Встреча глав правительств в Бишкеке")


def test_a_wrong_detail_is_refused_with_candidates() -> None:
    with pytest.raises(ResolutionError) as caught:
        resolve("Bishkek summit 2030", EVENT, LOOKUP, "parameter 'event'")
    message = str(caught.value)
    assert message.startswith("parameter 'event': no event is named 'Bishkek summit 2030'; "
                              "closest (give kind/slug or the full name):\n")
    assert "event/ots-summit-bishkek-2024  2024-11-06" in message


ACTORS = FakeLookup([
    Entity(f"{ID}organization/news-central-asia", Kind.ORGANIZATION, "news-central-asia",
           (Label("News Central Asia", "en", True), Label("nCa", "en", False))),
    Entity(f"{ID}organization/organization-of-turkic-states", Kind.ORGANIZATION,
           "organization-of-turkic-states", (Label("Organization of Turkic States", "en", True),
                                             Label("Turkic Council", "en", False))),
    Entity(f"{ID}state/kazakhstan", Kind.STATE, "kazakhstan", (Label("Kazakhstan", "en", True),)),
])


@pytest.mark.parametrize("name", ["Central Asia", "Turkic States", "Turkic", "News"])
def test_part_of_a_longer_name_never_resolves(name: str) -> None:
    with pytest.raises(ResolutionError, match=f"^parameter 'actor': no organization or person or "
                       f"state is named '{name}'; closest"):
        resolve(name, ACTOR, ACTORS, "parameter 'actor'")


@pytest.mark.parametrize(("name", "slug"), [
    ("Turkic Council", "organization-of-turkic-states"),  # a former name
    ("Organisation of Turkic States", "organization-of-turkic-states"),  # a spelling variant
    ("States of Turkic Organization", "organization-of-turkic-states"),  # the same words
    ("News Central Asia", "news-central-asia"), ("nca", "news-central-asia"),
])
def test_whole_names_resolve(name: str, slug: str) -> None:
    assert resolve(name, ACTOR, ACTORS).slug == slug


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture plus a news agency whose name contains 'Central Asia'."""
    folder = tmp_path_factory.mktemp("names") / "data"
    shutil.copytree(VALID, folder)
    (folder / "organizations" / "news-central-asia.yaml").write_text(
        "name: {en: News Central Asia, ru: News Central Asia}\ntype: news-publisher\n"
        "sources: [example-news]\n", encoding="utf-8")
    return folder


def test_cli_refuses_a_weak_name_with_candidates(news: Path) -> None:
    result = CliRunner().invoke(app, ["query", "events-of", "-p", "actor=Central Asia",
                                      "--format", "csv", "--data", str(news)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: parameter 'actor': no organization or person or state is named 'Central Asia'; "
        "closest (give kind/slug or the full name):\n"
        "  organization/news-central-asia  News Central Asia\n")


def test_cli_prints_the_chosen_entity_on_stderr_only(news: Path) -> None:
    result = CliRunner().invoke(app, ["query", "event-participants", "-p", "event=Astana 2024",
                                      "--format", "csv", "--data", str(news)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "event = event/example-summit (1st Example Union summit)\n"
    assert result.stdout.startswith("participant,")
