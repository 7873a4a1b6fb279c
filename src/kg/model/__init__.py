"""Typed record models of the fact files, one module per record kind."""

from kg.model.document import Document
from kg.model.event import Event
from kg.model.format import Format
from kg.model.kinds import KIND_DIRS, KIND_MODELS, Kind, RecordModel
from kg.model.organization import Organization
from kg.model.person import Person
from kg.model.place import Place
from kg.model.source import Source
from kg.model.state import State

__all__ = [
    "KIND_DIRS",
    "KIND_MODELS",
    "Document",
    "Event",
    "Format",
    "Kind",
    "Organization",
    "Person",
    "Place",
    "RecordModel",
    "Source",
    "State",
]
