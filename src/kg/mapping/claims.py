"""Claims that several record kinds carry: post holdings, memberships, chairmanships, intents."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.mapping.emit import Emitter, claim_key, slug_of
from kg.model.claims import Chairmanship, Intent, Membership, PostDeclaration, PostHolding
from kg.namespaces import ORG, SCHEMA, TCD, record_iri


def posts(e: Emitter, owner: NamedNode, declared: list[PostDeclaration]) -> None:
    for n, post in enumerate(declared):
        iri = e.subject(record_iri("post", post.id), ("posts", n), TCD.Post)
        e.names(iri, post.name, post.alt_names, post.translated)
        e.add(iri, ORG.postIn, owner)
        e.note(iri, post.note)


def post_holdings(e: Emitter, person: NamedNode, holdings: list[PostHolding]) -> None:
    seen: dict[str, int] = {}
    for n, holding in enumerate(holdings):
        key = claim_key(slug_of(holding.post), seen)
        iri = e.claim(NamedNode(f"{person.value}/post-holding/{key}"), ("posts", n),
                      TCD.PostHolding, holding)
        e.add(iri, TCD.holder, person)
        e.ref(iri, TCD.post, holding.post, "PostHolding.post")
        e.date(iri, "start", holding.start)
        e.date(iri, "end", holding.end)
        e.date(iri, "attested", holding.attested)


def memberships(e: Emitter, organization: NamedNode, members: list[Membership]) -> None:
    seen: dict[str, int] = {}
    for n, membership in enumerate(members):
        key = claim_key(slug_of(membership.member), seen)
        iri = e.claim(NamedNode(f"{organization.value}/membership/{key}"), ("members", n),
                      TCD.Membership, membership)
        e.add(iri, ORG.organization, organization)
        e.ref(iri, ORG.member, membership.member, "Membership.member")
        e.concept(iri, TCD.role, membership.role)
        e.date(iri, "start", membership.start)
        e.date(iri, "end", membership.end)
        e.date(iri, "attested", membership.attested)


def chairmanships(e: Emitter, body: NamedNode, chairs: list[Chairmanship]) -> None:
    seen: dict[str, int] = {}
    for n, chair in enumerate(chairs):
        key = claim_key(slug_of(chair.chair), seen)
        iri = e.claim(NamedNode(f"{body.value}/chairmanship/{key}"), ("chairmanships", n),
                      TCD.Chairmanship, chair)
        e.add(iri, TCD.chairedBody, body)
        e.ref(iri, TCD.chair, chair.chair, "Chairmanship.chair")
        e.concept(iri, TCD.status, chair.status)
        e.date(iri, "start", chair.start)
        e.date(iri, "end", chair.end)
        e.date(iri, "attested", chair.attested)
        e.ref(iri, TCD.startedAt, chair.started_at, "Chairmanship.started_at")
        e.ref(iri, TCD.handedOverFrom, chair.handed_over_from, "Chairmanship.handed_over_from")


def intents(e: Emitter, owner: NamedNode, stated: list[Intent]) -> None:
    for n, intent in enumerate(stated):
        iri = e.claim(NamedNode(f"{owner.value}/intent/{intent.id}"), ("intents", n),
                      TCD.Intent, intent)
        e.add(iri, TCD.concerns, owner)
        e.names(iri, intent.statement, {}, intent.translated, label=TCD.statement)
        e.concept(iri, TCD.status, intent.status)
        e.ref(iri, TCD.statedBy, intent.stated_by, "Intent.stated_by")
        e.refs(iri, TCD.about, intent.about, "Intent.about")
        e.ref(iri, SCHEMA.location, intent.place, "Intent.place")
        e.date(iri, "expected", intent.expected)
