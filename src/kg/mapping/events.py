"""Mapping of events with their participations, signings, adoptions and intents."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.mapping import claims
from kg.mapping.emit import Emitter, claim_key, slug_of
from kg.model import Event
from kg.namespaces import DCTERMS, SCHEMA, TCD, XSD


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
    e.refs(iri, TCD.host, m.host, "Event.host")
    e.refs(iri, SCHEMA.organizer, m.organizer, "Event.organizer")
    e.ref(iri, TCD.chair, m.chair, "Event.chair")
    e.lang_text(iri, TCD.slogan, m.slogan)
    for topic in m.topics:
        e.concept(iri, DCTERMS.subject, topic)
    _participations(e, iri, m)
    _signings(e, iri, m)
    _adoptions(e, iri, m)
    claims.intents(e, iri, m.intents)


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


