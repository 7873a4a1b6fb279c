"""Meetings of the synthetic world: summits with chairmanship handovers, ministerial meetings and
bilateral visits, with participants, the documents signed, adopted or approved, and sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from synth.world import LAST_YEAR, OrgInfo, StateInfo, World

TOPICS = ("trade", "investment", "transport", "transit", "digitalization", "customs", "energy",
          "water", "agriculture", "security", "culture", "science", "ai", "cybersecurity",
          "urban-development", "civil-society", "elections", "environment")
QUOTES = {"en": "The heads of state signed the {doc}",
          "ru": "Главы государств подписали документ: {doc}",
          "kk": "Мемлекет басшылары құжатқа қол қойды",
          "az": "Dövlət başçıları sənədi imzaladılar",
          "tr": "Devlet başkanları belgeyi imzaladı"}
BILATERAL_PER_UNIT = 30


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Events:
    """Adds events and documents to a world, attesting posts and handing over chairs."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.rng = world.rng
        self.states = {s.slug: s for s in world.states}

    def populate(self) -> None:
        for org in self.w.orgs:
            self.org_events(org)
        for _ in range(max(10, round(self.w.scale * BILATERAL_PER_UNIT))):
            self.bilateral()

    # --- helpers -------------------------------------------------------------------------
    def day(self, year: int) -> dt.date:
        """A day in February to November: post terms change in January, so never ambiguous."""
        return dt.date(year, self.rng.randint(2, 11), self.rng.randint(1, 28))

    def sources(self, date: dt.date, title: str) -> list[str]:
        return [self.w.source(date + dt.timedelta(days=self.rng.randint(0, 2)), title)
                for _ in range(self.rng.randint(1, 2))]

    def cite(self, source: str, doc: str | None = None) -> Any:
        """A citation, now and then with a quote in the source's language."""
        lang = self.w.files[f"sources/{source}.yaml"]["language"]
        if doc is None or self.rng.random() < 0.6:
            return source
        return {"source": source, "quote": QUOTES[lang].format(doc=doc)}

    def topics(self) -> list[str]:
        return sorted(self.rng.sample(TOPICS, self.rng.randint(1, 3)))

    def delegate(self, state: StateInfo, role_key: str, when: str, year: int, source: str,
                 role: str) -> dict[str, Any]:
        person = state.holder(role_key, year)
        post = state.posts[role_key]
        self.w.attest(person, post, when, source)
        return {"participant": f"person/{person}", "role": role,
                "on_behalf_of": f"state/{state.slug}", "capacity": f"post/{post}",
                "sources": [source]}

    def event_file(self, slug: str, year: int, record: dict[str, Any], kind: str = "") -> None:
        self.w.files[f"events/{year}/{slug}.yaml"] = record
        if kind:
            self.w.made[kind].append(f"events/{year}/{slug}.yaml")

    def document(self, slug: str, date: dt.date | str, fields: dict[str, Any]) -> str:
        year = str(date)[:4]
        self.w.files[f"documents/{year}/{slug}.yaml"] = fields
        return slug

    def signings(self, doc: str, doc_en: str, signers: list[dict[str, Any]], source: str,
                 date: dt.date) -> list[dict[str, Any]]:
        out = []
        for p in signers:
            signing = {"document": doc, "signatory": p["participant"],
                       "on_behalf_of": p["on_behalf_of"]}
            if self.rng.random() < 0.5:
                signing["date"] = date.isoformat()
            signing.update(status="signed", sources=[self.cite(source, doc_en)])
            out.append(signing)
        return out

    # --- summits and ministerial meetings ---------------------------------------------------
    def org_events(self, org: OrgInfo) -> None:
        summits: list[tuple[str, dt.date, str, str]] = []  # slug, date, host, source
        for year in range(org.founded + 1, LAST_YEAR + 1):
            members = org.members_in(year)
            if len(members) >= 2 and self.rng.random() < 0.85:
                host = members[len(summits) % len(members)]
                if summits and host == summits[-1][2]:  # the chair passes to another member
                    host = members[(len(summits) + 1) % len(members)]
                summits.append(self.summit(org, len(summits) + 1, year, host, members))
            if len(members) >= 2 and self.rng.random() < 0.5:
                self.ministerial(org, year, members)
        chairs = []
        for n, (slug, date, host, source) in enumerate(summits):
            chair: dict[str, Any] = {"chair": host, "status": "held"}
            later = summits[n + 1] if n + 1 < len(summits) else None
            monthly = org.founded % 2 == 0
            chair["start"] = date.isoformat()[:7] if monthly else date.isoformat()
            if later is not None:
                end = later[1] - dt.timedelta(days=1 if not monthly else later[1].day)
                chair["end"] = end.isoformat()[:7] if monthly else end.isoformat()
            chair["started_at"] = slug
            if n:
                chair["handed_over_from"] = summits[n - 1][2]
            chair["sources"] = [later[3] if later else source]
            chairs.append(chair)
        org.record["chairmanships"] = chairs
        if summits:
            self.planned_summit(org, len(summits) + 1, summits[-1])

    def summit(self, org: OrgInfo, ordinal: int, year: int, host: str,
               members: list[str]) -> tuple[str, dt.date, str, str]:
        date = self.day(year)
        when = date.isoformat()
        place = self.states[host].places[0]
        slug = self.w.slugs.make("event", f"{org.abbr} summit {ordinal}")
        srcs = self.sources(date, f"{_ordinal(ordinal)} {org.en} summit held")
        heads = [self.delegate(self.states[s], "president", when, year, srcs[0],
                               "head-of-delegation") for s in members]
        sg = org.sg(year)
        self.w.attest(sg, org.sg_post, when, srcs[0])
        guests = [{"participant": f"person/{sg}", "on_behalf_of": f"organization/{org.slug}",
                   "capacity": f"post/{org.sg_post}", "sources": [srcs[0]]}]
        parties = [f"state/{s}" for s in members]
        decl_en = f"{org.abbr.upper()} {_ordinal(ordinal)} Summit Declaration"
        decl = self.document(self.w.slugs.make("document", f"{slug} declaration"), date, {
            "title": {"en": decl_en, "ru": f"Декларация {ordinal}-го саммита {org.ru}"},
            "translated": ["ru"], "type": "declaration", "status": "signed", "date": when,
            "authors": [f"organization/{org.slug}"], "parties": parties,
            "topics": self.topics(), "sources": srcs})
        record: dict[str, Any] = {
            "name": {"en": f"{_ordinal(ordinal)} summit of the {org.en}",
                     "ru": f"{ordinal}-й саммит: {org.ru}"},
            "translated": ["ru"], "type": "summit", "status": "held", "format": org.format,
            "ordinal": ordinal, "date": when, "place": place, "host": [f"state/{host}"],
            "organizer": [f"organization/{org.slug}"],
            "chair": heads[members.index(host)]["participant"], "topics": self.topics(),
            "sources": srcs, "participants": heads + guests,
            "signings": self.signings(decl, decl_en, heads, srcs[0], date),
            "adoptions": [{"document": decl, "status": "adopted", "sources": [srcs[0]]}]}
        if self.rng.random() < 0.6:
            plan = self.roadmap(org, slug, date, decl, parties, srcs[0])
            record["adoptions"].append({"document": plan, "status": "approved",
                                        "sources": [srcs[0]]})
        others = [o for o in self.w.orgs if o is not org and o.founded <= year]
        if others and self.rng.random() < 0.3:
            self.partner(record, self.rng.choice(others), org, slug, date, srcs[0])
        self.event_file(slug, year, record, "summit")
        return slug, date, host, srcs[-1]

    def partner(self, record: dict[str, Any], other: OrgInfo, org: OrgInfo, event: str,
                date: dt.date, source: str) -> None:
        """Another organization's secretary general attends and the two sign an MoU."""
        sg = other.sg(date.year)
        self.w.attest(sg, other.sg_post, date.isoformat(), source)
        guest = {"participant": f"person/{sg}", "role": "guest-of-honour",
                 "on_behalf_of": f"organization/{other.slug}", "capacity": f"post/{other.sg_post}",
                 "sources": [source]}
        record["participants"].append(guest)
        mou_en = f"Memorandum of understanding between the {org.en} and the {other.en}"
        mou = self.document(self.w.slugs.make("document", f"{event} mou {other.abbr}"), date, {
            "title": {"en": mou_en, "ru": f"Меморандум о взаимопонимании: {org.ru} и {other.ru}"},
            "translated": ["ru"], "type": "memorandum-of-understanding", "status": "signed",
            "date": date.isoformat(),
            "parties": [f"organization/{org.slug}", f"organization/{other.slug}"],
            "topics": self.topics(), "sources": [source]})
        signers = [p for p in record["participants"]
                   if p.get("on_behalf_of") == f"organization/{org.slug}"] + [guest]
        record["signings"] += self.signings(mou, mou_en, signers, source, date)

    def roadmap(self, org: OrgInfo, event: str, date: dt.date, decl: str, parties: list[str],
                source: str) -> str:
        start = date.year + 1
        return self.document(self.w.slugs.make("document", f"{event} roadmap"), date, {
            "title": {"en": f"Roadmap {start}–{start + 2} of the {org.en}",
                      "ru": f"Дорожная карта на {start}–{start + 2} годы"},
            "translated": ["ru"], "type": self.rng.choice(("roadmap", "action-plan")),
            "status": "approved", "date": date.isoformat(),
            "period": {"start": start, "end": start + 2},
            "authors": [f"organization/{org.slug}"], "parties": parties,
            "approved_by": [{"by": decl, "status": "approved", "sources": [source]}],
            "topics": self.topics(), "sources": [source]})

    def planned_summit(self, org: OrgInfo, ordinal: int, last: tuple[str, dt.date, str, str]
                       ) -> None:
        year = LAST_YEAR + 1
        slug = self.w.slugs.make("event", f"{org.abbr} summit {ordinal}")
        when = f"{year}-{self.rng.randint(2, 11):02d}" if self.rng.random() < 0.5 else year
        self.event_file(slug, year, {
            "name": {"en": f"{_ordinal(ordinal)} summit of the {org.en}",
                     "ru": f"{ordinal}-й саммит: {org.ru}"},
            "translated": ["ru"], "type": "summit", "status": "planned", "format": org.format,
            "ordinal": ordinal, "date": when, "sources": [last[3]]})
        prev = self.w.files[f"events/{last[1].year}/{last[0]}.yaml"]
        prev["intents"] = [{"id": "next-summit", "statement": {
            "en": f"The {_ordinal(ordinal)} summit will be held in {year}.",
            "ru": f"{ordinal}-й саммит пройдёт в {year} году."},
            "translated": ["ru"], "status": "planned", "about": [f"event/{slug}"],
            "expected": year, "sources": [last[3]]}]

    def ministerial(self, org: OrgInfo, year: int, members: list[str]) -> None:
        partial = year < 2010  # older meetings are known to the month only
        date = self.day(year)
        when = date.isoformat()[:7] if partial else date.isoformat()
        host = self.rng.choice(members)
        slug = self.w.slugs.make("event", f"{org.abbr} foreign ministers {year}")
        told = (date.replace(day=28) + dt.timedelta(days=4)).replace(day=1) if partial else date
        srcs = self.sources(told, f"{org.en} foreign ministers meet")
        communique = self.document(self.w.slugs.make("document", f"{slug} communique"), date, {
            "title": {"en": f"Communiqué of the {org.en} foreign ministers",
                      "ru": f"Коммюнике министров иностранных дел: {org.ru}"},
            "translated": ["ru"], "type": "communique", "status": "adopted", "date": when,
            "parties": [f"state/{s}" for s in members], "sources": srcs})
        self.event_file(slug, year, {
            "name": {"en": f"Meeting of the {org.en} foreign ministers, {year}",
                     "ru": f"Встреча министров иностранных дел, {year}: {org.ru}"},
            "translated": ["ru"], "type": "ministerial-meeting", "status": "held",
            "date": when, "place": self.rng.choice(self.states[host].places),
            "organizer": [f"organization/{org.slug}"], "topics": self.topics(), "sources": srcs,
            "participants": [self.delegate(self.states[s], "foreign-minister", when, year,
                                           srcs[0], "head-of-delegation") for s in members],
            "adoptions": [{"document": communique, "status": "adopted", "sources": srcs}]},
            "" if partial else "ministerial")

    # --- bilateral visits --------------------------------------------------------------------
    def bilateral(self) -> None:
        guest, host = self.rng.sample(self.w.states, 2)
        year = self.rng.randint(self.w.first_year + 1, LAST_YEAR)
        date, official = self.day(year), self.rng.random() < 0.5
        when = date.isoformat()
        slug = self.w.slugs.make("event", f"{guest.slug} {host.slug} {when}")
        kind = "Official visit" if official else "Meeting"
        srcs = self.sources(date, f"{kind}: {guest.en} and {host.en}")
        heads = [self.delegate(guest, "president", when, year, srcs[0], "visitor"),
                 self.delegate(host, "president", when, year, srcs[0], "host")]
        ministers = [self.delegate(s, "foreign-minister", when, year, srcs[0], "delegate")
                     for s in (guest, host)]
        mou_en = f"Memorandum of understanding between {guest.en} and {host.en}"
        mou = self.document(self.w.slugs.make("document", f"{slug} mou"), date, {
            "title": {"en": mou_en, "ru": f"Меморандум о взаимопонимании: {guest.ru} и {host.ru}"},
            "translated": ["en"], "type": "memorandum-of-understanding", "status": "signed",
            "date": when, "parties": [f"state/{guest.slug}", f"state/{host.slug}"],
            "topics": self.topics(), "sources": srcs})
        record: dict[str, Any] = {
            "name": {"en": f"{kind} of the President of {guest.en} to {host.en}, {when}",
                     "ru": f"Визит президента: {guest.ru} — {host.ru}, {when}"},
            "translated": ["ru"], "type": "official-visit" if official else "bilateral-meeting",
            "status": "held", "date": when, "place": self.rng.choice(host.places),
            "host": [f"state/{host.slug}"], "topics": self.topics(), "sources": srcs,
            "participants": heads + ministers,
            "signings": self.signings(mou, mou_en, ministers, srcs[0], date)}
        if self.rng.random() < 0.3:
            record["signings"][0]["key"] = "mou-" + ministers[0]["participant"].split("/")[1]
        self.event_file(slug, year, record, "bilateral")
