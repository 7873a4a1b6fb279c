"""Pinned answers for the early summits of the Turkic Council (Nakhchivan 2009 to Baku 2019)."""

from __future__ import annotations

import pytest

from kg.query.local import LocalEngine, engine_for_data
from kg.query.run import run_named
from tests.conftest import DATA
from tests.named import CATALOG, rows


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return engine_for_data(DATA)



def test_participants_of_the_nakhchivan_summit(engine: LocalEngine) -> None:
    assert rows(engine, "event-participants", "participant", "role", "on_behalf_of", "capacity",
                event="9th Summit of the Heads of the Turkic Speaking States") == [
        ("person:abdullah-gul", "head-of-delegation", "state:turkiye", "post:turkiye-president"),
        ("person:hydyr-saparlyyev", "head-of-delegation", "state:turkmenistan",
         "post:turkmenistan-deputy-chairman-of-the-cabinet-of-ministers"),
        ("person:ilham-aliyev", "host", "state:azerbaijan", "post:azerbaijan-president"),
        ("person:kurmanbek-bakiyev", "head-of-delegation", "state:kyrgyzstan",
         "post:kyrgyzstan-president"),
        ("person:nursultan-nazarbayev", "head-of-delegation", "state:kazakhstan",
         "post:kazakhstan-president"),
    ]


def test_participants_of_the_cholpon_ata_summit_keep_an_expected_guest(
        engine: LocalEngine) -> None:
    assert rows(engine, "event-participants", "participant", "role", "status",
                event="VI саммит Совета сотрудничества тюркоязычных государств") == [
        ("person:gurbanguly-berdimuhamedov", "guest-of-honour", "expected"),
        ("person:ilham-aliyev", "head-of-delegation", "attested"),
        ("person:nursultan-nazarbayev", "head-of-delegation", "attested"),
        ("person:recep-tayyip-erdogan", "head-of-delegation", "attested"),
        ("person:shavkat-mirziyoyev", "guest-of-honour", "attested"),
        ("person:sooronbay-jeenbekov", "host", "attested"),
        ("person:viktor-orban", "guest-of-honour", "attested"),
    ]


def test_participants_of_the_baku_summit(engine: LocalEngine) -> None:
    found = rows(engine, "event-participants", "participant", "role", "on_behalf_of", "capacity",
                 event="7th Summit of the Cooperation Council of Turkic Speaking States")
    assert ("person:nursultan-nazarbayev", "head-of-delegation", "state:kazakhstan",
            "post:kazakhstan-first-president") in found
    assert ("person:viktor-orban", "observer", "state:hungary",
            "post:hungary-prime-minister") in found
    assert ("person:baghdad-amreyev", "speaker", "organization:organization-of-turkic-states",
            "post:ots-secretary-general") in found
    assert len(found) == 8


def test_documents_of_the_nakhchivan_and_cholpon_ata_summits(engine: LocalEngine) -> None:
    assert sorted(set(rows(engine, "documents-of-event", "document", "relation", "status",
                           event="9th Summit of the Heads of the Turkic Speaking States"))) == [
        ("document:nakhchivan-agreement", "signing", "signed"),
        ("document:nakhchivan-declaration", "signing", "signed"),
    ]
    assert sorted(set(rows(engine, "documents-of-event", "document", "relation", "status",
                           event="6th Summit of the Cooperation Council of Turkic Speaking "
                                 "States"))) == [
        ("document:cholpon-ata-declaration-2018", "signing", "signed"),
        ("document:concept-of-integration-of-turkic-speaking-states", "adoption", "adopted"),
        ("document:decision-appointment-turkic-council-secretary-general-2018", "signing",
         "signed"),
        ("document:decision-hungary-observer-status-2018", "signing", "signed"),
        ("document:joint-declaration-youth-and-national-sports-2018", "adoption", "adopted"),
        ("document:joint-statement-aitmatov-90th-anniversary", "adoption", "adopted"),
    ]


