"""The answers of every named query over the real data/, pinned for the seed articles' facts."""

from __future__ import annotations

import pytest

from kg.query.local import LocalEngine, engine_for_data
from kg.query.render import cell
from kg.query.run import run_named
from tests.conftest import DATA
from tests.named import CATALOG, ask, rows

VI_MEETING = "event:central-asia-consultative-meeting-6"
BISHKEK = "event:ots-heads-of-government-meeting-bishkek-2025"
ASTANA_SUMMIT = "event:ots-summit-astana-2023"
OTS = "organization:organization-of-turkic-states"
FORUM_STATES = ["state:azerbaijan", "state:hungary", "state:kazakhstan", "state:kyrgyzstan",
                "state:turkish-republic-of-northern-cyprus", "state:turkiye",
                "state:turkmenistan", "state:uzbekistan"]


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return engine_for_data(DATA)




def test_documents_tokayev_signed(engine: LocalEngine) -> None:
    signed = rows(engine, "documents-signed-by", "document", "event", "date", "status",
                  "on_behalf_of", person="Токаев")
    assert [r for r in signed if r[1] == VI_MEETING] == [
        ("document:central-asia-2040-concept", VI_MEETING, "2024-08-09", "signed",
         "state:kazakhstan"),
        ("document:central-asia-joint-statement-2024", VI_MEETING, "2024-08-09", "signed",
         "state:kazakhstan"),
        ("document:decision-award-mirziyoyev-badge-of-honour", VI_MEETING, "2024-08-09",
         "signed", "state:kazakhstan"),
    ]
    assert ("document:budapest-declaration-2025", "event:ots-informal-summit-budapest-2025",
            "2025-05-21", "signed", "state:kazakhstan") in signed
    assert ("document:garabagh-declaration-2024", "event:ots-informal-summit-shusha-2024",
            "2024-07-06", "signed", "state:kazakhstan") in signed
    table = ask(engine, "documents-signed-by", person="Tokayev").table
    joint = [r[table.columns.index("document_label")] for r in table.rows
             if cell(r[table.columns.index("document")], compact=True)
             == "document:central-asia-joint-statement-2024"]
    assert joint[0].value.startswith("Joint Statement of the Heads of State of Central Asia")  # type: ignore[union-attr]


def test_documents_of_the_vi_consultative_meeting(engine: LocalEngine) -> None:
    joint = "document:central-asia-joint-statement-2024"
    plan = "document:central-asia-industrial-cooperation-action-plan-2025-2027"
    roadmap = "document:central-asia-regional-cooperation-roadmap-2025-2027"
    assert rows(engine, "documents-of-event", "document", "relation", "status", "approved_by",
                event="VI Консультативная встреча глав государств Центральной Азии") == [
        (plan, "adoption", "approved", ""),
        (roadmap, "adoption", "approved", ""),
        (plan, "approval", "approved", joint),
        (roadmap, "approval", "approved", joint),
        ("document:astana-communique-transport-ministers-central-asia", "signing", "signed", ""),
        ("document:central-asia-2040-concept", "signing", "signed", ""),
        (joint, "signing", "signed", ""),
        ("document:central-asia-transport-logistics-centres-memorandum", "signing", "signed", ""),
        ("document:communique-first-meeting-energy-ministers-central-asia", "signing", "signed",
         ""),
        ("document:decision-award-mirziyoyev-badge-of-honour", "signing", "signed", ""),
    ]


def test_documents_of_the_10th_ots_summit_announced_then_reported_signed(engine: LocalEngine) -> None:
    assert rows(engine, "documents-of-event", "document", "relation", "status",
                event="Astana Summit") == [
        ("document:astana-act", "signing", "signed"),
        ("document:declaration-of-the-astana-summit", "signing", "signed"),
        ("document:ots-transport-communication-programme-action-plan", "signing", "signed"),
    ]


