"""The actors of a synthetic corpus: states with posts and places, persons in office, publishers,
organizations with members, and the sources every claim cites."""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from typing import Any

from synth import names

LAST_YEAR = 2025
ROLES = ("president", "prime-minister", "foreign-minister")
_ROLE_NAMES = {"president": ("President of", "Президент"),
               "prime-minister": ("Prime Minister of", "Премьер-министр"),
               "foreign-minister": ("Minister of Foreign Affairs of", "Министр иностранных дел")}
#: real states first: (slug, en, ru, ru genitive, local tag, local name, ISO, capital en/ru/local)
REAL = [
    ("kazakhstan", "Kazakhstan", "Казахстан", "Казахстана", "kk", "Қазақстан", "KZ",
     ("Astana", "Астана", "Астана")),
    ("kyrgyzstan", "Kyrgyzstan", "Киргизия", "Киргизии", "ky", "Кыргызстан", "KG",
     ("Bishkek", "Бишкек", "Бишкек")),
    ("uzbekistan", "Uzbekistan", "Узбекистан", "Узбекистана", "uz", "Oʻzbekiston", "UZ",
     ("Tashkent", "Ташкент", "Toshkent")),
    ("azerbaijan", "Azerbaijan", "Азербайджан", "Азербайджана", "az", "Azərbaycan", "AZ",
     ("Baku", "Баку", "Bakı")),
    ("turkiye", "Türkiye", "Турция", "Турции", "tr", "Türkiye", "TR",
     ("Ankara", "Анкара", "Ankara")),
    ("turkmenistan", "Turkmenistan", "Туркменистан", "Туркменистана", "tk", "Türkmenistan", "TM",
     ("Ashgabat", "Ашхабад", "Aşgabat")),
    ("hungary", "Hungary", "Венгрия", "Венгрии", "hu", "Magyarország", "HU",
     ("Budapest", "Будапешт", "Budapest")),
    ("turkish-republic-of-northern-cyprus", "Turkish Republic of Northern Cyprus",
     "Турецкая Республика Северного Кипра", "Турецкой Республики Северного Кипра", "tr",
     "Kuzey Kıbrıs Türk Cumhuriyeti", None, ("Lefkoşa", "Лефкоша", "Lefkoşa")),
]
_ORG_KINDS = {"Cooperation Council": "Совет сотрудничества", "Union": "Союз",
              "Organization": "Организация"}
