"""Rows of the event export: one per ordered pair of actors per event (`dyad`), or one per
actor with the event as recipient (`participant`); signings, adoptions and intents as rows of
their own, with what was only expected or planned never typed as done."""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from typing import Any

from kg.dates import parse_date
from kg.events import plover
from kg.events.facts import Facts, Participation
from kg.namespaces import ID


class Shape(enum.StrEnum):
    DYAD = "dyad"
    PARTICIPANT = "participant"


SIDE = ("", "_label", "_kind", "_roles", "_capacity", "_capacity_label",
        "_rollup", "_rollup_label", "_rollup_kind", "_rollup_basis")
COLUMNS: tuple[str, ...] = (
    "event", "event_label", "event_type", "event_format", "event_format_label", "event_ordinal",
    "event_status", "event_part_of", "event_part_of_label", "date", "date_earliest", "date_latest", "date_precision",
    "place", "place_label", "place_state", "place_state_label",
    "row_kind", "status", "realized", "plover_type", "plover_mode", "cameo_root", "cameo_code",
    *(f"actor{s}" for s in SIDE), *(f"recipient{s}" for s in SIDE),
    "document", "document_label", "document_type",
    "claims", "sources", "source_urls", "publishers",
)
#: claim statuses that say something happened (the others announce it)
DONE = frozenset({"attested", "signed", "adopted", "approved"})
_KIND_ORDER = {"participation": 0, "signing": 1, "adoption": 2, "intent": 3}

Row = dict[str, Any]
#: a row as consecutive groups of its columns; groups are shared between rows (an event's
#: columns, an actor's side), so a writer can encode each group once (kg.events.write)
Segments = tuple[Row, ...]


#: the keys of an actor's or a recipient's columns, in SIDE order
_SIDE_KEYS = {prefix: tuple(f"{prefix}{s}" for s in SIDE) for prefix in ("actor", "recipient")}


@functools.lru_cache(maxsize=1 << 16)
def kind_of(iri: str | None) -> str | None:
    """`person` for https://w3id.org/tcdkg/id/person/x (record IRIs name their kind)."""
    if iri is None or not iri.startswith(ID):
        return None
    return iri[len(ID):].split("/", 1)[0]


@dataclass
class Actor:
    """One actor of one event, with every role it had there merged."""

    iri: str
    roles: set[str] = field(default_factory=set)
    attested: bool = False
    behalf: str | None = None
    capacity: str | None = None
    post_in: str | None = None
    claims: set[str] = field(default_factory=set)
    via_event: bool = False  # host, organizer or chair: cited by the event's own sources

    def rollup(self) -> tuple[str | None, str | None]:
        """The state or organization the actor acted for, and on what basis."""
        if self.behalf:
            return self.behalf, "on-behalf-of"
        if self.post_in:
            return self.post_in, "capacity"
        if kind_of(self.iri) in ("state", "organization"):
            return self.iri, "self"
        return None, None


def actors_of(participations: list[Participation]) -> list[Actor]:
    merged: dict[str, Actor] = {}
    for p in sorted(participations, key=lambda p: (p.actor, p.claim or "", p.role or "")):
        actor = merged.setdefault(p.actor, Actor(p.actor))
        if p.role:
            actor.roles.add(p.role)
        if p.claim is None:
            actor.via_event = True
        else:
            actor.claims.add(p.claim)
        actor.attested |= p.claim is None or p.status != "expected"
        actor.behalf = actor.behalf or p.behalf
        actor.capacity = actor.capacity or p.capacity
        actor.post_in = actor.post_in or p.post_in
    return [merged[k] for k in sorted(merged)]


