"""Place records: data/places/<slug>.yaml."""

from __future__ import annotations

from pydantic import Field

from kg.model.common import Claim, DateField, LangText, Named, Ref, Sources
from kg.vocab import PlaceType


class HistoricName(Claim):
    """A name the place had for a period, as a source gives it (Nur-Sultan, 2019–2022)."""

    name: LangText
    start: DateField | None = None
    end: DateField | None = None


class Place(Named):
    sources: Sources
    type: PlaceType
    state: Ref
    part_of: Ref | None = None
    historic_names: list[HistoricName] = Field(default_factory=list)
