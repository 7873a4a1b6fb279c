"""Completeness warnings for meeting series (SPEC §11): what a format's `known_editions` says
exists but no event records, and editions recorded without participants.

- W601 known ordinals with no event of the format (a gap: no edition record, so no source);
- W602 a year whose recorded editions differ from the count `per_year` declares;
- W603 an edition (a `held` event of a format that declares its known editions) with no
  participant, itself or in a sub-event;
- W604 an edition whose ordinal lies beyond the known `last` one;
- W605 two editions of one format with the same ordinal.
"""

from __future__ import annotations

from collections import defaultdict

from kg.errors import Finding, Severity
from kg.load import Record
from kg.model import Event, Format
from kg.model.kinds import Kind
from kg.vocab import EventStatus


def _slug(ref: str) -> str:
    return ref.rpartition("/")[2]


def _warn(record: Record, at: tuple[str | int, ...], code: str, message: str) -> Finding:
    return Finding(record.locations.at(at, key=True), Severity.WARNING, code, message)


def _year(event: Event) -> int | None:
    when = event.date or event.start
    return when.earliest.year if when is not None else None


def _ranges(numbers: list[int]) -> str:
    """`1, 3-5, 9`."""
    out: list[str] = []
    for n in numbers:
        if out and n == int(out[-1].rpartition("-")[2]) + 1:
            out[-1] = f"{out[-1].partition('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def completeness_findings(records: list[Record]) -> list[Finding]:
    """Warnings about the editions of every format (see the module docstring)."""
    editions: dict[str, list[Record]] = defaultdict(list)
    with_participants: set[str] = set()
    for record in records:
        if record.kind is Kind.EVENT and isinstance(record.model, Event):
            if record.model.format is not None:
                editions[_slug(record.model.format)].append(record)
            if record.model.participants:
                with_participants.add(record.slug)
                if record.model.part_of is not None:
                    with_participants.add(_slug(record.model.part_of))
    findings: list[Finding] = []
    for record in records:
        if record.kind is Kind.FORMAT and isinstance(record.model, Format):
            findings += _format_findings(record, editions.get(record.slug, []))
    declared = {r.slug for r in records
                if isinstance(r.model, Format) and r.model.known_editions is not None}
    for slug, events in editions.items():
        if slug not in declared:
            continue
        for event in events:
            model = event.model
            assert isinstance(model, Event)
            if model.status is EventStatus.HELD and event.slug not in with_participants:
                findings.append(_warn(event, (), "W603", (
                    f"edition '{event.slug}' has no participant: add the heads of delegation "
                    "a source names, in it or in one of its sub-events")))
    return findings


def _format_findings(record: Record, events: list[Record]) -> list[Finding]:
    model = record.model
    assert isinstance(model, Format)
    findings: list[Finding] = []
    by_ordinal: dict[int, Record] = {}
    for event in sorted(events, key=lambda e: e.path):
        ordinal = event.model.ordinal  # type: ignore[union-attr]
        if ordinal is None:
            continue
        if ordinal in by_ordinal:
            findings.append(_warn(event, ("ordinal",), "W605", (
                f"editions '{by_ordinal[ordinal].slug}' and '{event.slug}' of format "
                f"'{record.slug}' both have ordinal {ordinal}: correct one, or keep the "
                "other numbering under `contested.ordinal`")))
        else:
            by_ordinal[ordinal] = event
    known = model.known_editions
    if known is None:
        return findings
    last = known.last if known.last is not None else max(by_ordinal, default=known.first - 1)
    if known.last is not None:
        for ordinal, event in sorted(by_ordinal.items()):
            if ordinal > known.last:
                findings.append(_warn(event, ("ordinal",), "W604", (
                    f"edition '{event.slug}' has ordinal {ordinal}, beyond the last known "
                    f"edition ({known.last}) of format '{record.slug}': raise "
                    "`known_editions.last` with a source")))
    missing = [n for n in range(known.first, last + 1) if n not in by_ordinal]
    if missing:
        findings.append(_warn(record, ("known_editions",), "W601", (
            f"format '{record.slug}' has no event for edition{'s' if len(missing) > 1 else ''} "
            f"{_ranges(missing)} of {known.first}-{last}: add {'them' if len(missing) > 1 else 'it'}"
            " with {0} sources, or correct `known_editions`".format(
                "their" if len(missing) > 1 else "its"))))
    per_year: dict[int, list[str]] = defaultdict(list)
    for event in events:
        year = _year(event.model)  # type: ignore[arg-type]
        if year is not None:
            per_year[year].append(event.slug)
    for year, count in sorted(known.per_year.items()):
        found = len(per_year.get(year, []))
        if found != count:
            findings.append(_warn(record, ("known_editions", "per_year", year), "W602", (
                f"format '{record.slug}' had {count} edition{'s' if count != 1 else ''} in "
                f"{year}, {found} recorded: "
                + ("add the missing ones" if found < count
                   else "correct `known_editions.per_year`"))))
    return findings
