"""The answers of every named query over the real data/, pinned for the seed articles' facts."""

from __future__ import annotations

import pytest

from kg.query.catalog import load_catalog
from kg.query.local import LocalEngine, engine_for_data
from kg.query.render import cell
from kg.query.run import Answer, run_named
from tests.conftest import DATA

CATALOG = load_catalog()
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


def ask(engine: LocalEngine, name: str, **params: str) -> Answer:
    return run_named(CATALOG[name], params, engine)


def rows(engine: LocalEngine, name: str, *columns: str, **params: str) -> list[tuple[str, ...]]:
    """The named columns of every row, IRIs compact (`person:slug`), unbound as ''."""
    table = ask(engine, name, **params).table
    index = [table.columns.index(c) for c in columns]
    return [tuple(cell(r[i], compact=True) for i in index) for r in table.rows]


def test_documents_tokayev_signed(engine: LocalEngine) -> None:
    assert rows(engine, "documents-signed-by", "document", "event", "date", "status",
                "on_behalf_of", person="Токаев") == [
        ("document:central-asia-2040-concept", VI_MEETING, "2024-08-09", "signed",
         "state:kazakhstan"),
        ("document:central-asia-joint-statement-2024", VI_MEETING, "2024-08-09", "signed",
         "state:kazakhstan"),
        ("document:decision-award-mirziyoyev-badge-of-honour", VI_MEETING, "2024-08-09",
         "signed", "state:kazakhstan"),
    ]
    labels = ask(engine, "documents-signed-by", person="Tokayev").table.column("document_label")
    assert labels[1].value.startswith("Joint Statement of the Heads of State of Central Asia")  # type: ignore[union-attr]


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


def test_documents_of_the_10th_ots_summit_are_only_expected(engine: LocalEngine) -> None:
    assert rows(engine, "documents-of-event", "document", "relation", "status",
                event="Astana Summit") == [
        ("document:astana-act", "signing", "expected"),
        ("document:declaration-of-the-astana-summit", "signing", "expected"),
        ("document:ots-transport-communication-programme-action-plan", "signing", "expected"),
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
        ("state:turkish-republic-of-northern-cyprus", "observer", "2022-11", "certain"),
        ("state:turkmenistan", "observer", "2021-11", "certain"),
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
                    ("state:kazakhstan", "expected", "certain")]),
    ("2023-11-04", [("state:kazakhstan", "expected", "certain")]),  # after it
    ("2022-11-15", [("state:uzbekistan", "held", "possible")]),  # start known to the month
    ("2022-10-31", []),
])
def test_who_chaired_the_ots_around_the_10th_summit(engine: LocalEngine, date: str,
                                                    expected: list[tuple[str, ...]]) -> None:
    assert rows(engine, "chair-of", "chair", "status", "date_match", organization="OTS",
                date=date) == expected


def test_events_of_omuraliev(engine: LocalEngine) -> None:
    assert rows(engine, "events-of", "event", "date", "event_status", "role",
                "participation_status", actor="Омуралиев") == [
        ("event:omuraliev-visit-to-azerbaijan-2024", "", "held", "visitor", "attested"),
        (ASTANA_SUMMIT, "2023-11-03", "held", "speaker", "attested"),
        ("event:bayramov-receives-omuraliev-2024-02-06", "2024-02-06", "held", "visitor",
         "attested"),
        (BISHKEK, "2025-09-18", "held", "participant", "attested"),
    ]
    via = rows(engine, "events-of", "event", "role", "via", actor="Kazakhstan")
    assert (BISHKEK, "speaker", "person:olzhas-bektenov") in via
    assert (VI_MEETING, "speaker", "person:kassym-jomart-tokayev") in via


