"""Entities by name in any language or script: ranking, resolution, search.

A parameter value may be an IRI, `kind/slug`, a slug, or a name. Names are matched against
every rdfs:label, skos:altLabel and historic name, in tiers (see `score`); the best entity
wins only when no other entity ties with it, otherwise the error lists the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz, process

from kg.errors import UsageError
from kg.model.kinds import Kind
from kg.namespaces import ID
from kg.query.fold import consonants, fold, skeleton

EXACT, VARIANT, CONSONANTS, WORDS = 100, 95, 92, 90
FUZZY_CUTOFF = 80  # resolution
SEARCH_CUTOFF = 70  # kg search
CLOSEST_CUTOFF = 50  # suggestions for an unknown name
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_LANG_ORDER = {"en": 0, "ru": 1}


@dataclass(frozen=True, order=True)
class Label:
    text: str
    lang: str
    preferred: bool


@dataclass(frozen=True)
class Entity:
    """A record of the graph with every name it is known by."""

    iri: str
    kind: Kind
    slug: str
    labels: tuple[Label, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.kind.value}/{self.slug}"

    def label(self, lang: str = "en") -> str | None:
        """Preferred label in lang, else English, else any preferred, else any name."""
        preferred = [x for x in self.labels if x.preferred]
        for pool in ([x for x in preferred if x.lang == lang],
                     [x for x in preferred if x.lang == "en"], preferred, list(self.labels)):
            if pool:
                return pool[0].text
        return None

    def names(self) -> list[str]:
        """Every distinct name: preferred first (English, Russian, others), then alternatives."""
        ordered = sorted(self.labels, key=lambda x: (not x.preferred, _LANG_ORDER.get(x.lang, 9),
                                                     x.lang, x.text))
        return list(dict.fromkeys(x.text for x in ordered))

    def describe(self) -> str:
        return f"{self.ref}  {' | '.join(self.names())}".rstrip()


class Lookup(Protocol):
    """Where entities come from: the local store or a remote endpoint."""

    def by_iris(self, iris: Iterable[str]) -> dict[str, Entity]: ...

    def all(self, kinds: frozenset[Kind]) -> list[Entity]: ...


class ResolutionError(UsageError):
    """A name that matches no entity, or several equally well."""

    def __init__(self, message: str, candidates: list[Entity]) -> None:
        lines = [message, *(f"  {c.describe()}" for c in candidates)]
        super().__init__("\n".join(lines))
        self.candidates = candidates


def split_iri(iri: str) -> tuple[Kind, str] | None:
    """`(kind, slug)` of a record IRI; None for claim nodes and foreign IRIs."""
    if not iri.startswith(ID):
        return None
    kind, _, slug = iri[len(ID):].partition("/")
    if kind not in {k.value for k in Kind} or not _SLUG.fullmatch(slug):
        return None
    return Kind(kind), slug


def score(query: str, name: str) -> int:
    """How well a name matches the query, 0 to 100 (tiers: exact, variant, words, fuzzy)."""
    if fold(query) == fold(name):
        return EXACT
    q_skeleton, n_skeleton = skeleton(query), skeleton(name)
    if q_skeleton and q_skeleton == n_skeleton:
        return VARIANT
    if consonants(query) and consonants(query) == consonants(name):
        return CONSONANTS
    words = set(n_skeleton.split())
    if q_skeleton and set(q_skeleton.split()) <= words:
        return WORDS
    ratio = max(fuzz.ratio(q_skeleton, n_skeleton), _word_ratio(q_skeleton, words))
    return min(int(ratio), WORDS - 1) if ratio >= CLOSEST_CUTOFF else 0


def _word_ratio(query: str, words: set[str]) -> float:
    """Mean over the query's words of their best fuzzy match among the name's words."""
    parts = query.split()
    if not parts or not words:
        return 0.0
    return sum(max(fuzz.ratio(p, w) for w in words) for p in parts) / len(parts)


def rank(query: str, entities: list[Entity], cutoff: int = SEARCH_CUTOFF,
         ) -> list[tuple[int, Entity]]:
    """Entities scoring at least cutoff, best first, ties by kind and slug."""
    key = id(entities)
    if key not in _RANKERS or _RANKERS[key][0] is not entities:
        if len(_RANKERS) >= 8:
            _RANKERS.pop(next(iter(_RANKERS)))
        _RANKERS[key] = (entities, _Ranker(entities))
    return _RANKERS[key][1].rank(query, cutoff)


class _Ranker:
    """Labels indexed so that only those that can score at all are scored (vectorised
    rapidfuzz over whole names and over the vocabulary of words)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.labels = [(i, x.text) for i, e in enumerate(entities) for x in e.labels]
        self.skeletons = [skeleton(text) for _i, text in self.labels]
        self.by_word: dict[str, list[int]] = {}
        self.by_consonants: dict[str, list[int]] = {}
        for n, (_i, text) in enumerate(self.labels):
            for word in set(self.skeletons[n].split()):
                self.by_word.setdefault(word, []).append(n)
            if consonants(text):
                self.by_consonants.setdefault(consonants(text), []).append(n)
        self.vocabulary = list(self.by_word)

    def candidates(self, query: str) -> set[int]:
        found = {n for _s, _score, n in process.extract(
            skeleton(query), self.skeletons, scorer=fuzz.ratio, score_cutoff=CLOSEST_CUTOFF,
            limit=None)}
        for part in set(skeleton(query).split()):
            for word, _score, _n in process.extract(part, self.vocabulary, scorer=fuzz.ratio,
                                                    score_cutoff=CLOSEST_CUTOFF, limit=None):
                found.update(self.by_word[word])
        found.update(self.by_consonants.get(consonants(query), []) if consonants(query) else [])
        return found

    def rank(self, query: str, cutoff: int) -> list[tuple[int, Entity]]:
        if not fold(query):
            return []
        best: dict[int, int] = {}
        for n in self.candidates(query):
            i, text = self.labels[n]
            best[i] = max(best.get(i, 0), score(query, text))
        ranked = [(s, self.entities[i]) for i, s in best.items() if s >= cutoff]
        return sorted(ranked, key=lambda se: (-se[0], se[1].ref))


