"""How well a name matches a query, in tiers; only GOOD or better may resolve a parameter.

A match is good when it says the whole name: equal text, equal up to romanization, the same
words in any order, a person's surname, or (for events) words that each describe the event:
its names, its year, its place, its ordinal, its format and the format's organization, its
type. A query that covers only part of a longer name ("Central Asia" in "News Central Asia")
is a weak match: a candidate to show, never an answer.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from kg.query.fold import consonants, fold, skeleton
from kg.query.tokens import significant, words

EXACT, VARIANT, CONSONANTS, WORDS, DESCRIBED, SURNAME = 100, 95, 92, 90, 88, 86
GOOD = 80  # fuzzy whole-name (or surname) matches score 80-84
PARTIAL = 70  # every query word in the name, but the name says more
SEARCH_CUTOFF = 60  # kg search
CLOSEST_CUTOFF = 50  # suggestions for an unknown name
_TYPO = 88  # a word this close (rapidfuzz ratio) is the same word misspelt


def score(query: str, name: str, *, person: bool = False) -> int:
    """How well `name` matches `query`, 0 to 100 (see the tiers above)."""
    if fold(query) == fold(name):
        return EXACT
    q_skeleton, n_skeleton = skeleton(query), skeleton(name)
    if q_skeleton and q_skeleton == n_skeleton:
        return VARIANT
    if consonants(query) and consonants(query) == consonants(name):
        return CONSONANTS
    q_words, n_words = significant(query), significant(name)
    if not q_words or not n_words:
        return 0
    if q_words == n_words:
        return WORDS
    surname = _surname(name) if person else None
    if q_words <= n_words:
        return SURNAME if surname in q_words else PARTIAL
    return _fuzzy(q_skeleton, n_skeleton, q_words, n_words, surname)


def described(query: str, description: frozenset[str]) -> int:
    """DESCRIBED when every word of the query describes the event; else a weak score."""
    q_words = significant(query)
    if not q_words or not description:
        return 0
    found = sum(1 for w in q_words if w in description or any(inflected(w, d) for d in description))
    if found == len(q_words):
        return DESCRIBED
    return CLOSEST_CUTOFF + (PARTIAL - 1 - CLOSEST_CUTOFF) * found // len(q_words) \
        if 2 * found >= len(q_words) else 0


def inflected(a: str, b: str) -> bool:
    """Two forms of one word that differ only in a vowel ending of at most three letters
    (Астана / Астане, Бишкек / Бишкеке, Центральная / Центральной); never for numbers."""
    if a.isdigit() or b.isdigit() or min(len(a), len(b)) < 5:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    tails = a[common:] + b[common:]
    return common >= 4 and len(a) - common <= 3 and len(b) - common <= 3 and \
        all(c in "aeiou" for c in tails)


def _surname(name: str) -> str | None:
    found = [w for w in words(name) if not w.isdigit()]
    return found[-1] if len(found) > 1 else None


def _fuzzy(q_skeleton: str, n_skeleton: str, q_words: frozenset[str], n_words: frozenset[str],
           surname: str | None) -> int:
    """A misspelt whole name or surname is GOOD (80-84); anything else weak."""
    whole = fuzz.ratio(q_skeleton, n_skeleton)
    if whole >= 90 and len(q_skeleton) >= 5:
        return GOOD + int(whole - 90) // 2
    best = {q: max(fuzz.ratio(q, n) for n in n_words) for q in q_words}
    if min(best.values()) >= _TYPO:
        covered = all(max(fuzz.ratio(n, q) for q in q_words) >= _TYPO for n in n_words)
        said = covered or (surname is not None
                           and max(fuzz.ratio(q, surname) for q in q_words) >= _TYPO)
        if said and all(len(q) >= 4 for q in q_words):
            return GOOD + int(min(best.values()) - _TYPO) // 3
    mean = sum(best.values()) / len(best)
    if mean < CLOSEST_CUTOFF:
        return 0
    return CLOSEST_CUTOFF + int((mean - CLOSEST_CUTOFF) * (PARTIAL - 1 - CLOSEST_CUTOFF) / 50)