_SPARE_ISO = ["AA", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"), *(f"X{c}" for c in
              "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "ZZ"]


@dataclass
class Term:
    person: str
    start: int
    end: int | None


@dataclass
class StateInfo:
    slug: str
    en: str
    ru: str
    places: list[str]
    posts: dict[str, str]
    terms: dict[str, list[Term]] = field(default_factory=dict)

    def holder(self, role: str, year: int) -> str:
        """The person holding the state's post in `year` (terms change in January)."""
        terms = self.terms[role]
        n = bisect.bisect_right([t.start for t in terms], year) - 1
        return terms[n].person


@dataclass
class OrgInfo:
    slug: str
    en: str
    ru: str
    abbr: str
    founded: int
    members: list[tuple[str, int]]
    observers: list[str]
    sg_post: str
    sg_terms: list[Term]
    format: str
    record: dict[str, Any] = field(default_factory=dict)

    def members_in(self, year: int) -> list[str]:
        return [s for s, start in self.members if start < year]

    def sg(self, year: int) -> str:
        return next(t.person for t in reversed(self.sg_terms) if t.start <= year)


class World:
    """Every record of the corpus as a YAML-ready mapping, keyed by its path under data/."""

    def __init__(self, seed: int, scale: float) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        #: 20 years of history; small corpora get fewer (10 at scale 1) rather than fewer actors
        self.first_year = LAST_YEAR - min(20, max(6, round(10 * scale)))
        self.slugs = names.Slugs()
        self.files: dict[str, dict[str, Any]] = {}
        self.persons: dict[str, dict[str, Any]] = {}
        #: paths of the events of each kind ("bilateral", "ministerial", "summit"), for inject
        self.made: dict[str, list[str]] = {"bilateral": [], "ministerial": [], "summit": []}
        self.published: dict[str, dt.date | None] = {}
        self.publishers = [self._publisher(n) for n in range(2 + round(scale / 6))]
        self.states = [self._state(n) for n in range(max(6, round(2 * scale) + 4))]
        self.orgs = [self._org(n) for n in range(max(2, round(scale)))]

    # --- sources ---------------------------------------------------------------------------
    def source(self, published: dt.date | None, title_en: str, lang: str | None = None) -> str:
        """A new source article (published on `published`, None = unknown) and its slug."""
        rng = self.rng
        lang = lang or rng.choice(("en", "en", "ru", "ru", "kk", "az", "tr"))
        publisher = rng.choice(self.publishers)
        stamp = published.isoformat() if published else "undated"
        slug = self.slugs.make("source", f"{publisher} {stamp}")
        title = ({"ru": names.russian(title_en)} if lang == "ru" else {"en": title_en})
        record: dict[str, Any] = {"type": rng.choice(("news-article", "official-release")),
                                  "title": title}
        if lang not in title:
            record["translated"] = ["en"]
        record.update(publisher=f"organization/{publisher}", language=lang)
        if published is not None:
            record["published"] = published.isoformat()
            record["url"] = f"https://news.example.org/{publisher}/{slug}"
        record["sha256"] = hashlib.sha256(slug.encode()).hexdigest()
        self.files[f"sources/{slug}.yaml"] = record
        self.published[slug] = published
        return slug

    def _publisher(self, n: int) -> str:
        base = names.cap(names.word(self.rng))
        en = f"{base} News Agency"
        slug = self.slugs.make("organization", en)
        self.files[f"organizations/{slug}.yaml"] = {
            "name": {"en": en, "ru": f"Информационное агентство «{names.russian(base)}»"},
            "type": "news-publisher", "sources": [slug + "-about"]}
        self.files[f"sources/{slug}-about.yaml"] = {
            "type": "web-page", "title": {"en": f"About {en}"},
            "publisher": f"organization/{slug}", "language": "en"}
        self.published[slug + "-about"] = None
        return slug

    # --- states, places, persons -------------------------------------------------------------
    def _state(self, n: int) -> StateInfo:
        rng = self.rng
        if n < len(REAL):
            slug, en, ru, gen, tag, local, iso, capital = REAL[n]
            self.slugs.make("state", slug)
        else:
            en = names.state_name(rng)
            ru, tag, local = names.russian(en), "kk", names.kazakh(en)
            gen, slug = names.genitive(ru), self.slugs.make("state", en)
            iso = _SPARE_ISO[n - len(REAL)] if n - len(REAL) < len(_SPARE_ISO) else None
            city = names.place_name(rng)
            capital = (city, names.russian(city), names.kazakh(city))
        profile = self.source(None, f"{en}: country profile", "en")
        posts = {role: self.slugs.make("post", f"{slug} {role}") for role in ROLES}
        record: dict[str, Any] = {"name": {"en": en, "ru": ru}, "alt_names": {tag: [local]}}
        if iso:
            record["iso_code"] = iso
        else:
            record["recognition"] = "partially-recognized"
        record["sources"] = [profile]
        record["posts"] = [{"id": posts[role], "name": {
            "en": f"{_ROLE_NAMES[role][0]} {en}", "ru": f"{_ROLE_NAMES[role][1]} {gen}"}}
            for role in ROLES]
        self.files[f"states/{slug}.yaml"] = record
        places = [self._place(slug, profile, tag, capital)]
        places += [self._place(slug, profile) for _ in range(rng.randint(1, 2))]
        info = StateInfo(slug, en, ru, places, posts)
        for role in ROLES:
            info.terms[role] = self._terms(posts[role], self.first_year - rng.randint(0, 4),
                                          (3, 9))
        return info

    def _place(self, state: str, source: str, tag: str = "kk",
               spelled: tuple[str, str, str] | None = None) -> str:
        if spelled is None:
            en = names.place_name(self.rng)
            spelled = (en, names.russian(en), names.kazakh(en))
        en, ru, local = spelled
        slug = self.slugs.make("place", en)
        record: dict[str, Any] = {"name": {"en": en, "ru": ru}}
        if local not in (en, ru):
            record["alt_names"] = {tag: [local]}
        record.update(type="city", state=state, sources=[source])
        self.files[f"places/{slug}.yaml"] = record
        return slug

    def _terms(self, post: str, start: int, length: tuple[int, int]) -> list[Term]:
        """Successive holders of a post until the end of the timeline, each a new person."""
        terms = []
        while start <= LAST_YEAR:
            end = start + self.rng.randint(*length) - 1
            ongoing = end >= LAST_YEAR
            person = self._person(post, start, None if ongoing else end)
            terms.append(Term(person, start, None if ongoing else end))
            start = end + 1
        return terms

    def _person(self, post: str, start: int, end: int | None) -> str:
        rng = self.rng
        en = names.person_name(rng)
        slug = self.slugs.make("person", en)
        surname = en.split(" ")[1]
        told = dt.date(min(LAST_YEAR, (end or LAST_YEAR) + 1), 12, rng.randint(1, 28))
        profile = self.source(told, f"{en}: biography", "en")
        holding: dict[str, Any] = {"post": post, "start": f"{start}-01"}
        if end is not None:
            holding["end"] = f"{end}-12"
        holding["sources"] = [profile]
        self.persons[slug] = {
            "name": {"en": en, "ru": names.russian(en)},
            "alt_names": {"en": [surname], "kk": [names.kazakh(en)],
                          "ru": [names.russian(surname)]},
            "sources": [profile], "posts": [holding]}
        self.files[f"persons/{slug}.yaml"] = self.persons[slug]
        return slug

    def finish(self) -> None:
        """Put each person's attested holdings in date order, as a curator would."""
        for record in self.persons.values():
            first, *attested = record["posts"]
            record["posts"] = [first, *sorted(attested, key=lambda h: (str(h["attested"]),
                                                                        h["post"]))]

    def attest(self, person: str, post: str, date: str, source: str) -> None:
        """Record that `source` shows `person` in `post` on `date` (what signing checks use)."""
        self.persons[person]["posts"].append({"post": post, "attested": date, "sources": [source]})

    # --- organizations ---------------------------------------------------------------------
    def _org(self, n: int) -> OrgInfo:
        rng = self.rng
        base = names.cap(names.word(rng))
        kind = rng.choice(tuple(_ORG_KINDS))
        en, ru = f"{base} {kind}", f"{_ORG_KINDS[kind]} «{names.russian(base)}»"
        abbr = "".join(w[0] for w in names.ascii_slug(en).split("-")) + str(n + 1)
        slug = self.slugs.make("organization", en)
        founded = rng.randint(self.first_year, max(self.first_year, LAST_YEAR - 10))
        pool = [s.slug for s in self.states]
        chosen = rng.sample(pool, min(len(pool), rng.randint(4, 8)))
        members = [(s, founded if i < 3 or rng.random() < 0.6 else
                    rng.randint(founded + 1, min(founded + 6, LAST_YEAR)))
                   for i, s in enumerate(chosen)]
        observers = [s for s in rng.sample(pool, 2) if s not in chosen]
        sg_post = self.slugs.make("post", f"{abbr} secretary general")
        sg_terms = self._terms(sg_post, founded, (3, 4))
        fmt = self.slugs.make("format", f"{abbr} summits")
        profile = self.source(dt.date(LAST_YEAR, 11, 30), f"{en}: members and history", "en")
        self.files[f"formats/{fmt}.yaml"] = {
            "name": {"en": f"{en} summits", "ru": f"Саммиты организации {ru}"},
            "translated": ["ru"], "event_type": "summit", "organization": slug,
            "sources": [profile]}
        record: dict[str, Any] = {
            "name": {"en": en, "ru": ru}, "alt_names": {"en": [abbr.upper()]},
            "translated": ["ru"], "type": "international-organization", "sources": [profile],
            "posts": [{"id": sg_post, "name": {"en": f"Secretary General of the {en}",
                                               "ru": f"Генеральный секретарь {ru}"}}],
            "members": [{"member": f"state/{s}", "role": "member", "start": start,
                         "sources": [profile]} for s, start in members],
        }
        record["members"] += [{"member": f"state/{s}", "role": "observer",
                               "attested": f"{LAST_YEAR}-11", "sources": [profile]}
                              for s in observers]
        self.files[f"organizations/{slug}.yaml"] = record
        return OrgInfo(slug, en, ru, abbr, founded, members, observers, sg_post, sg_terms, fmt,
                       record)