def test_participants_of_the_heads_of_government_meeting_in_bishkek(engine: LocalEngine) -> None:
    assert rows(engine, "event-participants", "participant", "role", "on_behalf_of", "capacity",
                "status", event=BISHKEK.replace(":", "/")) == [
        ("person:abdulla-aripov", "participant", "state:uzbekistan",
         "post:uzbekistan-prime-minister", "attested"),
        ("person:adylbek-kasymaliev", "participant", "state:kyrgyzstan",
         "post:kyrgyzstan-chairman-of-the-cabinet-of-ministers", "attested"),
        ("person:ali-asadov", "participant", "state:azerbaijan", "post:azerbaijan-prime-minister",
         "attested"),
        ("person:cevdet-yilmaz", "participant", "state:turkiye", "post:turkiye-vice-president",
         "attested"),
        ("person:kubanychbek-omuraliev", "participant", OTS, "post:ots-secretary-general",
         "attested"),
        ("person:olzhas-bektenov", "speaker", "state:kazakhstan", "post:kazakhstan-prime-minister",
         "attested"),
    ]


def test_ngo_forum_participants_are_the_ots_members_and_observers(engine: LocalEngine) -> None:
    participants = rows(engine, "event-participants", "participant", "status",
                        event="Форум солидарности НПО стран-членов ОТГ")
    assert participants == [(state, "attested") for state in FORUM_STATES]
    members = rows(engine, "members-of", "member", "role", "start", "date_match", organization="ОТГ",
                   date="2025-11-24")
    assert members == [
        ("state:azerbaijan", "member", "2009", "certain"),
        ("state:kazakhstan", "member", "2009", "certain"),
        ("state:kyrgyzstan", "member", "2009", "certain"),
        ("state:turkiye", "member", "2009", "certain"),
        ("state:uzbekistan", "member", "2019-10", "certain"),
        ("state:hungary", "observer", "2018-09", "certain"),
        ("state:turkish-republic-of-northern-cyprus", "observer", "2022-11-11", "certain"),
        ("state:turkmenistan", "observer", "2021-11-12", "certain"),
    ]
    assert sorted(m[0] for m in members) == FORUM_STATES
    everything = rows(engine, "members-of", "member", "attested", "date_match", organization="OTS")
    assert ("state:azerbaijan", "2024-02-06", "") in everything and len(everything) == 9
    assert rows(engine, "members-of", "member", organization="OTS", date="2018") == [
        ("state:azerbaijan",), ("state:kazakhstan",), ("state:kyrgyzstan",), ("state:turkiye",),
        ("state:hungary",)]


@pytest.mark.parametrize(("date", "expected"), [
    ("2023-11-02", [("state:uzbekistan", "held", "certain")]),   # before the 10th summit
    ("2023-11-03", [("state:uzbekistan", "held", "certain"),     # the day of the hand-over
                    ("state:kazakhstan", "held", "certain")]),
    ("2023-11-04", [("state:kazakhstan", "held", "certain")]),  # after it
    ("2022-11-15", [("state:uzbekistan", "held", "certain")]),
    ("2022-10-31", [("state:turkiye", "held", "certain")]),     # before the Samarkand summit
])
def test_who_chaired_the_ots_around_the_10th_summit(engine: LocalEngine, date: str,
                                                    expected: list[tuple[str, ...]]) -> None:
    assert rows(engine, "chair-of", "chair", "status", "date_match", organization="OTS",
                date=date) == expected


def test_events_of_omuraliev(engine: LocalEngine) -> None:
    assert rows(engine, "events-of", "event", "date", "event_status", "role",
                "participation_status", "sub_event", actor="Омуралиев") == [
        ("event:omuraliev-visit-to-azerbaijan-2024", "", "held", "visitor", "attested", ""),
        # he was received by Bayramov during the visit: a sub-event of it
        ("event:omuraliev-visit-to-azerbaijan-2024", "", "held", "visitor", "attested",
         "event:bayramov-receives-omuraliev-2024-02-06"),
        ("event:ots-extraordinary-summit-ankara-2023", "2023-03-16", "held", "participant",
         "attested", ""),
        (ASTANA_SUMMIT, "2023-11-03", "held", "speaker", "attested", ""),
        ("event:bayramov-receives-omuraliev-2024-02-06", "2024-02-06", "held", "visitor",
         "attested", ""),
        ("event:ots-informal-summit-shusha-2024", "2024-07-06", "held", "participant",
         "attested", ""),
        ("event:ots-summit-bishkek-2024", "2024-11-06", "held", "participant", "attested", ""),
        ("event:ots-informal-summit-budapest-2025", "2025-05-21", "held", "participant",
         "attested", ""),
        (BISHKEK, "2025-09-18", "held", "participant", "attested", ""),
        ("event:ots-summit-gabala-2025", "2025-10-07", "held", "speaker", "attested", ""),
    ]
    via = rows(engine, "events-of", "event", "role", "via", actor="Kazakhstan")
    assert (BISHKEK, "speaker", "person:olzhas-bektenov") in via
    assert (VI_MEETING, "speaker", "person:kassym-jomart-tokayev") in via


