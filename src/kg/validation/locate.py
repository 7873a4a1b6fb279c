"""Where a validation result belongs: a graph node (and property) → fact file, line, column.

The location index gives the line of each record and claim; for a result about one property
we go further, to the line of the YAML key that property was written from (`name:`, `end:`).
"""

from __future__ import annotations

import re

from kg.errors import SourceLocation
from kg.load import Record
from kg.namespaces import ID, VOCAB
from kg.pipeline import Compiled

UNLOCATED = "(graph)"
_DATE_SUFFIX = re.compile(r"(?<=[a-z])(Date|Earliest|Latest)$")
_CAMEL = re.compile(r"(?<=[a-z0-9])([A-Z])")

#: local name of a predicate → YAML field paths it may come from, when not its snake_case
_FIELDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "label": (("name",), ("title",)),
    "altLabel": (("alt_names",), ("alt_titles",)),
    "translatedLabel": (("translated",),),
    "wasDerivedFrom": (("sources",),),
    "eventType": (("type",), ("event_type",)),
    "documentType": (("type",),),
    "organizationType": (("type",),),
    "placeType": (("type",),),
    "sourceType": (("type",),),
    "start": (("start",), ("period", "start")),
    "end": (("end",), ("period", "end")),
    "subOrganizationOf": (("part_of",),),
    "containedInPlace": (("part_of",),),
    "superEvent": (("part_of",),),
    "location": (("place",),),
    "subject": (("topics",),),
    "party": (("parties",),),
    "author": (("authors",),),
    "basedIn": (("state",),),
    "inState": (("state",),),
    "formatOf": (("organization",),),
    "approvedBy": (("by",),),
    "rankReason": (("reason",),),
    "ratifyingParty": (("party",),),
    "forParty": (("party",),),
}


def fields_of(predicate: str) -> tuple[tuple[str, ...], ...]:
    """The YAML field paths a predicate IRI may have been written from."""
    local = re.split(r"[#/]", predicate)[-1]
    base = _DATE_SUFFIX.sub("", local)
    return _FIELDS.get(base, ((_CAMEL.sub(r"_\1", base).lower(),),))


def show(value: str, *, iri: bool) -> str:
    """A term as curators write it: `person/tokayev`, a vocabulary value, or quoted text."""
    if iri and value.startswith(ID):
        return f"'{value[len(ID):]}'"
    if iri and value.startswith(VOCAB):
        return f"'{value.rsplit('/', 1)[1]}'"
    return f"<{value}>" if iri else f"'{value}'"


class Locator:
    """Maps subjects (and their properties) of the compiled graph back to fact files."""

    def __init__(self, compiled: Compiled) -> None:
        self.graph = compiled.graph
        self.records = {record.path: record for record in compiled.records}
        self._yaml_paths: dict[str, dict[tuple[int, int], tuple[str | int, ...]]] = {}

    def locate(self, iri: str, predicate: str | None = None) -> SourceLocation:
        """The fact-file location of a subject, or of the key its `predicate` was written at."""
        where = self.graph.location_of(iri)
        if where is None:
            return SourceLocation(UNLOCATED)
        record = self.records.get(where.path)
        if record is None or predicate is None or iri not in self.graph.locations:
            return where  # a node the fact file does not write itself: its record's line
        at = self._yaml_path(record, where)
        for field in fields_of(predicate):
            key = record.locations.keys.get((*at, *field))
            if key is not None:
                return SourceLocation(where.path, *key)
        return where

    def _yaml_path(self, record: Record, where: SourceLocation) -> tuple[str | int, ...]:
        table = self._yaml_paths.get(record.path)
        if table is None:
            table = {}
            for path, position in record.locations.values.items():
                table.setdefault(position, path)
            self._yaml_paths[record.path] = table
        return table.get((where.line, where.col), ())
