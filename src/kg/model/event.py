"""Event records with their participations, signings and adoptions: data/events/<yyyy>/."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, StrictInt

from kg.model.claims import Intent
from kg.model.common import Claim, Contested, DateField, LangText, Named, Ref, Slug, Sources
from kg.vocab import (
    AdoptionStatus,
    EventStatus,
    EventType,
    ParticipationRole,
    ParticipationStatus,
    SigningStatus,
    Topic,
)


class Participation(Claim):
    key: Slug | None = None
    participant: Ref
    role: ParticipationRole = ParticipationRole.PARTICIPANT
    on_behalf_of: Ref | None = None
    capacity: Ref | None = None
    status: ParticipationStatus = ParticipationStatus.ATTESTED


class Signing(Claim):
    """One signatory signing one document; `expected` is a plan, not a signing."""

    key: Slug | None = None
    document: Ref
    signatory: Ref | None = None
    on_behalf_of: Ref | None = None
    date: DateField | None = None
    status: SigningStatus


class Adoption(Claim):
    document: Ref
    status: AdoptionStatus


class Event(Named):
    CONTESTABLE: ClassVar[tuple[str, ...]] = (
        "date", "start", "end", "place", "ordinal", "status", "chair", "format", "type")

    sources: Sources
    type: EventType
    status: EventStatus
    format: Ref | None = None
    ordinal: StrictInt | None = Field(default=None, ge=1)
    date: DateField | None = None
    start: DateField | None = None
    end: DateField | None = None
    place: Ref | None = None
    part_of: Ref | None = None
    host: list[Ref] = Field(default_factory=list)
    organizer: list[Ref] = Field(default_factory=list)
    chair: Ref | None = None
    slogan: LangText | None = None
    topics: list[Topic] = Field(default_factory=list)
    participants: list[Participation] = Field(default_factory=list)
    signings: list[Signing] = Field(default_factory=list)
    adoptions: list[Adoption] = Field(default_factory=list)
    intents: list[Intent] = Field(default_factory=list)
    contested: Contested = Field(default_factory=dict)
