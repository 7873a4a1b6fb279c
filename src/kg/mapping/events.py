"""Mapping of events with their participations, signings, adoptions and intents."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.mapping import claims
from kg.mapping.emit import Emitter, claim_key, slug_of
from kg.model import Event
from kg.model.kinds import Kind
from kg.namespaces import DCTERMS, SCHEMA, TCD, XSD, record_iri


def event(e: Emitter, iri: NamedNode, m: Event) -> None:
    e.subject(iri, (), TCD.Event)
    e.concept(iri, TCD.eventType, m.type)
    e.concept(iri, TCD.status, m.status)
    e.ref(iri, TCD.format, m.format, "Event.format")
    if m.ordinal is not None:
        e.add(iri, TCD.ordinal, Literal(str(m.ordinal), datatype=XSD.positiveInteger))
    e.date(iri, "date", m.date)
    e.date(iri, "start", m.start)
    e.date(iri, "end", m.end)
    e.ref(iri, SCHEMA.location, m.place, "Event.place")
    e.ref(iri, SCHEMA.superEvent, m.part_of, "Event.part_of")
    within = _within(e, m)
    for outer in within:
        e.add(iri, TCD.withinEvent, outer)
    e.refs(iri, TCD.host, m.host, "Event.host")
    e.refs(iri, SCHEMA.organizer, m.organizer, "Event.organizer")
    e.ref(iri, TCD.chair, m.chair, "Event.chair")
    e.lang_text(iri, TCD.slogan, m.slogan)
    for topic in m.topics:
        e.concept(iri, DCTERMS.subject, topic)
    start = len(e.quads)
    _participations(e, iri, m)
    _signings(e, iri, m)
    _adoptions(e, iri, m)
    at_event = {q.subject for q in e.quads[start:] if q.predicate == TCD.event}
    for claim in sorted(at_event, key=str):  # a claim is within its event and the enclosing ones
        for outer in (iri, *within):
            e.add(claim, TCD.withinEvent, outer)  # type: ignore[arg-type]
    claims.intents(e, iri, m.intents)


def _within(e: Emitter, m: Event) -> list[NamedNode]:
    """The events this one is part of, transitively (`part_of` of `part_of` ...), nearest first.
    tcd:withinEvent materialises the transitive closure of schema:superEvent (and, for a claim,
    of its tcd:event), so that a query reaches every enclosing event in one step."""
    out: list[NamedNode] = []
    seen: set[str] = set()
    ref = m.part_of
    while ref is not None:
        slug = slug_of(ref)
        record = e.index.record(Kind.EVENT, slug)
        if slug in seen or record is None or not isinstance(record.model, Event):
            break
        seen.add(slug)
        out.append(record_iri("event", slug))
        ref = record.model.part_of
    return out


def _participations(e: Emitter, iri: NamedNode, m: Event) -> None:
    seen: dict[str, int] = {}
    for n, p in enumerate(m.participants):
        key = claim_key(p.key or slug_of(p.participant), seen)
        claim = e.claim(NamedNode(f"{iri.value}/participation/{key}"), ("participants", n),
                        TCD.Participation, p)
        e.add(claim, TCD.event, iri)
        e.ref(claim, TCD.participant, p.participant, "Participation.participant")
        e.concept(claim, TCD.role, p.role)
        e.concept(claim, TCD.status, p.status)
        e.ref(claim, TCD.onBehalfOf, p.on_behalf_of, "Participation.on_behalf_of")
        e.ref(claim, TCD.capacity, p.capacity, "Participation.capacity")


def _signings(e: Emitter, iri: NamedNode, m: Event) -> None:
    seen: dict[str, int] = {}
    for n, s in enumerate(m.signings):
        base = slug_of(s.document) + (f"--{slug_of(s.signatory)}" if s.signatory else "")
        key = claim_key(s.key or base, seen)
        claim = e.claim(NamedNode(f"{iri.value}/signing/{key}"), ("signings", n), TCD.Signing, s)
        e.add(claim, TCD.event, iri)
        e.ref(claim, TCD.document, s.document, "Signing.document")
        e.ref(claim, TCD.signatory, s.signatory, "Signing.signatory")
        e.ref(claim, TCD.onBehalfOf, s.on_behalf_of, "Signing.on_behalf_of")
        e.concept(claim, TCD.status, s.status)
        e.date(claim, "date", s.date)


def _adoptions(e: Emitter, iri: NamedNode, m: Event) -> None:
    seen: dict[str, int] = {}
    for n, a in enumerate(m.adoptions):
        key = claim_key(slug_of(a.document), seen)
        claim = e.claim(NamedNode(f"{iri.value}/adoption/{key}"), ("adoptions", n), TCD.Adoption, a)
        e.add(claim, TCD.event, iri)
        e.ref(claim, TCD.document, a.document, "Adoption.document")
        e.concept(claim, TCD.status, a.status)


