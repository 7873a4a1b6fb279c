"""Name keys that ignore case, diacritics, script and common romanization variants.

`fold` transliterates any script to ASCII with anyascii (Токаев → tokaev, İlham → ilham,
Əliyev → eliyev) and lower-cases only afterwards, so Turkish dotted İ never becomes `i̇`.
`skeleton` then merges the spellings that romanizations of Russian, Kazakh, Kyrgyz, Uzbek,
Azerbaijani and Turkish names disagree on (zh/j, kh/x/h, q/k, sh/ş, ch/ç, y as a glide,
doubled letters): Tokayev = Toqaev = Tokaev. `consonants` drops the vowels too, for the
weakest exact tier (Mirziyoyev = Mirziёev, Aliyev = Əliyev).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['`ʼʻ’‘]")
_WORD = re.compile(r"[a-z0-9]+")
#: romanization variants, merged in folded (ASCII lower-case) text
_SPELLINGS = {"dzh": "j", "dj": "j", "zh": "j", "kh": "h", "x": "h", "q": "k", "sh": "s",
              "ch": "c", "gh": "g", "w": "v"}
_SPELLING = re.compile("|".join(sorted(_SPELLINGS, key=len, reverse=True)))
_GLIDE = re.compile(r"(?<=[aeiou])y(?=[aeiou])")  # intervocalic glide: Tokayev → Tokaev
_DOUBLE = re.compile(r"([a-z])\1+")  # Kassym → Kasym
_VOWELS = re.compile(r"[aeiou]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """ASCII, lower-case words separated by single spaces."""
    ascii_text = anyascii(unicodedata.normalize("NFKC", text))
    return " ".join(_WORD.findall(_APOSTROPHES.sub("", ascii_text).lower()))


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """The folded text with romanization variants merged (y as a glide or vowel → i)."""
    merged = _SPELLING.sub(lambda m: _SPELLINGS[m.group()], fold(text))
    return _DOUBLE.sub(r"\1", _GLIDE.sub("", merged).replace("y", "i"))


@lru_cache(maxsize=65536)
def consonants(text: str) -> str:
    """The skeleton without vowels; empty when fewer than four letters remain."""
    key = " ".join(w for w in (_VOWELS.sub("", w) for w in skeleton(text).split()) if w)
    return key if len(key.replace(" ", "")) >= 4 else ""