class Builder:
    """Turns the collected facts into rows of one shape."""

    def __init__(self, facts: Facts, shape: Shape) -> None:
        self.facts, self.shape = facts, shape
        self._codings: dict[tuple[object, ...], Row] = {}
        self._documents: dict[str | None, Row] = {}
        self._provenances: dict[frozenset[str], Row] = {}
        self._empty: dict[str, Row] = {p: {f"{p}{s}": None for s in SIDE} | {f"{p}_roles": []}
                                       for p in ("actor", "recipient")}

    def rows(self) -> list[Segments]:
        out: list[Segments] = []
        for event in sorted(self.facts.events):
            out.extend(self._event_rows(event))
        return out

    def _label(self, iri: str | None) -> str | None:
        return None if iri is None else self.facts.labels.get(iri)

    def _event_columns(self, event: str) -> Row:
        e = self.facts.events[event]
        written = e.get("date") or (f"{e['start']}/{e.get('end') or '..'}" if e.get("start") else None)
        first = e.get("date") or e.get("start")
        place = e.get("place")
        state = place if kind_of(place) == "state" else self.facts.place_states.get(place or "")
        ordinal = e.get("ordinal")
        return {
            "event": event, "event_label": self._label(event), "event_type": e.get("type"),
            "event_format": e.get("format"), "event_format_label": self._label(e.get("format")),
            "event_ordinal": int(ordinal) if ordinal else None, "event_status": e.get("status"),
            "event_part_of": e.get("part_of"), "event_part_of_label": self._label(e.get("part_of")),
            "date": written, "date_earliest": e.get("earliest"), "date_latest": e.get("latest"),
            "date_precision": parse_date(first).precision.value if first else None,
            "place": place, "place_label": self._label(place),
            "place_state": state, "place_state_label": self._label(state),
        }

    def _side(self, prefix: str, actor: Actor | None, *, event: str | None = None) -> Row:
        if event is not None:  # the participant shape: the event is the recipient
            return {f"{prefix}{s}": None for s in SIDE} | {
                prefix: event, f"{prefix}_label": self._label(event), f"{prefix}_kind": "event",
                f"{prefix}_roles": []}
        if actor is None:
            return self._empty[prefix]
        rollup, basis = actor.rollup()
        label = self._label
        return dict(zip(_SIDE_KEYS[prefix], (
            actor.iri, label(actor.iri), kind_of(actor.iri), sorted(actor.roles),
            actor.capacity, label(actor.capacity), rollup, label(rollup), kind_of(rollup), basis), strict=True))

    def _sources(self, subjects: set[str]) -> set[str]:
        return {s for x in subjects for s in self.facts.citations.get(x, ())}

    def _provenance(self, sources: frozenset[str]) -> Row:
        """The sources, their URLs and their publishers' names (one group per set of sources)."""
        known = self._provenances.get(sources)
        if known is None:
            urls = {u for s in sources for u in self.facts.urls.get(s, ())}
            publishers = {self._label(p) or p for s in sources for p in self.facts.publishers.get(s, ())}
            known = self._provenances[sources] = {
                "sources": sorted(sources), "source_urls": sorted(urls), "publishers": sorted(publishers)}
        return known

    def _coding(self, kind: str, status: str | None, realized: bool, coding: plover.Coding) -> Row:
        key = (kind, status, realized, coding)
        known = self._codings.get(key)
        if known is None:
            known = self._codings[key] = {
                "row_kind": kind, "status": status, "realized": realized,
                "plover_type": coding.plover_type, "plover_mode": coding.plover_mode,
                "cameo_root": coding.cameo_root, "cameo_code": coding.cameo_code}
        return known

    def _document(self, document: str | None) -> Row:
        known = self._documents.get(document)
        if known is None:
            known = self._documents[document] = {
                "document": document, "document_label": self._label(document),
                "document_type": self.facts.document_types.get(document or "")}
        return known

    def _row(self, event_columns: Row, kind: str, status: str | None, coding: plover.Coding,
             actor: Row, recipient: Row, document: str | None, claims: set[str],
             sources: set[str]) -> Segments:
        realized = event_columns["event_status"] == "held" and status in DONE
        return (event_columns, self._coding(kind, status, realized, coding), actor, recipient,
                self._document(document), {"claims": sorted(claims)}, self._provenance(frozenset(sources)))

    def _event_rows(self, event: str) -> list[Segments]:
        cols = self._event_columns(event)
        out = self._participation_rows(event, cols)
        actors = {a.iri: a for a in actors_of(self.facts.participations.get(event, []))}
        out += self._signing_rows(event, cols, actors)
        for a in sorted(self.facts.adoptions.get(event, []), key=lambda r: r["claim"] or ""):
            claim = a["claim"] or ""
            recipient = self._side("recipient", None, event=event if self.shape is Shape.PARTICIPANT else None)
            out.append(self._row(cols, "adoption", a["status"], plover.adoption(a["status"] or ""),
                                 self._side("actor", None), recipient, a["document"], {claim},
                                 self._sources({claim})))
        for claim, intent in sorted(self.facts.intents.get(event, {}).items()):
            stated = intent.stated_by
            source = (actors.get(stated) or Actor(stated)) if stated else None
            about = sorted(x for x in intent.about if kind_of(x) in ("person", "state", "organization")
                           and x != stated)
            targets: list[Actor | None] = [actors.get(x) or Actor(x) for x in about] or [None]
            if self.shape is Shape.PARTICIPANT:
                targets = [None]
            for target in targets:
                recipient = self._side("recipient", target,
                                       event=event if self.shape is Shape.PARTICIPANT else None)
                out.append(self._row(cols, "intent", intent.status, plover.intent(),
                                     self._side("actor", source), recipient, None, {claim},
                                     self._sources({claim})))
        return out

    def _participation_rows(self, event: str, cols: Row) -> list[Segments]:
        actors = actors_of(self.facts.participations.get(event, []))
        out: list[Segments] = []
        if self.shape is Shape.PARTICIPANT:
            for a in actors:
                status = "attested" if a.attested else "expected"
                coding = plover.consult(cols["event_type"] or "", cols["event_status"] == "held" and a.attested,
                                        source_roles=frozenset(a.roles), target_roles=frozenset(),
                                        place_state=None, source_state=None, target_state=None)
                out.append(self._row(cols, "participation", status, coding, self._side("actor", a),
                                     self._side("recipient", None, event=event), None, a.claims,
                                     self._sources(self._cited(event, [a]))))
            return out
        # each actor's columns and provenance once, then every ordered pair (n² rows per event)
        as_actor = {a.iri: self._side("actor", a) for a in actors}
        as_recipient = {a.iri: self._side("recipient", a) for a in actors}
        prov = {a.iri: self._sources(self._cited(event, [a])) for a in actors}
        rollup = {a.iri: a.rollup()[0] for a in actors}
        pairs: list[tuple[Actor, Actor | None]] = [(a, b) for a in actors for b in actors if a is not b]
        if len(actors) == 1:
            pairs = [(actors[0], None)]
        no_recipient = self._side("recipient", None)
        for a, b in pairs:
            attested = a.attested and (b is None or b.attested)
            coding = plover.consult(
                cols["event_type"] or "", cols["event_status"] == "held" and attested,
                source_roles=frozenset(a.roles), target_roles=frozenset(b.roles) if b else frozenset(),
                place_state=cols["place_state"], source_state=rollup[a.iri],
                target_state=rollup[b.iri] if b else None)
            p = prov[a.iri] if b is None else prov[a.iri] | prov[b.iri]
            out.append(self._row(cols, "participation", "attested" if attested else "expected", coding,
                                 as_actor[a.iri], as_recipient[b.iri] if b else no_recipient, None,
                                 a.claims | b.claims if b else a.claims, p))
        return out

    def _cited(self, event: str, actors: list[Actor]) -> set[str]:
        cited = set().union(*(a.claims for a in actors))
        if any(a.via_event for a in actors):
            cited.add(event)
        return cited

    def _signing_rows(self, event: str, cols: Row, actors: dict[str, Actor]) -> list[Segments]:
        out: list[Segments] = []
        signings = sorted(self.facts.signings.get(event, []), key=lambda r: r["claim"] or "")
        for s in signings:
            claim, document, status = s["claim"] or "", s["document"], s["status"] or ""
            who = s["signatory"] or s["behalf"]
            source = self._signer(s, actors) if who else None
            if self.shape is Shape.PARTICIPANT:
                targets: list[Actor | None] = [None]
            else:
                targets = self._co_signers(s, signings, actors, source)
            for target in targets:
                recipient = self._side("recipient", target,
                                       event=event if self.shape is Shape.PARTICIPANT else None)
                out.append(self._row(cols, "signing", status, plover.signing(status),
                                     self._side("actor", source), recipient, document, {claim},
                                     self._sources({claim})))
        return out

    @staticmethod
    def _signer(s: dict[str, str | None], actors: dict[str, Actor]) -> Actor:
        who = s["signatory"] or s["behalf"] or ""
        known = actors.get(who)
        signer = Actor(who, set(known.roles) if known else set(), behalf=s["behalf"],
                       capacity=known.capacity if known else None, post_in=known.post_in if known else None)
        if who == s["behalf"]:
            signer.behalf = None  # a state signing for itself rolls up to itself
        return signer

    def _co_signers(self, s: dict[str, str | None], signings: list[dict[str, str | None]],
                    actors: dict[str, Actor], source: Actor | None) -> list[Actor | None]:
        """The other signers of the same document at the same event with the same status, and
        the document's parties none of them signs for; [None] when there is none."""
        if source is None:
            return [None]
        mine = {source.iri, source.rollup()[0]}
        others: dict[str, Actor] = {}
        for o in signings:
            who = o["signatory"] or o["behalf"]
            if who and o["document"] == s["document"] and o["status"] == s["status"] and who not in mine:
                others.setdefault(who, self._signer(o, actors))
        covered = mine | {a.rollup()[0] for a in others.values()}
        for party in self.facts.parties.get(s["document"] or "", ()):
            if party not in covered:
                others.setdefault(party, Actor(party))
        return [others[k] for k in sorted(others)] or [None]
