"""Parameter values from the command line, checked and turned into RDF terms."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from kg.dates import DateFormatError, parse_date
from kg.errors import UsageError
from kg.namespaces import XSD
from kg.query.catalog import NamedQuery, Param, ParamType
from kg.query.engine import Term
from kg.query.names import Entity, Lookup, resolve


@dataclass
class Bound:
    """Terms for the query's variables, and what each parameter resolved to (for humans)."""

    terms: dict[str, Term] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)


def parse_assignments(items: list[str]) -> dict[str, str]:
    """`key=value` strings into a dict; a missing `=` or a repeated key is an error."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"parameter '{item}' is not key=value")
        if key in values:
            raise UsageError(f"parameter '{key}' is given twice")
        values[key] = value
    return values


def bind(query: NamedQuery, values: dict[str, str], lookup: Lookup) -> Bound:
    """Resolve every given parameter; unknown or missing required ones are usage errors."""
    unknown = sorted(set(values) - {p.name for p in query.params})
    if unknown:
        expected = query.signature() or "no parameters"
        raise UsageError(f"query '{query.name}' has no parameter '{unknown[0]}'; "
                         f"it takes: {expected}")
    bound = Bound()
    for param in query.params:
        if param.name not in values:
            if not param.optional:
                raise UsageError(f"query '{query.name}' needs -p {param.name}=... "
                                 f"(e.g. -p {param.name}={param.example})")
            continue
        _bind_one(param, values[param.name], lookup, bound)
    return bound


def _bind_one(param: Param, value: str, lookup: Lookup, bound: Bound) -> None:
    what = f"parameter '{param.name}'"
    if param.type is ParamType.DATE:
        try:
            date = parse_date(value.strip())
        except DateFormatError as exc:
            raise UsageError(f"{what}: {exc}") from None
        earliest, latest = param.variables
        bound.terms[earliest] = Literal(date.earliest.isoformat(), datatype=XSD.date)
        bound.terms[latest] = Literal(date.latest.isoformat(), datatype=XSD.date)
        bound.shown[param.name] = date.text
        return
    entity = resolve(value, param.kinds, lookup, what)
    bound.terms[param.name] = NamedNode(entity.iri)
    bound.shown[param.name] = entity.iri
    bound.entities[param.name] = entity
