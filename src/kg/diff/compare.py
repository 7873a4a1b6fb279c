"""Two snapshots -> the records and claims added, removed and changed, in a stable order."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from kg.diff.snapshot import NAME_FIELDS, Claim, Fields, RecordSnapshot, Snapshot, Value

_SOURCE_FIELD = "wasDerivedFrom"
_QUIET = {"type"}  # rdf:type of a claim follows from its kind; a record's kind is in its IRI


class Change(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNREADABLE = "not compared"  # the record has errors on one side and could not be loaded there


@dataclass
class FieldChange:
    """One field of a record or claim: the values it lost and gained."""

    name: str
    old: list[Value]
    new: list[Value]


@dataclass
class QuoteChange:
    source: str
    old: list[str]
    new: list[str]


@dataclass
class ClaimChange:
    iri: str
    kind: str
    key: str
    change: Change
    fields: list[FieldChange] = field(default_factory=list)
    sources_added: list[Value] = field(default_factory=list)
    sources_removed: list[Value] = field(default_factory=list)
    quotes: list[QuoteChange] = field(default_factory=list)


@dataclass
class RecordChange:
    iri: str
    change: Change
    fields: list[FieldChange] = field(default_factory=list)
    names: list[FieldChange] = field(default_factory=list)
    sources_added: list[Value] = field(default_factory=list)
    sources_removed: list[Value] = field(default_factory=list)
    quotes: list[QuoteChange] = field(default_factory=list)
    claims: list[ClaimChange] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.iri.rstrip("/").rsplit("/", 2)[-2]


@dataclass
class Diff:
    records: list[RecordChange]

    @property
    def empty(self) -> bool:
        return not self.records

    def counts(self) -> dict[str, int]:
        """How many records and claims were added, removed and changed."""
        counts = {f"records_{c.name.lower()}": 0 for c in Change} | \
            {f"claims_{c.name.lower()}": 0 for c in Change if c is not Change.UNREADABLE}
        for record in self.records:
            counts[f"records_{record.change.name.lower()}"] += 1
            for claim in record.claims:
                counts[f"claims_{claim.change.name.lower()}"] += 1
        return counts


def diff_snapshots(old: Snapshot, new: Snapshot, unreadable: frozenset[str] = frozenset()) -> Diff:
    """The changes from `old` to `new`; records in `unreadable` (errors on a side) are only listed."""
    changes = []
    for iri in sorted(old.records.keys() | new.records.keys() | unreadable):
        if iri in unreadable:
            changes.append(RecordChange(iri, Change.UNREADABLE))
            continue
        before, after = old.records.get(iri), new.records.get(iri)
        change = _record_change(iri, before, after)
        if change is not None:
            changes.append(change)
    return Diff(changes)


def _record_change(iri: str, before: RecordSnapshot | None, after: RecordSnapshot | None) -> RecordChange | None:
    kind = Change.ADDED if before is None or not before.fields else \
        Change.REMOVED if after is None or not after.fields else Change.CHANGED
    old, new = before or RecordSnapshot(), after or RecordSnapshot()
    fields = _field_changes(old.fields, new.fields)
    result = RecordChange(iri, kind,
                          fields=[f for f in fields if f.name not in NAME_FIELDS and f.name != _SOURCE_FIELD],
                          names=[f for f in fields if f.name in NAME_FIELDS])
    result.sources_added, result.sources_removed = _source_changes(old.fields, new.fields)
    result.quotes = _quote_changes(old.quotes, new.quotes)
    for claim_iri in sorted(old.claims.keys() | new.claims.keys()):
        claim = _claim_change(claim_iri, old.claims.get(claim_iri), new.claims.get(claim_iri))
        if claim is not None:
            result.claims.append(claim)
    touched = result.fields or result.names or result.sources_added or result.sources_removed \
        or result.quotes or result.claims
    return result if touched or kind is not Change.CHANGED else None


def _claim_change(iri: str, before: Claim | None, after: Claim | None) -> ClaimChange | None:
    some = after or before
    assert some is not None
    kind = Change.ADDED if before is None else Change.REMOVED if after is None else Change.CHANGED
    old_fields = before.fields if before else {}
    new_fields = after.fields if after else {}
    fields = [f for f in _field_changes(old_fields, new_fields) if f.name != _SOURCE_FIELD]
    added, removed = _source_changes(old_fields, new_fields)
    quotes = _quote_changes(before.quotes if before else {}, after.quotes if after else {})
    if kind is Change.CHANGED and not (fields or added or removed or quotes):
        return None
    return ClaimChange(iri, some.kind, some.key, kind, fields, added, removed, quotes)


def _field_changes(old: Fields, new: Fields) -> list[FieldChange]:
    changes = []
    for name in sorted(old.keys() | new.keys()):
        if name in _QUIET:
            continue
        before, after = old.get(name, frozenset()), new.get(name, frozenset())
        if before != after:
            changes.append(FieldChange(name, _sorted(before - after), _sorted(after - before)))
    return changes


def _source_changes(old: Fields, new: Fields) -> tuple[list[Value], list[Value]]:
    before, after = old.get(_SOURCE_FIELD, frozenset()), new.get(_SOURCE_FIELD, frozenset())
    return _sorted(after - before), _sorted(before - after)


def _quote_changes(old: dict[str, frozenset[str]], new: dict[str, frozenset[str]]) -> list[QuoteChange]:
    changes = []
    for source in sorted(old.keys() & new.keys()):
        if old[source] != new[source]:
            changes.append(QuoteChange(source, sorted(old[source] - new[source]), sorted(new[source] - old[source])))
    return changes


def _sorted(values: frozenset[Value]) -> list[Value]:
    return sorted(values, key=str)
