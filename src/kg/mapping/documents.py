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


