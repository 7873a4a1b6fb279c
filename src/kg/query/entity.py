"""A record of the graph with every name it is known by (and, for events, what describes it)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from kg.kinds import Kind
from kg.namespaces import ID

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_LANG_ORDER = {"en": 0, "ru": 1}
_KINDS = frozenset(k.value for k in Kind)
SHOWN_NAMES = 3


@dataclass(frozen=True, order=True)
class Label:
    text: str
    lang: str
    preferred: bool


@dataclass(frozen=True)
class Entity:
    """A record, its names, and for events its date, describing words and super-events."""

    iri: str
    kind: Kind
    slug: str
    labels: tuple[Label, ...] = ()
    date: str | None = None
    #: texts that describe an event besides its names: year, place, ordinal, format, type
    context: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.kind.value}/{self.slug}"

    def label(self, lang: str = "en") -> str | None:
        """Preferred label in lang, else English, else any preferred, else any name
        (several in one pool: the first by value, so the choice never depends on order)."""
        preferred = [x for x in self.labels if x.preferred]
        for pool in ([x for x in preferred if x.lang == lang],
                     [x for x in preferred if x.lang == "en"], preferred, list(self.labels)):
            if pool:
                return min(pool).text
        return None

    def names(self) -> list[str]:
        """Every distinct name: preferred first (English, Russian, others), then alternatives."""
        ordered = sorted(self.labels, key=lambda x: (not x.preferred, _LANG_ORDER.get(x.lang, 9),
                                                     x.lang, x.text))
        return list(dict.fromkeys(x.text for x in ordered))

    def describe(self, every_name: bool = False) -> str:
        """`kind/slug  [date]  name | name | name` (at most three names unless every_name)."""
        names = self.names()
        cut = len(names) if every_name else SHOWN_NAMES
        shown = " | ".join(names[:cut]) + (" | ..." if len(names) > cut else "")
        return "  ".join(x for x in (self.ref, self.date or "", shown) if x)


class Lookup(Protocol):
    """Where entities come from: the local store or a remote endpoint."""

    def by_iris(self, iris: Iterable[str]) -> dict[str, Entity]: ...

    def all(self, kinds: frozenset[Kind]) -> list[Entity]: ...


def split_iri(iri: str) -> tuple[Kind, str] | None:
    """`(kind, slug)` of a record IRI; None for claim nodes and foreign IRIs."""
    if not iri.startswith(ID):
        return None
    kind, _, slug = iri[len(ID):].partition("/")
    if kind not in _KINDS or not _SLUG.fullmatch(slug):
        return None
    return Kind(kind), slug


def is_slug(text: str) -> bool:
    return _SLUG.fullmatch(text) is not None
