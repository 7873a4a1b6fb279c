"""Names with Turkic letters (İ ı ş ğ ə ö ü ç), their Russian and Kazakh spellings, and slugs."""

from __future__ import annotations

import random

_FIRST = ("qa", "nur", "er", "al", "ay", "bə", "gül", "ka", "sə", "tə", "mu", "il", "ər", "ça",
          "şə", "ö", "ü", "da", "ja", "ra", "sa", "ba", "to", "ul", "ıs", "as", "ye", "ği")
_SECOND = ("sım", "lan", "han", "bek", "tay", "şən", "məd", "dar", "ğan", "yar", "lı", "rat",
           "zat", "mir", "gül", "ay", "taş", "can", "naz", "çin", "ıq", "üz", "öz", "ər")
_SURNAME_END = ("ov", "yev", "oğlu", "uly", "bəyli", "zadə", "bekov", "ulı")
_PLACE_END = ("kənd", "abad", "şəhər", "qala", "tau", "köl", "dağ", "su")

_RU = dict(zip("abcçdeəfgğhxıijklmnoöpqrsştuüvwyz",
               ("а", "б", "дж", "ч", "д", "е", "э", "ф", "г", "г", "х", "х", "ы", "и", "ж", "к",
                "л", "м", "н", "о", "ё", "п", "к", "р", "с", "ш", "т", "у", "ю", "в", "у", "й",
                "з"), strict=True))
_KK = {**_RU, "q": "қ", "ğ": "ғ", "ə": "ә", "ü": "ү", "u": "ұ", "ö": "ө", "c": "ж", "ç": "ш"}
_ASCII = {"ş": "sh", "ç": "ch", "ğ": "g", "ə": "a", "ı": "i", "ö": "o", "ü": "u", "x": "kh"}
_UPPER = {"i": "İ", "ı": "I"}
_LOWER = {"İ": "i", "I": "ı"}


def cap(word: str) -> str:
    """Capitalise the Turkic way: i → İ, ı → I."""
    return _UPPER.get(word[0], word[0].upper()) + word[1:]


def _lower(text: str) -> str:
    return "".join(_LOWER.get(c, c.lower()) for c in text)


def _translit(text: str, table: dict[str, str]) -> str:
    words = []
    for word in text.split(" "):
        out = "".join(table.get(c, c) for c in _lower(word))
        words.append(out[:1].upper() + out[1:] if word[:1].isupper() else out)
    return " ".join(words)


def russian(text: str) -> str:
    """Cyrillic spelling of a Latin Turkic name, as a Russian article would write it."""
    return _translit(text, _RU)


def kazakh(text: str) -> str:
    """Kazakh Cyrillic spelling (Қ ә ү ұ ө ғ)."""
    return _translit(text, _KK)


def ascii_slug(text: str) -> str:
    out = "".join(_ASCII.get(c, c) for c in _lower(text))
    return "-".join("".join(c if c.isalnum() and c.isascii() else " " for c in out).split())


def genitive(ru: str) -> str:
    """A rough Russian genitive, enough for post names (Президент Карабэкстана)."""
    if ru.endswith("я"):
        return ru[:-1] + "и"
    if ru.endswith("а"):
        return ru[:-1] + "ы"
    return ru if ru[-1] in "аеёиоуыэюй" else ru + "а"


def word(rng: random.Random) -> str:
    return rng.choice(_FIRST) + rng.choice(_SECOND)


def person_name(rng: random.Random) -> str:
    return f"{cap(word(rng))} {cap(word(rng) + rng.choice(_SURNAME_END))}"


def state_name(rng: random.Random) -> str:
    return cap(word(rng) + rng.choice(("stan", "iya", "ystan", "ia")))


def place_name(rng: random.Random) -> str:
    return cap(word(rng) + rng.choice(_PLACE_END))


class Slugs:
    """Unique slugs per namespace: the second 'qasim-ov' becomes 'qasim-ov-2'."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], int] = {}

    def make(self, space: str, text: str) -> str:
        base = ascii_slug(text) or "x"
        n = self.seen.get((space, base), 0) + 1
        self.seen[(space, base)] = n
        return base if n == 1 else f"{base}-{n}"