def test_events_at_baku_and_astana(engine: LocalEngine) -> None:
    assert rows(engine, "events-at", "event", "date", "event_status", place="Баку") == [
        ("event:ots-ngo-solidarity-forum-2025-cultural-programme", "", "scheduled"),
        ("event:ots-summit-baku-2019", "2019-10-15", "held"),
        ("event:bayramov-receives-omuraliev-2024-02-06", "2024-02-06", "held"),
        ("event:ots-ngo-solidarity-forum-2025", "2025-11-24", "held"),
        ("event:ots-ngo-solidarity-forum-2025-opening-ceremony", "2025-11-24", "held"),
    ]
    assert rows(engine, "events-at", "event", "date", place="Astana") == [
        ("event:ots-summit-astana-2015", "2015-09-11"),
        ("event:central-asia-consultative-meeting-1", "2018-03-15"), (ASTANA_SUMMIT, "2023-11-03"),
        (VI_MEETING, "2024-08-09")]
    in_azerbaijan = [r[0] for r in rows(engine, "events-at", "event", place="Azerbaijan")]
    assert "event:ots-ngo-solidarity-forum-2025-nakhchivan-session" in in_azerbaijan


def test_posts_and_office_holders(engine: LocalEngine) -> None:
    secretary = "post:ots-secretary-general"
    assert rows(engine, "posts-of", "post", "post_in", "attested", "date_match",
                person="Omuraliev") == [  # one row per holding, every attested date
        (secretary, OTS, "2023-03-16; 2023-11-03; 2024-02-06; 2024-07-06; 2024-11-06; "
         "2025-05-21; 2025-09-18; 2025-10-08", "")]
    assert rows(engine, "posts-of", "post", "attested", "date_match", person="Omuraliev",
                date="2024-02-06") == [(secretary, "2024-02-06", "certain")]
    assert rows(engine, "posts-of", "post", "attested", "date_match", person="Omuraliev",
                date="2024-02") == [(secretary, "2024-02-06", "certain")]
    assert rows(engine, "office-holders", "post", "person", "date_match", organization="OTS",
                date="2024-02-06") == [
        ("post:ots-honorary-chairman", "person:nursultan-nazarbayev", "certain"),  # lifelong
        (secretary, "person:kubanychbek-omuraliev", "certain")]
    assert rows(engine, "office-holders", "post", "person", "attested", "date_match",
                organization="Kazakhstan", date="2024-08-09") == [  # an undated mention and
        ("post:kazakhstan-president", "person:kassym-jomart-tokayev", "2024-08-09", "certain"),
    ]  # a dated one of the same holding: one row


def test_partners_of_the_ots_and_un_habitat(engine: LocalEngine) -> None:
    assert rows(engine, "partners-of", "partner", "document", "basis", "status",
                organization="UN-Habitat") == [
        (OTS, "document:ots-un-habitat-cooperation-roadmap", "party", "in-preparation"),
        (OTS, "document:ots-un-habitat-memorandum-of-understanding", "party", "signed"),
    ]
    partners = {r[0] for r in rows(engine, "partners-of", "partner", organization="OTS")}
    assert "organization:un-habitat" in partners


def test_meetings_between(engine: LocalEngine) -> None:
    assert rows(engine, "meetings-between", "event", "actor_role", "actor_sub_event",
                "other_role", actor="Bektenov", other="Omuraliev") == [
        # both at the meeting, and Bektenov also at its collective meeting with Japarov
        (BISHKEK, "participant", "event:japarov-receives-ots-heads-of-government-2025",
         "participant"),
        (BISHKEK, "speaker", "", "participant")]
    assert rows(engine, "meetings-between", "event", "actor_role", "other_role",
                actor="Omuraliev", other="Bayramov") == [
        # Bayramov received him during the visit: in the visit through that sub-event
        ("event:omuraliev-visit-to-azerbaijan-2024", "visitor", "host"),
        ("event:bayramov-receives-omuraliev-2024-02-06", "visitor", "host")]


