"""Pinned answers over the real data for the OTS summits of 2020–2025 (issue #17)."""

from __future__ import annotations

import pytest

from kg.query.local import LocalEngine, engine_for_data
from tests.conftest import DATA
from tests.named import rows

OTS = "organization:organization-of-turkic-states"
GABALA = "event:ots-summit-gabala-2025"


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return engine_for_data(DATA)


def test_participants_of_the_gabala_summit(engine: LocalEngine) -> None:
    assert rows(engine, "event-participants", "participant", "role", "on_behalf_of", "capacity",
                event="12th OTS summit") == [
        ("person:ersin-tatar", "observer", "state:turkish-republic-of-northern-cyprus",
         "post:turkish-republic-of-northern-cyprus-president"),
        ("person:gurbanguly-berdimuhamedov", "observer", "state:turkmenistan",
         "post:turkmenistan-chairman-of-the-halk-maslakhaty"),
        ("person:ilham-aliyev", "host", "state:azerbaijan", "post:azerbaijan-president"),
        ("person:kassym-jomart-tokayev", "head-of-delegation", "state:kazakhstan",
         "post:kazakhstan-president"),
        ("person:kubanychbek-omuraliev", "speaker", OTS, "post:ots-secretary-general"),
        ("person:recep-tayyip-erdogan", "head-of-delegation", "state:turkiye",
         "post:turkiye-president"),
        ("person:sadyr-japarov", "head-of-delegation", "state:kyrgyzstan",
         "post:kyrgyzstan-president"),
        ("person:shavkat-mirziyoyev", "head-of-delegation", "state:uzbekistan",
         "post:uzbekistan-president"),
        ("person:viktor-orban", "observer", "state:hungary", "post:hungary-prime-minister"),
    ]


def test_participants_of_the_shusha_informal_summit_in_russian(engine: LocalEngine) -> None:
    found = rows(engine, "event-participants", "participant", "role", "capacity",
                 event="Неформальный саммит глав государств ОТГ (Шуша, 2024)")
    assert ("person:cevdet-yilmaz", "head-of-delegation", "post:turkiye-vice-president") in found
    assert ("person:ilham-aliyev", "host", "post:azerbaijan-president") in found
    assert len(found) == 8
    assert "person:recep-tayyip-erdogan" not in {r[0] for r in found}


def test_documents_of_the_istanbul_and_bishkek_summits(engine: LocalEngine) -> None:
    assert rows(engine, "documents-of-event", "document", "relation", "status",
                event="event/ots-summit-istanbul-2021") == [
        ("document:turkic-world-vision-2040", "adoption", "adopted"),
        ("document:turkic-world-vision-2040", "approval", "approved"),
        ("document:istanbul-declaration-2021", "signing", "signed"),
    ]
    bishkek = rows(engine, "documents-of-event", "document", "relation", "status",
                   event="XI саммит ОТГ")
    assert ("document:charter-of-the-turkic-world", "adoption", "adopted") in bishkek
    assert ("document:bishkek-declaration-2024", "signing", "signed") in bishkek
    assert ("document:turkic-green-vision", "adoption", "adopted") in bishkek


@pytest.mark.parametrize(("organization", "date", "chair"), [
    ("OTS", "2022-03-01", "state:turkiye"),
    ("ОТГ", "2022-12-01", "state:uzbekistan"),
    ("OTS", "2025-03-01", "state:kyrgyzstan"),
    ("Организация тюркских государств", "2025-12-01", "state:azerbaijan"),
])
def test_chair_of_the_ots(engine: LocalEngine, organization: str, date: str, chair: str) -> None:
    assert rows(engine, "chair-of", "chair", "status", organization=organization, date=date) == [
        (chair, "held")]


def test_summits_orban_and_tatar_both_attended(engine: LocalEngine) -> None:
    assert [r[0] for r in rows(engine, "meetings-between", "event", actor="Orbán",
                               other="Эрсин Татар")] == [
        "event:ots-extraordinary-summit-ankara-2023", "event:ots-informal-summit-shusha-2024",
        "event:ots-summit-bishkek-2024", GABALA]


def test_samarkand_ordinal_and_date_are_contested(engine: LocalEngine) -> None:
    samarkand = "event:ots-summit-samarkand-2022"
    assert rows(engine, "events-at", "event", "date", "contested", place="Самарканд") == [
        (samarkand, "2022-11-11", "date, ordinal")]
    values = sorted({r for r in rows(engine, "sources-of", "field", "value", "rank",
                                     entity="ots-summit-samarkand-2022") if r[0]})
    assert values == [("date", "2022-10-11", "normal"), ("date", "2022-11-11", "preferred"),
                      ("ordinal", "1", "normal"), ("ordinal", "9", "preferred")]
