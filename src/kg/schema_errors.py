"""Pydantic validation errors turned into findings a curator can act on."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from kg.dates import DateFormatError
from kg.errors import Finding, Severity
from kg.yamlio import Locations

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "enum": "one of the listed values",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional / Annotated / list / dict wrappers."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the field at `loc` (for did-you-mean and enum names)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            candidates = [typing.get_args(t)[0] for t in _unwrap(current)
                          if typing.get_origin(t) is list and typing.get_args(t)]
            current = candidates[0] if candidates else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            return None
        if current is None:
            return None
    for concrete in _unwrap(current):
        if isinstance(concrete, type) and issubclass(concrete, BaseModel):
            return concrete
    return None


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _clean_loc(loc: tuple[Any, ...]) -> tuple[tuple[Any, ...], bool]:
    """Drop pydantic's validator tags; say whether the error is about a mapping key."""
    parts = [p for p in loc if not (isinstance(p, str) and ("[" in p and p != "[key]"))]
    is_key = bool(parts) and parts[-1] == "[key]"
    if is_key:
        parts = parts[:-1]
    return tuple(parts), is_key


def findings_from(exc: ValidationError, model: type[BaseModel], locations: Locations) -> list[Finding]:
    """One finding per pydantic error, with a location, a code and a fix."""
    findings = []
    for error in exc.errors(include_url=False):
        loc, is_key = _clean_loc(tuple(error["loc"]))
        code, message, at_key = _describe(error, loc, is_key, model)
        where = locations.at(loc, key=at_key)
        findings.append(Finding(where, Severity.ERROR, code, message))
    return findings


def _describe(error: Any, loc: tuple[Any, ...], is_key: bool,
              model: type[BaseModel]) -> tuple[str, str, bool]:
    kind = error["type"]
    field = _field_name(loc)
    ctx = error.get("ctx") or {}
    cause = ctx.get("error")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        options = sorted(owner.model_fields) if owner else []
        hint = _did_you_mean(field, options)
        allowed = f"; allowed: {', '.join(options)}" if options and not hint else ""
        return "E201", f"unknown field {field}{hint}{allowed}", True
    if kind == "missing":
        return "E202", f"missing required field {field}", False
    if isinstance(cause, DateFormatError):
        return "E206", f"invalid date in {field}: {cause}", False
    if is_key:
        return "E207", f"{cause or error['msg']}", True
    if kind == "enum":
        expected = ctx.get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        value = error.get("input")
        hint = _did_you_mean(str(value), options)
        return "E204", f"'{value}' is not a known {_owner(loc)} value{hint}; use one of: {', '.join(options)}", False
    if kind == "string_pattern_mismatch":
        return _pattern_problem(str(loc[-1]) if loc else "", error.get("input"))
    if kind in ("too_short",) and isinstance(error.get("input"), (list, dict)):
        return "E202", f"{field} must not be empty", False
    if kind in ("string_too_short",):
        return "E203", f"{field} must not be empty", False
    if kind == "string_too_long":
        return "E212", (f"{field} is longer than {ctx.get('max_length')} characters; "
                        "quote a shorter passage"), False
    if kind in _TYPE_WORDS:
        return "E203", f"{field} must be {_TYPE_WORDS[kind]}, not {_shown(error.get('input'))}", False
    if kind == "value_error" and cause is not None:
        if "language tag" in str(cause):
            return "E207", str(cause), False
        return "E203", f"invalid {field}: {cause}", False
    return "E203", f"invalid {field}: {error['msg']}", False


def _field_name(loc: tuple[Any, ...]) -> str:
    """`participants`, or `item 2 of participants` for a list element."""
    if not loc:
        return "the record"
    if isinstance(loc[-1], int):
        return f"item {loc[-1] + 1} of '{_owner(loc)}'"
    return f"'{loc[-1]}'"


def _owner(loc: tuple[Any, ...]) -> str:
    return next((str(p) for p in reversed(loc) if not isinstance(p, int)), "list")


def _pattern_problem(field: str, value: Any) -> tuple[str, str, bool]:
    if field in ("sha256",):
        return "E203", "'sha256' must be 64 lowercase hexadecimal digits", False
    if field == "url":
        return "E203", f"'url' must be an http(s) address without spaces, not '{value}'", False
    if field == "iso_code":
        return "E203", f"'iso_code' must be two capital letters (ISO 3166-1 alpha-2), not '{value}'", False
    if field == "wikidata":
        return "E203", (f"'wikidata' must be a Wikidata item id, Q followed by digits (Q4115189), "
                        f"not '{value}'"), False
    return "E205", (f"'{value}' is not a valid reference: write kind/slug or a slug of "
                    "lowercase ASCII letters, digits and hyphens"), False


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"'{value}'"
