"""Document records: data/documents/<yyyy or undated>/<slug>.yaml."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from kg.model.claims import Intent
from kg.model.common import (
    Claim,
    Contested,
    DateField,
    Identified,
    Lang,
    LangText,
    Period,
    Ref,
    Slug,
    Sources,
    Text,
)
from kg.vocab import (
    ApprovalStatus,
    DocumentStatus,
    DocumentType,
    EntryIntoForceStatus,
    RatificationStatus,
    Topic,
)


class Approval(Claim):
    """This document is approved by another one (the Joint Statement approved the Roadmap)."""

    by: Ref
    status: ApprovalStatus


class Ratification(Claim):
    """A party ratified the document (a treaty, an agreement), on a date where a source gives it."""

    key: Slug | None = None
    party: Ref
    date: DateField | None = None
    status: RatificationStatus = RatificationStatus.RATIFIED


class EntryIntoForce(Claim):
    """The document entered into force: for the `party` named, else for all its parties."""

    key: Slug | None = None
    party: Ref | None = None
    date: DateField | None = None
    status: EntryIntoForceStatus = EntryIntoForceStatus.IN_FORCE


class Document(Identified):
    CONTESTABLE: ClassVar[tuple[str, ...]] = ("date", "status", "type")

    title: LangText
    alt_titles: dict[Lang, list[Text]] = Field(default_factory=dict)
    translated: list[Lang] = Field(default_factory=list)
    note: Text | None = None
    sources: Sources
    type: DocumentType
    status: DocumentStatus
    date: DateField | None = None
    period: Period | None = None
    authors: list[Ref] = Field(default_factory=list)
    parties: list[Ref] = Field(default_factory=list)
    about: list[Ref] = Field(default_factory=list)
    implements: list[Ref] = Field(default_factory=list)
    approved_by: list[Approval] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    intents: list[Intent] = Field(default_factory=list)
    ratifications: list[Ratification] = Field(default_factory=list)
    entry_into_force: list[EntryIntoForce] = Field(default_factory=list)
    contested: Contested = Field(default_factory=dict)
