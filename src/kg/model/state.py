"""State records: data/states/<slug>.yaml (posts of the state may be declared here)."""

from __future__ import annotations

from pydantic import Field

from kg.model.claims import PostDeclaration
from kg.model.common import Named, Sources
from kg.vocab import Recognition


class State(Named):
    sources: Sources
    iso_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$",
                                 description="ISO 3166-1 alpha-2; omit where none exists")
    recognition: Recognition = Recognition.RECOGNIZED
    posts: list[PostDeclaration] = Field(default_factory=list)
