"""Source records: the articles and releases every claim cites, data/sources/<slug>.yaml."""

from __future__ import annotations

from pydantic import Field, model_validator

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
    unverifiable_quotes: bool = Field(
        default=False, description="true for a source whose text is not archived (no `sha256`): "
        "its quotes are kept but cannot be checked, and are counted as unverifiable")
    note: Text | None = None

    @model_validator(mode="after")
    def _archived_or_unverifiable(self) -> Source:
        if self.unverifiable_quotes and self.sha256 is not None:
            raise ValueError("a source with `sha256` has archived text, so its quotes can be "
                             "checked; remove `unverifiable_quotes`")
        return self
