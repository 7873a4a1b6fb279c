"""Record kinds, the folder each lives in (`kg.kinds`), and the model that reads it."""

from __future__ import annotations

from kg.kinds import KIND_DIRS, YEAR_FOLDERS, Kind
from kg.model.document import Document
from kg.model.event import Event
from kg.model.format import Format
from kg.model.organization import Organization
from kg.model.person import Person
from kg.model.place import Place
from kg.model.source import Source
from kg.model.state import State

RecordModel = Person | State | Organization | Place | Format | Event | Document | Source

KIND_MODELS: dict[Kind, type[RecordModel]] = {
    Kind.PERSON: Person,
    Kind.STATE: State,
    Kind.ORGANIZATION: Organization,
    Kind.PLACE: Place,
    Kind.FORMAT: Format,
    Kind.EVENT: Event,
    Kind.DOCUMENT: Document,
    Kind.SOURCE: Source,
}

__all__ = ["KIND_DIRS", "KIND_MODELS", "YEAR_FOLDERS", "Kind", "RecordModel"]
