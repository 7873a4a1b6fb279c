"""Words of a name, normalised for matching: romanization variants merged (see `fold`),
numerals written one way (XI = 11th = 11-е = eleventh = 11) and filler words set apart.

`words` is applied alike to a query and to every name, so both sides agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.query.fold import fold, skeleton

#: an upper-case Roman numeral from 1 to 49 standing alone (I, VI, XI, XLIX); checked on the
#: original text, since folding loses case and a lone lower-case `i` is a word in Russian
_ROMAN = re.compile(r"(?<![^\W\d_])(XL|X{0,3})(IX|IV|V?I{0,3})(?![^\W\d_])")
_ROMAN_WORD = re.compile(r"(xl|x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
_ORDINAL_SUFFIX = re.compile(r"(\d+)(st|nd|rd|th)")
#: Russian ordinal endings written after a hyphen (11-е, 11-й, 11-го), as folded words
_RU_ENDINGS = {"e", "i", "ia", "go", "ogo", "oe", "ii", "m", "om", "mu", "omu", "oi"}
_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                  "twentieth"]
_FILLER_TEXT = "of the and a an for in on at to with by и в во на по с со для о об ve"


def roman_value(numeral: str) -> int:
    """The value of a valid Roman numeral (upper or lower case)."""
    values = [_ROMAN_VALUES[c] for c in numeral.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def roman(number: int) -> str:
    """`11` → `XI` (1 to 3999)."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def _arabic(match: re.Match[str]) -> str:
    return str(roman_value(match.group())) if match.group() else match.group()


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The name's words as matching keys, numerals as Arabic digits, in order."""
    out: list[str] = []
    for folded in fold(_ROMAN.sub(_arabic, text)).split():
        word = skeleton(folded)
        if out and out[-1].isdigit() and word in _RU_ENDINGS:
            continue
        suffixed = _ORDINAL_SUFFIX.fullmatch(folded)
        if suffixed:
            word = suffixed.group(1)
        elif folded in _ORDINALS:
            word = _ORDINALS[folded]
        elif len(folded) > 1 and _ROMAN_WORD.fullmatch(folded):
            word = str(roman_value(folded))
        out.append(word)
    return tuple(out)


def significant(text: str) -> frozenset[str]:
    """The words that carry meaning: without filler words (of, the, и, на ...)."""
    return significant_of(words(text))


def significant_of(found: tuple[str, ...]) -> frozenset[str]:
    """`significant` of a text whose `words` are known."""
    kept = frozenset(w for w in found if w not in FILLER)
    return kept or frozenset(found)


_ORDINALS = {w: str(n) for n, w in enumerate(_ORDINAL_WORDS, start=1)}
FILLER = frozenset(w for t in _FILLER_TEXT.split() for w in skeleton(t).split())
