"""Place records: data/places/<slug>.yaml."""

from __future__ import annotations

from pydantic import Field

from kg.model.common import FormerName, Named, Ref, Sources
from kg.vocab import PlaceType


class Place(Named):
    sources: Sources
    type: PlaceType
    state: Ref
    part_of: Ref | None = None
    former_names: list[FormerName] = Field(default_factory=list)