def test_sources_of_omuraliev(engine: LocalEngine) -> None:
    found = rows(engine, "sources-of", "source", "claim_type", "relation", entity="Omuraliev")
    assert {r[0] for r in found} == {
        "source:trend-2023-11-03-ots-un-habitat-roadmap",
        "source:trend-2024-02-06-bayramov-receives-omuraliev",
        "source:baq-kz-ots-heads-of-government-bishkek",
        "source:report-az-2025-09-18-ots-heads-of-government-bishkek",
        "source:trt-2023-03-16-ots-extraordinary-summit-ankara",
        "source:azvision-2024-07-06-garabagh-declaration",
        "source:akipress-2024-11-06-11th-ots-summit-concludes",
        "source:ein-presswire-2025-05-21-budapest-declaration",
        "source:newscentralasia-2025-10-08-ots-gabala-summit"}
    assert ("source:baq-kz-ots-heads-of-government-bishkek", "Person", "record") in found
    assert ("source:trend-2023-11-03-ots-un-habitat-roadmap", "PostHolding", "holder") in found
    quotes = ask(engine, "sources-of", entity="Omuraliev").table.column("quote")
    assert any(q is not None and q.value == "Secretary General of OTS Omuraliev said"  # type: ignore[union-attr]
               for q in quotes)


def test_timeline_of_omuraliev(engine: LocalEngine) -> None:
    post = "post:ots-secretary-general"
    assert rows(engine, "timeline", "date", "kind", "item", "role", actor="Omuraliev") == [
        ("2023-03-16", "event", "event:ots-extraordinary-summit-ankara-2023", "participant"),
        ("2023-03-16", "post", post, "attested-holder"),
        ("2023-11-03", "event", ASTANA_SUMMIT, "speaker"),
        ("2023-11-03", "post", post, "attested-holder"),
        ("2024-02-06", "event", "event:bayramov-receives-omuraliev-2024-02-06", "visitor"),
        ("2024-02-06", "post", post, "attested-holder"),
        ("2024-07-06", "event", "event:ots-informal-summit-shusha-2024", "participant"),
        ("2024-07-06", "post", post, "attested-holder"),
        ("2024-11-06", "event", "event:ots-summit-bishkek-2024", "participant"),
        ("2024-11-06", "post", post, "attested-holder"),
        ("2025-05-21", "event", "event:ots-informal-summit-budapest-2025", "participant"),
        ("2025-05-21", "post", post, "attested-holder"),
        ("2025-05-21", "signing", "document:budapest-declaration-2025", "signatory"),
        ("2025-09-18", "event", BISHKEK, "participant"),
        ("2025-09-18", "post", post, "attested-holder"),
        ("2025-10-07", "event", "event:ots-summit-gabala-2025", "speaker"),
        ("2025-10-08", "post", post, "attested-holder"),
    ]
    kazakhstan = rows(engine, "timeline", "date", "kind", "item", "status", actor="Kazakhstan")
    assert kazakhstan[0] == ("2009-10-03", "document", "document:nakhchivan-agreement", "")
    assert ("2023-11-03", "chairmanship", OTS, "held") in kazakhstan


@pytest.mark.parametrize(("name", "ref"), [
    ("Tokayev", "person/kassym-jomart-tokayev"), ("Токаев", "person/kassym-jomart-tokayev"),
    ("Toqaev", "person/kassym-jomart-tokayev"), ("tokaev", "person/kassym-jomart-tokayev"),
    ("Kassym-Jomart Tokayev", "person/kassym-jomart-tokayev"),
    ("Omuraliev", "person/kubanychbek-omuraliev"), ("Омуралиев", "person/kubanychbek-omuraliev"),
    ("Йылмаз", "person/cevdet-yilmaz"), ("YILMAZ", "person/cevdet-yilmaz"),
    ("Мирзиёев", "person/shavkat-mirziyoyev"), ("Жапаров", "person/sadyr-japarov"),
    ("Гаджиев", "person/hikmet-hajiyev"), ("Əliyev", "person/ilham-aliyev"),
])
def test_names_resolve_over_the_real_data(engine: LocalEngine, name: str, ref: str) -> None:
    assert ask(engine, "posts-of", person=name).entities["person"].ref == ref


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_example_answers(engine: LocalEngine, name: str) -> None:
    query = CATALOG[name]
    answer = run_named(query, {p.name: p.example for p in query.params}, engine)
    assert answer.table.rows, f"kg queries advertises an example of {name} with no answer"