def test_who_signed_the_nakhchivan_agreement(engine: LocalEngine) -> None:
    signed = rows(engine, "documents-signed-by", "document", "date", "on_behalf_of",
                  person="Bakiyev")
    assert signed == [("document:nakhchivan-agreement", "2009-10-03", "state:kyrgyzstan")]


@pytest.mark.parametrize(("date", "chair"), [
    ("2011-03-01", "state:turkiye"),      # from the Istanbul summit of 2010
    ("2012-03-01", "state:kazakhstan"),   # from Almaty 2011 to Bishkek 2012
    ("2012-12-01", "state:kyrgyzstan"),   # from Bishkek, 2012-08-23
    ("2016-06-01", "state:kazakhstan"),   # Astana 2015 to Cholpon-Ata 2018
    ("2019-03-01", "state:kyrgyzstan"),   # Cholpon-Ata 2018 to Baku 2019
    ("2019-12-01", "state:azerbaijan"),   # from Baku, 2019-10-15
    ("2021-12-01", "state:turkiye"),      # from Istanbul, 2021-11-12
])
def test_chair_of_the_turkic_council(engine: LocalEngine, date: str, chair: str) -> None:
    assert rows(engine, "chair-of", "chair", "status", "date_match", organization="OTS",
                date=date) == [(chair, "held", "certain")]


def test_secretaries_general_by_date(engine: LocalEngine) -> None:
    def holders(date: str) -> list[tuple[str, ...]]:
        return [r[1:] for r in rows(engine, "office-holders", "post", "person", "date_match",
                                    organization="OTS", date=date)
                if r[0] == "post:ots-secretary-general"]
    assert holders("2012-06-01") == [("person:halil-akinci", "certain")]
    assert holders("2016-06-01") == [("person:ramil-hasanov", "certain")]
    assert holders("2020-06-01") == [("person:baghdad-amreyev", "certain")]


@pytest.mark.parametrize(("name", "date", "chair"), [
    ("Turkic Council", "2012-12-01", "state:kyrgyzstan"),
    ("Тюркский совет", "2019-03-01", "state:kyrgyzstan"),
    ("Cooperation Council of Turkic Speaking States", "2019-12-01", "state:azerbaijan"),
])
def test_the_former_names_resolve_to_the_ots(engine: LocalEngine, name: str, date: str,
                                             chair: str) -> None:
    answer = run_named(CATALOG["chair-of"], {"organization": name, "date": date}, engine)
    assert answer.parameters["organization"].endswith("/id/organization/organization-of-turkic-states")
    assert rows(engine, "chair-of", "chair", organization=name, date=date) == [(chair,)]


def test_a_contested_chairmanship_start_is_marked(engine: LocalEngine) -> None:
    assert rows(engine, "chair-of", "chair", "start", "contested", organization="OTS",
                date="2020-06-01") == [("state:azerbaijan", "2019-10-15", "start")]


def test_the_cholpon_ata_date_keeps_both_values(engine: LocalEngine) -> None:
    assert rows(engine, "events-at", "event", "date", "contested", place="Чолпон-Ата") == [
        ("event:ots-summit-cholpon-ata-2018", "2018-09-03", "date"),
        ("event:central-asia-consultative-meeting-4", "2022-07-21", "no")]
    values = {(r[0], r[1], r[2]) for r in rows(engine, "sources-of", "field", "value", "rank",
                                               entity="event/ots-summit-cholpon-ata-2018")
              if r[0] == "date"}
    assert values == {("date", "2018-09-03", "preferred"), ("date", "2018-09-02", "normal")}


def test_the_istanbul_summit_of_2010_keeps_the_15th(engine: LocalEngine) -> None:
    values = {(r[1], r[2], r[3]) for r in rows(
        engine, "sources-of", "source", "field", "value", "rank",
        entity="10th Summit of the Heads of the Turkic Speaking States") if r[1] == "date"}
    assert ("date", "2010-09-16", "preferred") in values
    assert ("date", "2010-09-15", "normal") in values
