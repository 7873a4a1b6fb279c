"""Text hygiene: findings for text that looks right but is not (NFC, scripts, invisibles)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

_WORD = re.compile(r"\w+")
_ALLOWED_CONTROLS = {"\n"}
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN", "ARABIC", "HEBREW")
_ASCII_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # the Cc characters of ASCII but \n


@functools.cache
def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for script in _SCRIPTS:
        if name.startswith(script):
            return script.title()
    return None


def mixed_script_word(text: str) -> str | None:
    """The first word mixing letters of two scripts (Latin ə beside Cyrillic ә), if any."""
    if len({s for s in map(_script, set(text)) if s}) < 2:  # most text: one script in all
        return None
    for word in _WORD.findall(text):
        scripts = {s for s in map(_script, word) if s}
        if len(scripts) > 1:
            return word
    return None


@functools.cache
def _invisible(char: str) -> bool:
    return char not in _ALLOWED_CONTROLS and (
        unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn") or char in "\u2028\u2029")


def invisible_char(text: str) -> str | None:
    """The first control, format (zero-width, bidi), private-use or surrogate character."""
    if not any(map(_invisible, set(text))):  # each distinct character once, then in order
        return None
    return next(char for char in text if _invisible(char))


@functools.lru_cache(maxsize=1 << 16)
def text_problems(text: str) -> tuple[tuple[str, str], ...]:
    """(code, message) for every hygiene problem of one string, worked out once per distinct
    string (fact files repeat slugs and source ids thousands of times). ASCII text is always
    NFC and in one script, so only control characters and outer spaces can be wrong with it.
    The YAML reader (`kg.yamlio`) asks this of every string and key it reads."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return (("E211", _SPACES),) if text != text.strip() else ()
    return tuple(_check(text))


_SPACES = "text has leading or trailing spaces; remove them"


def _check(text: str) -> Iterator[tuple[str, str]]:
    bad = invisible_char(text)
    if bad is not None:
        yield "E210", (f"invisible or control character U+{ord(bad):04X} "
                       f"({unicodedata.name(bad, 'a control character')}); delete it")
        return
    if not unicodedata.is_normalized("NFC", text):
        yield "E208", "text is not in Unicode NFC; normalise it (e.g. compose 'e' + U+0301 to 'é')"
    word = mixed_script_word(text)
    if word is not None:
        yield "E209", (f"word '{word}' mixes letters of different scripts; retype it in one "
                       "script (e.g. Latin ə, not Cyrillic ә, in a Latin word)")
    if text != text.strip():
        yield "E211", _SPACES
