"""Organization records: data/organizations/<slug>.yaml, with members, chairs and posts."""

from __future__ import annotations

from pydantic import Field

from kg.model.claims import Chairmanship, Intent, Membership, PostDeclaration
from kg.model.common import FormerName, Named, Ref, Sources
from kg.vocab import OrganizationType


class Organization(Named):
    sources: Sources
    type: OrganizationType
    part_of: Ref | None = None
    state: Ref | None = None
    headquarters: Ref | None = None
    members: list[Membership] = Field(default_factory=list)
    chairmanships: list[Chairmanship] = Field(default_factory=list)
    former_names: list[FormerName] = Field(default_factory=list)
    posts: list[PostDeclaration] = Field(default_factory=list)
    intents: list[Intent] = Field(default_factory=list)
