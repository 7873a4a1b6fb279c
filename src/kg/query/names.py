"""Entities by name in any language or script: ranking, resolution, search.

A parameter value may be an IRI, `kind/slug`, a slug, or a name. Names are matched against
every rdfs:label, skos:altLabel and former name, and events also against what describes them
(see `kg.query.match`). Only a good match resolves, and only when no other entity matches as
well; otherwise the error lists the candidates with their kinds (and dates, for events).
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from kg.errors import UsageError
from kg.kinds import Kind
from kg.namespaces import ID
from kg.query.entity import Entity, Label, Lookup, is_slug, split_iri
from kg.query.fold import consonants, fold, skeleton
from kg.query.match import CLOSEST_CUTOFF, GOOD, SEARCH_CUTOFF, described, score
from kg.query.tokens import significant, significant_of, words

__all__ = ["Entity", "Label", "Lookup", "ResolutionError", "rank", "resolve", "search",
           "split_iri"]
_SHOWN = 8


class ResolutionError(UsageError):
    """A name that matches no entity well, or several equally well."""

    def __init__(self, message: str, candidates: list[Entity]) -> None:
        lines = [message, *(f"  {c.describe()}" for c in candidates)]
        super().__init__("\n".join(lines))
        self.candidates = candidates


def rank(query: str, entities: list[Entity], cutoff: int = SEARCH_CUTOFF,
         ) -> list[tuple[int, Entity]]:
    """Entities scoring at least cutoff, best first; ties by kind, date and slug."""
    key = id(entities)
    if key not in _RANKERS or _RANKERS[key][0] is not entities:
        if len(_RANKERS) >= 8:
            _RANKERS.pop(next(iter(_RANKERS)))
        _RANKERS[key] = (entities, _Ranker(entities))
    return _RANKERS[key][1].rank(query, cutoff)


class _Ranker:
    """Names indexed so that only those that can score at all are scored (vectorised
    rapidfuzz over whole names and over the vocabulary of words)."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.labels = [(i, x.text) for i, e in enumerate(entities) for x in e.labels]
        keys = [keys_of(text) for _i, text in self.labels]
        self.skeletons = [k[0] for k in keys]
        self.by_word: dict[str, list[int]] = {}
        self.by_consonants: dict[str, list[int]] = {}
        for n, (folded, label_words, consonant) in enumerate(keys):
            for word in set(folded.split()) | set(label_words):
                self.by_word.setdefault(word, []).append(n)
            if consonant:
                self.by_consonants.setdefault(consonant, []).append(n)
        self.vocabulary = list(self.by_word)
        #: events: every word of their names and context, and the events each word describes
        self.descriptions: dict[int, frozenset[str]] = {}
        self.describing: dict[str, set[int]] = {}
        for i, e in enumerate(entities):
            if e.kind is Kind.EVENT:
                found = frozenset(w for t in (*(x.text for x in e.labels), *e.context)
                                  for w in significant_of(keys_of(t)[1]))
                self.descriptions[i] = found
                for word in found:
                    self.describing.setdefault(word, set()).add(i)
                    self.describing.setdefault(word[:4] + "~", set()).add(i)  # other endings

    def candidates(self, query: str) -> tuple[set[int], set[int]]:
        """Indexes of the labels and of the events that may match."""
        found = {n for _s, _score, n in process.extract(
            skeleton(query), self.skeletons, scorer=fuzz.ratio, score_cutoff=CLOSEST_CUTOFF,
            limit=None)}
        for part in set(skeleton(query).split()) | set(words(query)):
            for word, _score, _n in process.extract(part, self.vocabulary, scorer=fuzz.ratio,
                                                    score_cutoff=CLOSEST_CUTOFF, limit=None):
                found.update(self.by_word[word])
        found.update(self.by_consonants.get(consonants(query), []) if consonants(query) else [])
        events = {i for w in significant(query) for key in (w, w[:4] + "~")
                  for i in self.describing.get(key, ())}
        return found, events

    def rank(self, query: str, cutoff: int) -> list[tuple[int, Entity]]:
        if not fold(query):
            return []
        best: dict[int, int] = {}
        labels, events = self.candidates(query)
        for n in labels:
            i, text = self.labels[n]
            person = self.entities[i].kind is Kind.PERSON
            best[i] = max(best.get(i, 0), score(query, text, person=person))
        for i in events:
            best[i] = max(best.get(i, 0), described(query, self.descriptions[i]))
        ranked = [(s, self.entities[i]) for i, s in best.items() if s >= cutoff]
        return sorted(ranked, key=lambda se: (-se[0], se[1].kind.value, se[1].date or "~",
                                              se[1].slug))


_RANKERS: dict[int, tuple[list[Entity], _Ranker]] = {}
#: (skeleton, words, consonants) of names seen, primed from the entity index
#: (kg.query.entity_index) so that a run does not fold every name again
KEYS: dict[str, tuple[str, tuple[str, ...], str]] = {}


def keys_of(text: str) -> tuple[str, tuple[str, ...], str]:
    """What the ranker matches a name by."""
    found = KEYS.get(text)
    if found is None:
        found = KEYS[text] = (skeleton(text), words(text), consonants(text))
    return found


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
            raise ResolutionError(f"{what} '{text}' is ambiguous; give kind/slug of one of:", hits)
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
        return [f"{ID}{kind}/{slug}"] if is_slug(slug) else []
    if is_slug(text):
        return [f"{ID}{k.value}/{text}" for k in sorted(kinds)]
    return None


def _by_name(text: str, kinds: frozenset[Kind], lookup: Lookup, what: str,
             wanted: str) -> Entity:
    entities = lookup.all(kinds)
    ranked = rank(text, entities, CLOSEST_CUTOFF)
    good = [(s, e) for s, e in ranked if s >= GOOD]
    if not good:
        closest = [e for _s, e in ranked[:5]]
        tail = "; closest (give kind/slug or the full name):" if closest else ""
        raise ResolutionError(f"{what}: no {wanted} is named '{text}'{tail}", closest)
    best = good[0][0]
    # a misspelt name (GOOD to GOOD + 4) resolves only when nothing else comes close
    tied = [e for s, e in good if s == best or best < GOOD + 5]
    if len(tied) > 1:
        tied = _outermost(tied, entities)
    if len(tied) == 1:
        return tied[0]
    shown = tied[:_SHOWN]
    more = f" (first {_SHOWN} of {len(tied)})" if len(tied) > _SHOWN else ""
    raise ResolutionError(f"{what} '{text}' is ambiguous; give kind/slug or a more specific "
                          f"name of one of{more}:", shown)


def _outermost(tied: list[Entity], entities: list[Entity]) -> list[Entity]:
    """The one event that all the other tied events are part of, if there is one."""
    parents = {e.iri: e.parents for e in entities if e.parents}
    iris = {e.iri for e in tied}

    def ancestors(iri: str) -> set[str]:
        seen: set[str] = set()
        todo = list(parents.get(iri, ()))
        while todo:
            up = todo.pop()
            if up not in seen:
                seen.add(up)
                todo.extend(parents.get(up, ()))
        return seen

    roots = [e for e in tied if not ancestors(e.iri) & iris]
    if len(roots) == 1 and all(roots[0].iri in ancestors(e.iri) for e in tied if e is not roots[0]):
        return roots
    return tied


def search(text: str, kinds: frozenset[Kind], lookup: Lookup, limit: int = 20) -> list[Entity]:
    """Entities whose names match text, best first."""
    return [e for _s, e in rank(text, lookup.all(kinds))[:limit]]