_RANKERS: dict[int, tuple[list[Entity], _Ranker]] = {}


def resolve(value: str, kinds: frozenset[Kind], lookup: Lookup, what: str = "value") -> Entity:
    """The one entity of an allowed kind that value names; ResolutionError otherwise."""
    text = value.strip()
    if not text:
        raise UsageError(f"{what} is empty; give a slug, kind/slug, IRI or name")
    wanted = " or ".join(sorted(k.value for k in kinds)) if len(kinds) < len(Kind) else "entity"
    direct = _direct_candidates(text, kinds)
    if direct is not None:
        found = lookup.by_iris(direct)
        hits = [found[iri] for iri in direct if iri in found and found[iri].kind in kinds]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise ResolutionError(f"{what} '{text}' is ambiguous; candidates:", hits)
        if "/" in text or ":" in text:
            other = [found[iri] for iri in direct if iri in found]
            hint = f" (it is a {other[0].kind.value})" if other else ""
            raise ResolutionError(f"{what}: no {wanted} '{text}'{hint}", [])
    return _by_name(text, kinds, lookup, what, wanted)


def _direct_candidates(text: str, kinds: frozenset[Kind]) -> list[str] | None:
    """IRIs a value may denote without looking at names: IRI, kind/slug or slug."""
    if "://" in text:
        return [text]
    kind, _, slug = text.partition("/")
    if slug and kind in {k.value for k in Kind}:
        return [f"{ID}{kind}/{slug}"] if _SLUG.fullmatch(slug) else []
    if _SLUG.fullmatch(text):
        return [f"{ID}{k.value}/{text}" for k in sorted(kinds)]
    return None


def _by_name(text: str, kinds: frozenset[Kind], lookup: Lookup, what: str,
             wanted: str) -> Entity:
    ranked = rank(text, lookup.all(kinds), CLOSEST_CUTOFF)
    matches = [(s, e) for s, e in ranked if s >= FUZZY_CUTOFF]
    if not matches:
        closest = [e for _s, e in ranked[:5]]
        tail = "; closest:" if closest else ""
        raise ResolutionError(f"{what}: no {wanted} is named '{text}'{tail}", closest)
    best = matches[0][0]
    margin = 0 if best >= WORDS else 5
    tied = [e for s, e in matches if s >= best - margin]
    if len(tied) == 1:
        return tied[0]
    raise ResolutionError(f"{what} '{text}' is ambiguous; give kind/slug of one of:", tied)


def search(text: str, kinds: frozenset[Kind], lookup: Lookup, limit: int = 20) -> list[Entity]:
    """Entities whose names match text, best first."""
    return [e for _s, e in rank(text, lookup.all(kinds))[:limit]]
