"""Document records: data/documents/<yyyy or undated>/<slug>.yaml."""

from __future__ import annotations

from pydantic import Field

from kg.model.claims import Intent
from kg.model.common import Claim, DateField, Lang, LangText, Period, Ref, Sources, Strict, Text
from kg.vocab import ApprovalStatus, DocumentStatus, DocumentType, Topic


class Approval(Claim):
    """This document is approved by another one (the Joint Statement approved the Roadmap)."""

    by: Ref
    status: ApprovalStatus


class Document(Strict):
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
