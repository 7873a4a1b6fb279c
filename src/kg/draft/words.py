"""Words and their match keys: a name matches in any script and grammatical form.

A word's keys are its folded spelling (`kg.query.fold.skeleton`: Токаев = Tokayev = Toqaev) and
that of its dictionary forms: every lemma pymorphy3 gives for a Cyrillic word (Токаеву ->
токаев), the Snowball Turkish stem of a Latin word (Devletleri -> Devlet), and the part before an
apostrophe, which Turkish writes before the suffixes of a proper noun (Astana'da -> Astana).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from kg.query.fold import skeleton

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?|\d+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_APOSTROPHE = re.compile(r"['’ʼ]")


@dataclass(frozen=True)
class Word:
    text: str
    start: int  # column (0-based) in its line
    keys: frozenset[str]

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def words(line: str) -> list[Word]:
    """The words of one line with their keys; hyphens separate words (Касым-Жомарт)."""
    return [Word(m.group(), m.start(), keys(m.group())) for m in _WORD.finditer(line)]


@lru_cache(maxsize=200_000)
def keys(word: str) -> frozenset[str]:
    stem = _APOSTROPHE.split(word, 1)[0]
    forms = {word, stem}
    if CYRILLIC.search(stem):
        forms.update(p.normal_form for p in morph().parse(stem))
    elif stem.isalpha():
        forms.add(_turkish().stemWord(stem.lower()))
    return frozenset(k for k in (skeleton(f) for f in forms) if k)


@cache
def morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def _turkish() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("turkish")
