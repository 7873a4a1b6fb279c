"""A built graph seen as records and claims: what `kg diff` compares.

Record IRIs are `.../id/<kind>/<slug>`; a claim is minted under its record
(`.../id/event/<slug>/signing/<key>`), and a claim's derivation from one source under the claim
(`.../derivation/<source>`). Derivations are folded into their claim as its sources and quotes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Triple

ID_BASE = "https://w3id.org/tcdkg/id/"
_DERIVED = ("Earliest", "Latest")  # date bounds computed from a date: its change is enough
#: folded into their claim (derivations), or derived from another field (withinEvent: the event
#: and the events enclosing it, added by the mapping for queries)
_FOLDED = {"http://www.w3.org/ns/prov#qualifiedDerivation", "https://w3id.org/tcdkg/ontology#withinEvent"}
_SOURCES = "http://www.w3.org/ns/prov#wasDerivedFrom"
_ENTITY = "http://www.w3.org/ns/prov#entity"
_QUOTE = "https://w3id.org/tcdkg/ontology#quote"
NAME_FIELDS = ("label", "prefLabel", "altLabel", "title", "name")

Value = NamedNode | Literal
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Oxigraph stores integer-derived literals as xsd:integer: compare them as it does, so a side
#: read from the query store equals the same side compiled now
_INTEGER = NamedNode(f"{_XSD}integer")
_INTEGERS = frozenset(f"{_XSD}{name}" for name in (
    "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger", "long", "int",
    "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
Fields = dict[str, frozenset[Value]]


@dataclass
class Claim:
    kind: str                       # participation, signing, post-holding, ...
    key: str                        # the rest of the claim's path: what it is about
    fields: Fields = field(default_factory=dict)
    quotes: dict[str, frozenset[str]] = field(default_factory=dict)  # source IRI -> quotes

    @property
    def sources(self) -> frozenset[Value]:
        return self.fields.get("wasDerivedFrom", frozenset())


@dataclass
class RecordSnapshot:
    fields: Fields = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    quotes: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass
class Snapshot:
    records: dict[str, RecordSnapshot]

    def label(self, iri: str, lang: str) -> str | None:
        """The record's label in `lang`, else English, else any (smallest value first)."""
        record = self.records.get(iri)
        if record is None:
            return None
        labels = [v for v in record.fields.get("label", ()) if isinstance(v, Literal)]
        for wanted in (lang, "en", None):
            chosen = sorted(v.value for v in labels if wanted is None or v.language == wanted)
            if chosen:
                return chosen[0]
        return None


def field_name(predicate: str) -> str:
    """The local name of a predicate: `status`, `onBehalfOf`, `label`."""
    return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def take_snapshot(triples: Iterable[Triple]) -> Snapshot:
    """Group the triples about record and claim IRIs by record, then by claim."""
    by_subject: dict[str, dict[str, set[Value]]] = defaultdict(lambda: defaultdict(set))
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if not isinstance(subject, NamedNode) or not subject.value.startswith(ID_BASE):
            continue
        if predicate in _FOLDED or predicate.endswith(_DERIVED) or not isinstance(obj, NamedNode | Literal):
            continue
        if isinstance(obj, Literal) and obj.datatype.value in _INTEGERS:
            obj = Literal(obj.value, datatype=_INTEGER)
        by_subject[subject.value][predicate].add(obj)
    records: dict[str, RecordSnapshot] = {}
    derivations: list[tuple[str, dict[str, set[Value]]]] = []
    for iri, predicates in by_subject.items():
        path = iri[len(ID_BASE):].split("/")
        if len(path) >= 2 and path[-2] == "derivation":
            derivations.append((iri, predicates))
            continue
        record = records.setdefault(ID_BASE + "/".join(path[:2]), RecordSnapshot())
        fields = {field_name(p): frozenset(v) for p, v in predicates.items()}
        if len(path) <= 2:
            record.fields = fields
        else:
            record.claims[iri] = Claim(path[2], "/".join(path[3:]), fields)
    for iri, predicates in derivations:
        _fold_derivation(records, iri, predicates)
    return Snapshot(records)


def _fold_derivation(records: dict[str, RecordSnapshot], iri: str, predicates: dict[str, set[Value]]) -> None:
    owner = iri.rsplit("/", 2)[0]
    path = owner[len(ID_BASE):].split("/")
    record = records.setdefault(ID_BASE + "/".join(path[:2]), RecordSnapshot())
    target = record.quotes if len(path) <= 2 else (
        record.claims[owner].quotes if owner in record.claims else None)
    if target is None:
        return
    quotes = frozenset(q.value for q in predicates.get(_QUOTE, ()) if isinstance(q, Literal))
    for source in predicates.get(_ENTITY, ()):
        target[source.value] = quotes