def test_events_at_baku_and_astana(engine: LocalEngine) -> None:
    assert rows(engine, "events-at", "event", "date", "event_status", place="Баку") == [
        ("event:ots-ngo-solidarity-forum-2025-cultural-programme", "", "scheduled"),
        ("event:bayramov-receives-omuraliev-2024-02-06", "2024-02-06", "held"),
        ("event:ots-ngo-solidarity-forum-2025", "2025-11-24", "held"),
        ("event:ots-ngo-solidarity-forum-2025-opening-ceremony", "2025-11-24", "held"),
    ]
    assert rows(engine, "events-at", "event", "date", place="Astana") == [
        (ASTANA_SUMMIT, "2023-11-03"), (VI_MEETING, "2024-08-09")]
    in_azerbaijan = [r[0] for r in rows(engine, "events-at", "event", place="Azerbaijan")]
    assert "event:ots-ngo-solidarity-forum-2025-nakhchivan-session" in in_azerbaijan


def test_posts_and_office_holders(engine: LocalEngine) -> None:
    secretary = "post:ots-secretary-general"
    assert rows(engine, "posts-of", "post", "post_in", "attested", "date_match",
                person="Omuraliev") == [  # one row per holding, every attested date
        (secretary, OTS, "2023-11-03; 2024-02-06; 2025-09-18", "")]
    assert rows(engine, "posts-of", "post", "attested", "date_match", person="Omuraliev",
                date="2024-02-06") == [(secretary, "2024-02-06", "certain")]
    assert rows(engine, "posts-of", "post", "attested", "date_match", person="Omuraliev",
                date="2024-02") == [(secretary, "2024-02-06", "certain")]
    assert rows(engine, "office-holders", "post", "person", "date_match", organization="OTS",
                date="2024-02-06") == [(secretary, "person:kubanychbek-omuraliev", "certain")]
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
    assert rows(engine, "meetings-between", "event", "actor_role", "other_role",
                actor="Bektenov", other="Omuraliev") == [(BISHKEK, "speaker", "participant")]
    assert rows(engine, "meetings-between", "event", "actor_role", "other_role",
                actor="Omuraliev", other="Bayramov") == [
        ("event:bayramov-receives-omuraliev-2024-02-06", "visitor", "host")]


def test_sources_of_omuraliev(engine: LocalEngine) -> None:
    found = rows(engine, "sources-of", "source", "claim_type", "relation", entity="Omuraliev")
    assert {r[0] for r in found} == {
        "source:trend-2023-11-03-ots-un-habitat-roadmap",
        "source:trend-2024-02-06-bayramov-receives-omuraliev",
        "source:baq-kz-ots-heads-of-government-bishkek",
        "source:report-az-2025-09-18-ots-heads-of-government-bishkek"}
    assert ("source:baq-kz-ots-heads-of-government-bishkek", "Person", "record") in found
    assert ("source:trend-2023-11-03-ots-un-habitat-roadmap", "PostHolding", "holder") in found
    quotes = ask(engine, "sources-of", entity="Omuraliev").table.column("quote")
    assert any(q is not None and q.value == "Secretary General of OTS Omuraliev said"  # type: ignore[union-attr]
               for q in quotes)


def test_timeline_of_omuraliev(engine: LocalEngine) -> None:
    assert rows(engine, "timeline", "date", "kind", "item", "role", actor="Omuraliev") == [
        ("2023-11-03", "event", ASTANA_SUMMIT, "speaker"),
        ("2023-11-03", "post", "post:ots-secretary-general", "attested-holder"),
        ("2024-02-06", "event", "event:bayramov-receives-omuraliev-2024-02-06", "visitor"),
        ("2024-02-06", "post", "post:ots-secretary-general", "attested-holder"),
        ("2025-09-18", "event", BISHKEK, "participant"),
        ("2025-09-18", "post", "post:ots-secretary-general", "attested-holder"),
    ]
    kazakhstan = rows(engine, "timeline", "date", "kind", "item", "status", actor="Kazakhstan")
    assert kazakhstan[0] == ("2023-11-03", "chairmanship", OTS, "expected")


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
