"""Pinned answers of the named queries for the Consultative Meetings of the Heads of State of
Central Asia, I (Astana 2018) to VII (Tashkent 2025), over the real data/ (issue #17)."""

from __future__ import annotations

import pytest

from kg.query.local import LocalEngine, engine_for_data
from tests.conftest import DATA
from tests.named import rows

MEETING = "event:central-asia-consultative-meeting-{}"
FORMAT = "Consultative Meetings of the Heads of State of Central Asia"


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return engine_for_data(DATA)



def meetings(found: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Only the rows about a Consultative Meeting (other series may share a place)."""
    return [r for r in found if r[0].startswith(MEETING.format(""))]


def test_where_each_meeting_took_place(engine: LocalEngine) -> None:
    at = {place: meetings(rows(engine, "events-at", "event", "date", "location", place=place))
          for place in ("Astana", "Ташкент", "Avaza", "Чолпон-Ата", "Dushanbe")}
    assert at == {
        "Astana": [(MEETING.format(1), "2018-03-15", "place:astana"),
                   (MEETING.format(6), "2024-08-09", "place:astana")],
        "Ташкент": [(MEETING.format(2), "2019-11-29", "place:tashkent"),
                    (MEETING.format(7), "2025-11-16", "place:tashkent")],
        "Avaza": [(MEETING.format(3), "2021-08-06", "place:avaza")],
        "Чолпон-Ата": [(MEETING.format(4), "2022-07-21", "place:cholpon-ata")],
        "Dushanbe": [(MEETING.format(5), "2023-09-14", "place:dushanbe")],
    }
    assert meetings(rows(engine, "events-at", "event", place="Turkmenistan")) == [
        (MEETING.format(3),)]


def test_participants_of_the_first_meeting(engine: LocalEngine) -> None:
    assert rows(engine, "event-participants", "participant", "role", "on_behalf_of", "capacity",
                event="I Consultative Meeting of the Heads of State of Central Asia") == [
        ("person:akja-nurberdiyeva", "head-of-delegation", "state:turkmenistan",
         "post:turkmenistan-chairperson-of-the-mejlis"),
        ("person:emomali-rahmon", "head-of-delegation", "state:tajikistan",
         "post:tajikistan-president"),
        ("person:nursultan-nazarbayev", "host", "state:kazakhstan", "post:kazakhstan-president"),
        ("person:shavkat-mirziyoyev", "head-of-delegation", "state:uzbekistan",
         "post:uzbekistan-president"),
        ("person:sooronbay-jeenbekov", "head-of-delegation", "state:kyrgyzstan",
         "post:kyrgyzstan-president"),
    ]


def test_participants_of_the_second_meeting(engine: LocalEngine) -> None:
    found = rows(engine, "event-participants", "participant", "role", "capacity",
                 event="II Консультативная встреча глав государств Центральной Азии")
    assert ("person:nursultan-nazarbayev", "head-of-delegation",
            "post:kazakhstan-first-president") in found
    assert ("person:gurbanguly-berdimuhamedov", "head-of-delegation",
            "post:turkmenistan-president") in found
    assert len(found) == 5


def test_participants_of_the_third_meeting(engine: LocalEngine) -> None:
    assert rows(engine, "event-participants", "participant", "role", "on_behalf_of",
                event="III Consultative Meeting of the Heads of State of Central Asia") == [
        ("person:emomali-rahmon", "head-of-delegation", "state:tajikistan"),
        ("person:gurbanguly-berdimuhamedov", "chair", "state:turkmenistan"),
        ("person:kassym-jomart-tokayev", "head-of-delegation", "state:kazakhstan"),
        ("person:sadyr-japarov", "head-of-delegation", "state:kyrgyzstan"),
        ("person:shavkat-mirziyoyev", "head-of-delegation", "state:uzbekistan"),
    ]


def test_azerbaijan_guest_of_honour_then_full_participant(engine: LocalEngine) -> None:
    met = meetings(rows(engine, "meetings-between", "event", "other_role", actor="Mirziyoyev",
                        other="Ilham Aliyev"))
    assert sorted(set(met)) == [  # the chair of an event also meets as its chair: two rows
        (MEETING.format(5), "guest-of-honour"), (MEETING.format(6), "guest-of-honour"),
        (MEETING.format(7), "head-of-delegation")]
    seventh = rows(engine, "event-participants", "participant", "role",
                   event="VII Консультативная встреча глав государств Центральной Азии")
    assert ("person:shavkat-mirziyoyev", "chair") in seventh
    assert ("person:kakha-imnadze", "participant") in seventh
    assert len(seventh) == 7


def test_documents_of_the_fourth_and_fifth_meetings(engine: LocalEngine) -> None:
    assert rows(engine, "documents-of-event", "document", "relation", "status",
                event="IV Consultative Meeting of the Heads of State of Central Asia") == [
        ("document:central-asia-joint-statement-2022", "adoption", "adopted"),
        ("document:central-asia-multilateral-formats-interaction-concept", "adoption",
         "approved"),
        ("document:central-asia-regional-cooperation-roadmap-2022-2024", "adoption", "approved"),
        ("document:green-agenda-for-central-asia", "adoption", "approved"),
        ("document:central-asia-friendship-treaty", "signing", "signed"),
        ("document:decision-ifas-president-powers-extension-2022", "signing", "signed"),
    ]
    assert sorted(rows(engine, "documents-of-event", "document", "status",
                       event="V Консультативная встреча глав государств Центральной Азии")) == [
        ("document:central-asia-health-and-well-being-roadmap-2022-2025", "approved"),
        ("document:central-asia-joint-statement-2023", "adopted"),
        ("document:central-asia-land-transport-interconnectedness-agreement", "adopted"),
        ("document:central-asia-youth-policy-agreement", "adopted"),
        ("document:council-of-national-coordinators-regulations", "approved"),
    ]


def test_documents_of_the_second_and_third_meetings(engine: LocalEngine) -> None:
    assert sorted(rows(engine, "documents-of-event", "document", "status",
                       event="II Consultative Meeting of the Heads of State of Central Asia")) == [
        ("document:central-asia-consultative-meetings-procedures", "adopted"),
        ("document:central-asia-joint-statement-2019", "adopted"),
        ("document:decision-ifas-chairmanship-tajikistan-2020-2022", "approved"),
    ]
    assert rows(engine, "documents-of-event", "document", "status",
                event="III Consultative Meeting of the Heads of State of Central Asia") == [
        ("document:central-asia-joint-statement-2021", "expected")]


def test_friendship_treaty_signatories(engine: LocalEngine) -> None:
    treaty = "document:central-asia-friendship-treaty"
    for person, event, date in [("Japarov", MEETING.format(4), "2022-07-21"),
                                ("Токаев", MEETING.format(4), "2022-07-21"),
                                ("Mirziyoyev", MEETING.format(4), "2022-07-21"),
                                ("Рахмон", "event:rahmon-receives-nurtleu-2025-08-28",
                                 "2025-08-28")]:
        signed = rows(engine, "documents-signed-by", "document", "event", "date", "status",
                      person=person)
        assert (treaty, event, date, "signed") in signed, person
    assert [r for r in rows(engine, "documents-signed-by", "document",
                            person="Serdar Berdimuhamedov") if r[0] == treaty] == []


def test_rotating_chair_of_the_format(engine: LocalEngine) -> None:
    chairs = rows(engine, "chair-of", "chair", "status", "date_match", organization=FORMAT,
                  date="2023-01")
    assert ("state:tajikistan", "held", "certain") in chairs
    assert ("state:turkmenistan", "expected", "undated") in chairs


def test_disagreeing_dates_and_places_are_kept(engine: LocalEngine) -> None:
    assert meetings(rows(engine, "events-at", "event", "date", "contested", place="Tashkent")) == [
        (MEETING.format(2), "2019-11-29", "no"), (MEETING.format(7), "2025-11-16", "date")]
    assert meetings(rows(engine, "events-at", "event", "contested", place="Avaza")) == [
        (MEETING.format(3), "date, place")]
    values = rows(engine, "sources-of", "source", "field", "value", "rank",
                  entity="VII Consultative Meeting of the Heads of State of Central Asia")
    dated = sorted({r for r in values if r[1] == "date"})
    assert dated == [
        ("source:kg24-2025-seventh-meeting-on-16-november", "date", "2025-11-16", "preferred"),
        ("source:sputnik-uz-2025-11-14-seventh-meeting-announced", "date", "2025-11-15", "normal"),
        ("source:trend-2025-11-14-seventh-meeting-documents-expected", "date", "2025-11-15",
         "normal"),
        ("source:trend-2025-11-16-seventh-consultative-meeting", "date", "2025-11-16",
         "preferred"),
        ("source:turkmenistan-ru-2025-11-17-seventh-consultative-meeting", "date", "2025-11-16",
         "preferred"),
    ]
