"""Format records: a recurring meeting series, data/formats/<slug>.yaml."""

from __future__ import annotations

from pydantic import Field

from kg.model.claims import Chairmanship
from kg.model.common import FormerName, Named, Ref, Sources
from kg.vocab import EventType


class Format(Named):
    sources: Sources
    event_type: EventType
    organization: Ref | None = None
    chairmanships: list[Chairmanship] = Field(default_factory=list)
    former_names: list[FormerName] = Field(default_factory=list)
