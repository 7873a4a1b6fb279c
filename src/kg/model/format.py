"""Format records: a recurring meeting series, data/formats/<slug>.yaml."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, StrictInt

from kg.model.claims import Chairmanship
from kg.model.common import Claim, FormerName, Named, Ref, Sources
from kg.vocab import EventType

Year = Annotated[int, Field(ge=1000, le=9999)]


class KnownEditions(Claim):
    """The editions a source shows the format had: ordinals `first` to `last`, and/or a count per
    year. `kg validate` warns about known editions with no event record (SPEC §11)."""

    CONTESTABLE: ClassVar[tuple[str, ...]] = ("last",)

    first: StrictInt = Field(default=1, ge=1)
    last: StrictInt | None = Field(default=None, ge=1)
    per_year: dict[Year, Annotated[StrictInt, Field(ge=0)]] = Field(default_factory=dict)


class Format(Named):
    sources: Sources
    event_type: EventType
    organization: Ref | None = None
    chairmanships: list[Chairmanship] = Field(default_factory=list)
    former_names: list[FormerName] = Field(default_factory=list)
    known_editions: KnownEditions | None = None
