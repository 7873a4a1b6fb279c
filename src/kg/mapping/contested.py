"""Disagreeing sources in RDF: one value statement per sourced value of a contested field.

`<subject>/value/<field>/1` is the preferred value (the one the subject itself holds), with
the reason it is preferred; `/2`, `/3` ... are the other values, in the order written. Each is
a tcd:ValueStatement citing its own sources: `tcd:statementOf` the record or claim,
`tcd:statedProperty` the property the field maps to, `tcd:value` the value and `tcd:rank`
preferred or normal (Wikidata's statement ranks). The subject gets `tcd:contested`, the names
of its contested fields (`date, place`), so that queries can mark a row in one pattern.
"""

from __future__ import annotations

import enum
from typing import Any

from pydantic import BaseModel
from pyoxigraph import Literal, NamedNode

from kg.coverage.contested import parse_value
from kg.dates import Date
from kg.mapping.emit import Emitter, concept_term
from kg.namespaces import EDTF, SCHEMA, SKOS, TCD, XSD, record_iri
from kg.references import REF_KINDS, resolve
from kg.vocab import Rank

_PROPERTY = {
    "date": TCD.date, "start": TCD.startDate, "end": TCD.endDate, "attested": TCD.attestedDate,
    "place": SCHEMA.location, "ordinal": TCD.ordinal, "status": TCD.status, "role": TCD.role,
    "chair": TCD.chair, "format": TCD.format,
}
_TYPE_PROPERTY = {"Event": TCD.eventType, "Document": TCD.documentType}


def property_of(model: BaseModel, field: str) -> NamedNode:
    """The RDF property a contestable field maps to."""
    if field == "type":
        return _TYPE_PROPERTY[type(model).__name__]
    return _PROPERTY[field]


def value_statements(e: Emitter, subject: NamedNode, model: BaseModel, at: tuple[Any, ...]
                     ) -> None:
    """The value statements of every contested field of the record or claim."""
    fields = getattr(model, "contested", None)
    if not fields:
        return
    e.add(subject, TCD.contested, Literal(", ".join(sorted(fields))))
    for field, spec in sorted(fields.items()):
        prop = property_of(model, field)
        here = (*at, "contested", field)
        first = _statement(e, subject, 1, here, prop, _term(e, model, field, getattr(model, field)),
                           Rank.PREFERRED, spec.preferred_sources)
        e.text(first, TCD.rankReason, spec.reason)
        for n, other in enumerate(spec.others):
            node = _statement(e, subject, n + 2, (*here, "others", n), prop,
                              _term(e, model, field, parse_value(model, field, other.value)),
                              Rank.NORMAL, other.sources)
            e.text(node, SKOS.note, other.note)


def _statement(e: Emitter, subject: NamedNode, n: int, at: tuple[Any, ...], prop: NamedNode,
               value: NamedNode | Literal | None, rank: Rank, sources: Any) -> NamedNode:
    iri = NamedNode(f"{subject.value}/value/{_field_segment(prop)}/{n}")
    e.subject(iri, at, TCD.Claim, TCD.ValueStatement)
    e.add(iri, TCD.statementOf, subject)
    e.add(iri, TCD.statedProperty, prop)
    if value is not None:
        e.add(iri, TCD.value, value)
    e.concept(iri, TCD.rank, rank)
    e.cite(iri, sources)
    return iri


def _field_segment(prop: NamedNode) -> str:
    local = prop.value.rpartition("#")[2].rpartition("/")[2]
    return {"startDate": "start", "endDate": "end", "attestedDate": "attested",
            "location": "place", "eventType": "type", "documentType": "type"}.get(local, local)


def _term(e: Emitter, model: BaseModel, field: str, value: Any) -> NamedNode | Literal | None:
    if isinstance(value, Date):
        return Literal(value.text, datatype=NamedNode(EDTF))
    if isinstance(value, enum.StrEnum):
        return concept_term(value)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.positiveInteger)
    kind, _problem = resolve(e.index, value, REF_KINDS[f"{type(model).__name__}.{field}"])
    return record_iri(kind.value, value.rpartition("/")[2]) if kind is not None else None
