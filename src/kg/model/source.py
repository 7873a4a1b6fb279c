"""Source records: the articles and releases every claim cites, data/sources/<slug>.yaml."""

from __future__ import annotations

from pydantic import Field

from kg.model.common import DateField, Lang, LangText, Ref, Strict, Text
from kg.vocab import SourceType


class Source(Strict):
    type: SourceType = SourceType.NEWS_ARTICLE
    title: LangText | None = None
    translated: list[Lang] = Field(default_factory=list)
    publisher: Ref
    via: Ref | None = None
    language: Lang
    published: DateField | None = None
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$",
                               description="SHA-256 of the archived plain text, lowercase hex")
    note: Text | None = None
