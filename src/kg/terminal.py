"""Text for a terminal: control characters, escape sequences and invisible characters shown
as escapes (`\\u001b`), never sent raw, wherever the text came from (the data, a remote
endpoint, an error message)."""

from __future__ import annotations

import re
import unicodedata

#: control, format (bidi, zero-width), surrogate, private-use, unassigned, line/paragraph separators
HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_CANDIDATES = re.compile(r"[^\x20-\x7e]")


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in HIDDEN


def visible(text: str) -> str:
    """Every hidden character written as `\\uXXXX` (`\\UXXXXXXXX` beyond the BMP)."""
    return _CANDIDATES.sub(lambda m: _escape(m.group()) if _hidden(m.group()) else m.group(), text)


def visible_lines(text: str) -> str:
    """`visible` for text of several lines: line breaks and tabs stay as they are."""
    return _CANDIDATES.sub(
        lambda m: m.group() if m.group() in "\n\t" or not _hidden(m.group()) else _escape(m.group()),
        text)


def json_safe(document: str) -> str:
    """A JSON text with every hidden character inside its strings written as a JSON escape:
    the same data, but nothing a terminal would act on."""
    return _CANDIDATES.sub(
        lambda m: _json_escape(m.group()) if m.group() not in "\n" and _hidden(m.group()) else m.group(),
        document)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
