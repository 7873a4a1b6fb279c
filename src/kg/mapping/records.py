"""Mapping of the records that are not events or documents."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.mapping import claims
from kg.mapping.emit import Emitter
from kg.model import Format, Organization, Person, Place, Source, State
from kg.model.common import FormerName
from kg.namespaces import DCTERMS, ORG, RDFS, SCHEMA, TCD


def person(e: Emitter, iri: NamedNode, m: Person) -> None:
    e.subject(iri, (), TCD.Person)
    claims.post_holdings(e, iri, m.posts)


def state(e: Emitter, iri: NamedNode, m: State) -> None:
    e.subject(iri, (), TCD.State)
    e.text(iri, TCD.isoCode, m.iso_code)
    e.concept(iri, TCD.recognition, m.recognition)
    claims.posts(e, iri, m.posts)


def organization(e: Emitter, iri: NamedNode, m: Organization) -> None:
    e.subject(iri, (), TCD.Organization)
    e.concept(iri, TCD.organizationType, m.type)
    e.ref(iri, ORG.subOrganizationOf, m.part_of, "Organization.part_of")
    e.ref(iri, TCD.basedIn, m.state, "Organization.state")
    e.ref(iri, TCD.headquarters, m.headquarters, "Organization.headquarters")
    claims.posts(e, iri, m.posts)
    claims.memberships(e, iri, m.members)
    claims.chairmanships(e, iri, m.chairmanships)
    claims.intents(e, iri, m.intents)
    former_names(e, iri, m.former_names)


def place(e: Emitter, iri: NamedNode, m: Place) -> None:
    e.subject(iri, (), TCD.Place)
    e.concept(iri, TCD.placeType, m.type)
    e.ref(iri, TCD.inState, m.state, "Place.state")
    e.ref(iri, SCHEMA.containedInPlace, m.part_of, "Place.part_of")
    former_names(e, iri, m.former_names)


def former_names(e: Emitter, iri: NamedNode, names: list[FormerName]) -> None:
    """A name node per former name: its labels, alternative labels and period."""
    for n, former in enumerate(names, start=1):
        name = e.claim(NamedNode(f"{iri.value}/former-name/{n}"), ("former_names", n - 1),
                       TCD.HistoricName, former)
        e.add(name, TCD.historicNameOf, iri)
        e.names(name, former.name, former.alt_names, former.translated)
        e.date(name, "start", former.start)
        e.date(name, "end", former.end)


def format_(e: Emitter, iri: NamedNode, m: Format) -> None:
    e.subject(iri, (), TCD.Format)
    e.concept(iri, TCD.eventType, m.event_type)
    e.ref(iri, TCD.formatOf, m.organization, "Format.organization")
    claims.chairmanships(e, iri, m.chairmanships)
    former_names(e, iri, m.former_names)


def source(e: Emitter, iri: NamedNode, m: Source) -> None:
    e.subject(iri, (), TCD.Source)
    e.concept(iri, TCD.sourceType, m.type)
    if m.title:
        e.names(iri, m.title, {}, m.translated, label=DCTERMS.title)
        e.names(iri, m.title, {}, [], label=RDFS.label)
    e.ref(iri, DCTERMS.publisher, m.publisher, "Source.publisher")
    e.ref(iri, TCD.via, m.via, "Source.via")
    e.add(iri, DCTERMS.language, Literal(m.language))
    e.date(iri, "published", m.published)
    if m.url:
        e.add(iri, SCHEMA.url, NamedNode(m.url))
    e.text(iri, TCD.sha256, m.sha256)
    e.note(iri, m.note)
