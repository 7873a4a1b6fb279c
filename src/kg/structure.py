"""Checks of one record's structure that the schema cannot express (#10.3).

- E306 two claims of one file with the same id (intents' `id`, participations' and
  signings' `key`): they would become one claim; the finding names both lines.
- W307 a signing dated more than a year before or after the event it belongs to.
- W308 an event or document file in a year folder that is not the year of its date.
- W309 a claim (or record) citing the same source twice.

Cycles of `part_of` need the whole graph: they are the checks E509/E510 (queries/checks/).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from kg.dates import Date
from kg.errors import Finding, Severity
from kg.load import Record
from kg.model.common import Citation
from kg.model.kinds import YEAR_FOLDERS
from kg.references import nested_fields

#: a signing this many days or more away from its event is suspicious
FAR = 366


def check_structure(records: list[Record]) -> list[Finding]:
    findings: list[Finding] = []
    for record in records:
        findings += _duplicate_ids(record)
        findings += _far_signings(record)
        findings += _year_folder(record)
        findings += _sources_twice(record)
    return findings


def _duplicate_ids(record: Record) -> Iterator[Finding]:
    model = record.model
    for field_name, attribute, what in (("intents", "id", "intent id"),
                                        ("participants", "key", "participation key"),
                                        ("signings", "key", "signing key")):
        first: dict[str, int] = {}
        for n, claim in enumerate(getattr(model, field_name, [])):
            value = getattr(claim, attribute, None)
            if value is None:
                continue
            if value not in first:
                first[value] = n
                continue
            here = record.locations.at((field_name, n, attribute))
            there = record.locations.at((field_name, first[value], attribute))
            yield Finding(here, Severity.ERROR, "E306",
                          f"{what} '{value}' is used twice in this file (lines {there.line} and "
                          f"{here.line}): they would become one claim; give each its own {attribute}")


def _span(dates: list[Date | None]) -> tuple[Date, Date] | None:
    known = [d for d in dates if d is not None]
    if not known:
        return None
    return min(known, key=lambda d: d.earliest), max(known, key=lambda d: d.latest)


def _far_signings(record: Record) -> Iterator[Finding]:
    model = record.model
    span = _span([getattr(model, name, None) for name in ("date", "start", "end")])
    if span is None:
        return
    first, last = span
    for n, signing in enumerate(getattr(model, "signings", [])):
        date = signing.date
        if date is None:
            continue
        before = (first.earliest - date.latest).days
        after = (date.earliest - last.latest).days
        gap, side, event = (before, "before", first) if before > 0 else (after, "after", last)
        if gap < FAR:
            continue
        years = max(1, gap // 365)
        yield Finding(record.locations.at(("signings", n, "date")), Severity.WARNING, "W307",
                      f"this signing is dated {date}, {years} year{'s' if years > 1 else ''} {side} "
                      f"its event ({event}); check the date, or record the signing at the event "
                      "where it happened")


def _year_folder(record: Record) -> Iterator[Finding]:
    if record.kind not in YEAR_FOLDERS:
        return
    path = PurePosixPath(record.path)
    if len(path.parts) < 3:
        return
    folder = path.parts[-2]
    date = getattr(record.model, "date", None) or getattr(record.model, "start", None)
    expected = str(date.earliest.year).zfill(4) if date is not None else "undated"
    if date is not None and date.earliest.year != date.latest.year:
        return
    if folder == expected or (date is None and folder != "undated"):
        return
    right = path.parent.parent / expected / path.name
    reason = f"its date is {date}" if date is not None else "it has no date"
    yield Finding(record.locations.at(()), Severity.WARNING, "W308",
                  f"this file is in {folder}/ but {reason}; move it to {right}")


def _sources_twice(record: Record) -> Iterator[Finding]:
    for at, sources in _source_lists(record.model, ()):
        seen: dict[str, int] = {}
        for n, citation in enumerate(sources):
            if citation.source not in seen:
                seen[citation.source] = n
                continue
            here = record.locations.at((*at, n))
            there = record.locations.at((*at, seen[citation.source]))
            yield Finding(here, Severity.WARNING, "W309",
                          f"source '{citation.source}' is cited twice by this claim (lines "
                          f"{there.line} and {here.line}); cite it once, with the quote that "
                          "states the fact")


def _source_lists(model: BaseModel, at: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], list[Citation]]]:
    for name in nested_fields(type(model)):
        value = getattr(model, name)
        if name == "sources" and isinstance(value, list):
            yield (*at, name), value
        elif isinstance(value, BaseModel):
            yield from _source_lists(value, (*at, name))
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _source_lists(item, (*at, name, n))
