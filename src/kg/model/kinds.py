"""Record kinds, the folder each lives in, and the model that reads it."""

from __future__ import annotations

import enum

from kg.model.document import Document
from kg.model.event import Event
from kg.model.format import Format
from kg.model.organization import Organization
from kg.model.person import Person
from kg.model.place import Place
from kg.model.source import Source
from kg.model.state import State


class Kind(enum.StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"
    PLACE = "place"
    FORMAT = "format"
    EVENT = "event"
    DOCUMENT = "document"
    SOURCE = "source"
    POST = "post"


RecordModel = Person | State | Organization | Place | Format | Event | Document | Source

#: folder under data/ -> kind of the records in it (posts are declared inside records)
KIND_DIRS: dict[str, Kind] = {
    "persons": Kind.PERSON,
    "states": Kind.STATE,
    "organizations": Kind.ORGANIZATION,
    "places": Kind.PLACE,
    "formats": Kind.FORMAT,
    "events": Kind.EVENT,
    "documents": Kind.DOCUMENT,
    "sources": Kind.SOURCE,
}

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

#: kinds whose files sit one level deeper, in a year folder (`2024`) or `undated`
YEAR_FOLDERS = {Kind.EVENT, Kind.DOCUMENT}
