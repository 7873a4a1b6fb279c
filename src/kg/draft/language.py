"""The language of an article, among the languages of the region's sources (py3langid)."""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

#: the languages curators meet: Russian, English, the Turkic languages, Hungarian, Tajik
LANGUAGES = ["ru", "en", "kk", "ky", "uz", "az", "tr", "tk", "hu", "tg"]


def detect_language(text: str) -> str:
    """The language most of the text's letters are written in ('und' for a text with no letters).

    Each paragraph is identified on its own and weighs by its letters, so a quoted line in
    another language does not outvote an article."""
    letters: Counter[str] = Counter()
    for paragraph in text.splitlines():
        weight = sum(c.isalpha() for c in paragraph)
        if weight:
            letters[str(_identifier().classify(paragraph)[0])] += weight
    return min(letters, key=lambda code: (-letters[code], code)) if letters else "und"


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([code for code in LANGUAGES if code in identifier.nb_classes])
    return identifier
