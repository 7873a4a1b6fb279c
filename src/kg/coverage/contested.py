"""Checks of `contested:` mappings, run on every record after it is typed (CONTESTED.md §1).

Each contested field must be one its record or claim kind allows and hold a preferred value;
each other value must be valid for the field and differ from the preferred one and from the
other values. (The reason and the sources of every value are required by the model.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from kg.errors import Finding, Severity
from kg.yamlio import Locations

Path_ = tuple[Any, ...]


def contestable(model: BaseModel) -> tuple[str, ...]:
    """The fields `contested:` may name on this model (those of CONTESTABLE it has)."""
    fields = type(model).model_fields
    return tuple(f for f in getattr(model, "CONTESTABLE", ()) if f in fields)


def kind_name(model: BaseModel) -> str:
    """`EntryIntoForce` -> `entry into force`."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", type(model).__name__).lower()


@functools.cache
def _adapter(cls: type[BaseModel], field: str) -> TypeAdapter[Any]:
    info = cls.model_fields[field]
    if not info.metadata:
        return TypeAdapter(info.annotation)  # type: ignore[arg-type]
    return TypeAdapter(Annotated[info.annotation, *info.metadata])  # type: ignore[arg-type,name-defined]


def parse_value(model: BaseModel, field: str, raw: Any) -> Any:
    """The value as the field would hold it; ValueError saying why it is not valid."""
    if raw is None:
        raise ValueError("is empty")
    try:
        value = _adapter(type(model), field).validate_python(raw)
    except ValidationError as exc:
        message = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise ValueError(f"is not a valid `{field}`: {message}") from None
    if value is None:
        raise ValueError("is empty")
    return value


def same(a: Any, b: Any) -> bool:
    """Whether two values of a field are one: references compare by slug (`place/baku` = `baku`)."""
    if isinstance(a, str) and isinstance(b, str) and not hasattr(a, "value"):
        return a.rpartition("/")[2] == b.rpartition("/")[2]
    return bool(a == b)


def walk(model: BaseModel, at: Path_ = ()) -> Iterator[tuple[BaseModel, Path_]]:
    """The model and every model nested in it (claims in lists), with their paths."""
    yield model, at
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from walk(value, (*at, name))
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, (*at, name, n))


def contested_findings(model: BaseModel, locations: Locations) -> list[Finding]:
    """Findings for every `contested:` mapping inside the record."""
    findings: list[Finding] = []
    for sub, at in walk(model):
        for field, spec in (getattr(sub, "contested", None) or {}).items():
            here = (*at, "contested", field)
            problem = _field_problem(sub, field)
            if problem:
                findings.append(_error(locations, here, *problem, key=True))
                continue
            preferred = getattr(sub, field)
            seen: list[Any] = []
            for n, other in enumerate(spec.others):
                where = (*here, "others", n, "value")
                try:
                    value = parse_value(sub, field, other.value)
                except ValueError as exc:
                    findings.append(_error(locations, where, "E222", (
                        f"other value of contested `{field}` {_shown(other.value)} {exc}; write "
                        f"it as `{field}:` itself would be written")))
                    continue
                if same(value, preferred):
                    findings.append(_error(locations, where, "E223", (
                        f"other value of contested `{field}` {_shown(other.value)} is the "
                        f"preferred value itself; list under `others` only values that differ "
                        f"from `{field}:`")))
                elif any(same(value, earlier) for earlier in seen):
                    findings.append(_error(locations, where, "E223", (
                        f"other value of contested `{field}` {_shown(other.value)} is listed "
                        "twice; give it once, with all its sources")))
                seen.append(value)
    return findings


def _field_problem(model: BaseModel, field: str) -> tuple[str, str] | None:
    allowed = contestable(model)
    if field not in allowed:
        kind = kind_name(model)
        article = "an" if kind[0] in "aeiou" else "a"
        return "E220", (f"`{field}` cannot be contested on {article} {kind}; contestable "
                        f"fields: {', '.join(allowed)}")
    if getattr(model, field) is None:
        return "E221", (f"contested `{field}` has no preferred value: write the preferred "
                        f"value in `{field}:` and the other values under `contested.{field}.others`")
    return None


def _shown(raw: Any) -> str:
    return "(empty)" if raw is None else f"'{raw}'"


def _error(locations: Locations, at: Path_, code: str, message: str, *, key: bool = False
           ) -> Finding:
    return Finding(locations.at(at, key=key), Severity.ERROR, code, message)
