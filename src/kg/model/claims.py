"""Claims shared by several record kinds: posts, memberships, chairmanships, intents."""

from __future__ import annotations

from pydantic import Field

from kg.model.common import Claim, DateField, Lang, LangText, Ref, Slug, Strict, Text
from kg.vocab import ChairmanshipStatus, IntentStatus, MembershipRole


class PostDeclaration(Strict):
    """An office in a state or organization, declared in its file (`post/<id>`)."""

    id: Slug
    name: LangText
    alt_names: dict[Lang, list[Text]] = Field(default_factory=dict)
    translated: list[Lang] = Field(default_factory=list)
    note: Text | None = None


class PostHolding(Claim):
    """A person holds a post: from `start` to `end`, or on the `attested` date."""

    post: Ref
    start: DateField | None = None
    end: DateField | None = None
    attested: DateField | None = None


class Membership(Claim):
    member: Ref
    role: MembershipRole = MembershipRole.MEMBER
    start: DateField | None = None
    end: DateField | None = None
    attested: DateField | None = None


class Chairmanship(Claim):
    """A state chairs the organization or format for a period, handed over at an event."""

    chair: Ref
    status: ChairmanshipStatus = ChairmanshipStatus.HELD
    start: DateField | None = None
    end: DateField | None = None
    attested: DateField | None = None
    started_at: Ref | None = None
    handed_over_from: Ref | None = None


class Intent(Claim):
    """What a source says will happen, never a fact: a plan, an expectation, a proposal."""

    id: Slug
    statement: LangText
    translated: list[Lang] = Field(default_factory=list)
    status: IntentStatus = IntentStatus.PLANNED
    stated_by: Ref | None = None
    about: list[Ref] = Field(default_factory=list)
    place: Ref | None = None
    expected: DateField | None = None
