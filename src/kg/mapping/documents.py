"""Mapping of documents with their approvals and intents."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.mapping import claims
from kg.mapping.emit import Emitter, claim_key, slug_of
from kg.model import Document
from kg.namespaces import DCTERMS, TCD


def document(e: Emitter, iri: NamedNode, m: Document) -> None:
    e.subject(iri, (), TCD.Document)
    e.names(iri, m.title, m.alt_titles, m.translated)
    e.names(iri, m.title, {}, [], label=DCTERMS.title)
    e.concept(iri, TCD.documentType, m.type)
    e.concept(iri, TCD.status, m.status)
    e.date(iri, "date", m.date)
    if m.period is not None:
        e.date(iri, "start", m.period.start)
        e.date(iri, "end", m.period.end)
    e.refs(iri, TCD.author, m.authors, "Document.authors")
    e.refs(iri, TCD.party, m.parties, "Document.parties")
    e.refs(iri, TCD.about, m.about, "Document.about")
    e.refs(iri, TCD.implements, m.implements, "Document.implements")
    for topic in m.topics:
        e.concept(iri, DCTERMS.subject, topic)
    seen: dict[str, int] = {}
    for n, approval in enumerate(m.approved_by):
        key = claim_key(slug_of(approval.by), seen)
        claim = e.claim(NamedNode(f"{iri.value}/approval/{key}"), ("approved_by", n),
                        TCD.Approval, approval)
        e.add(claim, TCD.document, iri)
        e.ref(claim, TCD.approvedBy, approval.by, "Approval.by")
        e.concept(claim, TCD.status, approval.status)
    claims.intents(e, iri, m.intents)
    _lifecycle(e, iri, m)


def _lifecycle(e: Emitter, iri: NamedNode, m: Document) -> None:
    """Ratifications by the parties and entries into force (for one party, or for all)."""
    seen: dict[str, int] = {}
    for n, r in enumerate(m.ratifications):
        key = claim_key(r.key or slug_of(r.party), seen)
        claim = e.claim(NamedNode(f"{iri.value}/ratification/{key}"), ("ratifications", n),
                        TCD.Ratification, r)
        e.add(claim, TCD.document, iri)
        e.ref(claim, TCD.ratifyingParty, r.party, "Ratification.party")
        e.concept(claim, TCD.status, r.status)
        e.date(claim, "date", r.date)
    seen = {}
    for n, f in enumerate(m.entry_into_force):
        key = claim_key(f.key or (slug_of(f.party) if f.party else "all-parties"), seen)
        claim = e.claim(NamedNode(f"{iri.value}/entry-into-force/{key}"),
                        ("entry_into_force", n), TCD.EntryIntoForce, f)
        e.add(claim, TCD.document, iri)
        e.ref(claim, TCD.forParty, f.party, "EntryIntoForce.party")
        e.concept(claim, TCD.status, f.status)
        e.date(claim, "date", f.date)


