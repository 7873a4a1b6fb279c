"""Field types and building blocks shared by every record kind."""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any, ClassVar

import langcodes
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from kg.dates import Date, parse_date

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
REF_PATTERN = r"^((person|state|organization|place|format|event|document|source|post)/)?[a-z0-9][a-z0-9-]*$"
_LANG_CASE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")


def canonical_lang(tag: str) -> str:
    """BCP 47 tag in canonical case: `kk-Latn`, `en-GB`, `zh-Hant-TW`."""
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) in (2, 3) and (part.isalpha() or part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def check_lang(tag: str) -> str:
    if not isinstance(tag, str):
        raise ValueError(f"'{tag}' is not a valid BCP 47 language tag (e.g. en, ru, kk, kk-Latn)")
    return _checked_lang(tag)


@functools.lru_cache(maxsize=1024)
def _checked_lang(tag: str) -> str:
    """`check_lang` of a string, worked out once per tag (every name of every record has one;
    a ValueError is not kept, so a bad tag is checked again where it recurs)."""
    if not langcodes.tag_is_valid(tag):
        raise ValueError(f"'{tag}' is not a valid BCP 47 language tag (e.g. en, ru, kk, kk-Latn)")
    canonical = canonical_lang(tag)
    if "_" in tag:
        raise ValueError(f"language tag '{tag}' separates its parts with '_'; BCP 47 uses '-': "
                         f"write '{canonical}'")
    if tag != canonical:
        raise ValueError(f"language tag '{tag}' is not in canonical case; write '{canonical}'")
    if not _LANG_CASE.match(tag):
        raise ValueError(f"language tag '{tag}' is not of the form language[-Script][-REGION]")
    return tag


def _date(value: Any) -> Date:
    if isinstance(value, Date):
        return value
    if type(value) in (str, int):  # not bool
        return _parsed_date(value)
    return parse_date(value)


@functools.lru_cache(maxsize=1 << 14, typed=True)
def _parsed_date(value: str | int) -> Date:
    """A date as written, parsed once (records repeat dates; a DateFormatError is not kept)."""
    return parse_date(value)


Lang = Annotated[str, AfterValidator(check_lang)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
Ref = Annotated[str, Field(pattern=REF_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
DateField = Annotated[
    Date,
    BeforeValidator(_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({
        "type": ["string", "integer"],
        "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?[?~%]?$",
        "description": "YYYY, YYYY-MM or YYYY-MM-DD, optionally ending ? (uncertain) or ~ (approximate)",
    }),
]
LangText = Annotated[dict[Lang, Text], Field(min_length=1)]
Quote = Annotated[str, Field(min_length=1, max_length=300)]


class Strict(BaseModel):
    """Base of every fact-file mapping: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False,
                              use_enum_values=False, validate_default=False)


class Citation(Strict):
    """A source, optionally with a short verbatim quote from it."""

    source: Slug
    quote: Quote | None = None


def _citation(value: Any) -> Any:
    return {"source": value} if isinstance(value, str) else value


Cite = Annotated[
    Citation,
    BeforeValidator(_citation),
    WithJsonSchema({"anyOf": [
        {"type": "string", "pattern": SLUG_PATTERN},
        {"type": "object", "required": ["source"], "additionalProperties": False,
         "properties": {"source": {"type": "string", "pattern": SLUG_PATTERN},
                        "quote": {"type": "string", "minLength": 1, "maxLength": 300}}},
    ]}),
]
Sources = Annotated[list[Cite], Field(min_length=1)]


class OtherValue(Strict):
    """A value another source gives for a contested field, with those sources. Whether it is
    valid for the field is checked after loading (`kg.coverage.contested`)."""

    value: Any = Field(description="written as the field itself would be written")
    sources: Sources
    note: Text | None = None


class ContestedField(Strict):
    """Disagreeing sources (CONTESTED.md §1): the record's own field holds the preferred
    value; this says why, which sources give it, and keeps every other sourced value."""

    reason: Text
    preferred_sources: Sources
    others: Annotated[list[OtherValue], Field(min_length=1)]


Contested = Annotated[dict[str, ContestedField], Field(
    description="other sourced values of contestable fields, by field name")]


class Claim(Strict):
    """Fields every claim has: the sources it rests on, an optional note, and the other
    values sources give for its contestable fields (`kg.model.contested`)."""

    #: fields of this claim kind that `contested:` may name (those it has among these)
    CONTESTABLE: ClassVar[tuple[str, ...]] = ("status", "date", "start", "end", "role")

    sources: Sources
    note: Text | None = None
    contested: Contested = Field(default_factory=dict)


WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"
Wikidata = Annotated[str, Field(pattern=WIKIDATA_PATTERN,
                                description="Wikidata item id (Q followed by digits), only "
                                "where a cited source shows it")]


def _citations(value: Any) -> Any:
    return [value] if isinstance(value, (str, dict)) else value


IdentifierSources = Annotated[list[Cite], BeforeValidator(_citations), Field(
    min_length=1, description="the source(s) showing the record's identifiers (wikidata)")]


class Identified(Strict):
    """External identifiers of a record, each shown by a cited source."""

    wikidata: Wikidata | None = None
    identifiers_source: IdentifierSources | None = None


class Named(Identified):
    """Names of a record: one preferred name per language, alternatives, translation marks."""

    name: LangText
    alt_names: dict[Lang, list[Text]] = Field(default_factory=dict)
    translated: list[Lang] = Field(
        default_factory=list,
        description="languages whose `name` is the curator's translation, not a quoted name")
    note: Text | None = None


class FormerName(Claim):
    """A name the record bore for a period (CONTESTED.md §2): the Turkic Council, Nur-Sultan."""

    CONTESTABLE: ClassVar[tuple[str, ...]] = ("start", "end")

    name: LangText
    alt_names: dict[Lang, list[Text]] = Field(default_factory=dict)
    translated: list[Lang] = Field(default_factory=list)
    start: DateField | None = None
    end: DateField | None = None


class Period(Strict):
    start: DateField | None = None
    end: DateField | None = None
