"""Text hygiene: findings for text that looks right but is not (NFC, scripts, invisibles)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from kg.errors import Finding, Severity
from kg.yamlio import Locations

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
    for word in _WORD.findall(text):
        scripts = {s for s in map(_script, word) if s}
        if len(scripts) > 1:
            return word
    return None


def invisible_char(text: str) -> str | None:
    """The first control, format (zero-width, bidi), private-use or surrogate character."""
    for char in text:
        if char in _ALLOWED_CONTROLS:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Co", "Cs", "Cn") or char in "\u2028\u2029":
            return char
    return None


def check_text(text: str) -> Iterator[tuple[str, str]]:
    """(code, message) for every hygiene problem of one string."""
    return iter(_problems(text))


@functools.lru_cache(maxsize=1 << 16)
def _problems(text: str) -> tuple[tuple[str, str], ...]:
    """The problems of one string, worked out once per distinct string (fact files repeat
    slugs and source ids thousands of times). ASCII text is always NFC and in one script, so
    only control characters and outer spaces can be wrong with it."""
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


def check_tree(data: Any, locations: Locations) -> list[Finding]:
    """Hygiene findings for every string and mapping key of a parsed fact file."""
    findings: list[Finding] = []

    def walk(value: Any, at: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            for code, message in check_text(value):
                findings.append(Finding(locations.at(at), Severity.ERROR, code, message))
        elif isinstance(value, dict):
            for key, child in value.items():
                for code, message in check_text(key):
                    findings.append(Finding(locations.at((*at, key), key=True),
                                            Severity.ERROR, code, f"in key: {message}"))
                walk(child, (*at, key))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                walk(child, (*at, index))

    walk(data, ())
    return findings
