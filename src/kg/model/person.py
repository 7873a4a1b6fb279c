"""Person records: data/persons/<slug>.yaml."""

from __future__ import annotations

from pydantic import Field

from kg.model.claims import PostHolding
from kg.model.common import Named, Sources


class Person(Named):
    sources: Sources
    posts: list[PostHolding] = Field(default_factory=list)
