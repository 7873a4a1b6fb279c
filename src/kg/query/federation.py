"""Does a SPARQL text reach outside the dataset? A tokenizer, not pattern matching.

The text is split into SPARQL's tokens (IRIs, prefixed names, strings, variables, comments,
words), so `SERVICE` is found wherever the grammar allows it — in a sub-select, after
comments, with a prefixed name or a variable — and never inside a string, an IRI or a
comment. PREFIX and BASE declarations are followed, so `FROM s:x` is expanded before it is
judged. SPARQL processes `\\uXXXX` escapes before parsing: the text is scanned both as
written and with them decoded, and refused if either reading reaches outside.

Reaching outside: SERVICE (any target), LOAD, and FROM / FROM NAMED (or the protocol's
`default-graph-uri` / `named-graph-uri`) naming anything but this dataset's own graphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from kg.namespaces import GRAPH

_PN_CHARS = r"A-Za-z0-9_\-\u00B7\u00C0-\uFFFF"
_TOKEN = re.compile(
    r"""(?P<ws>\s+)
      |(?P<comment>\#[^\n\r]*)
      |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
                 |'(?:[^'\\\n\r]|\\.)*'?|"(?:[^"\\\n\r]|\\.)*"?)
      |(?P<var>[?$][""" + _PN_CHARS + r"""]+)
      |(?P<pname>(?:[A-Za-z\u00C0-\uFFFF_][""" + _PN_CHARS + r""".]*)?:(?:(?:[""" + _PN_CHARS
    + r""":.%]|\\.)*(?:[""" + _PN_CHARS + r""":%]|\\.))?)
      |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<other>.)""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


@dataclass(frozen=True)
class Outside:
    """Why a query reaches outside: the clause as written, and what it does."""

    clause: str
    reason: str

    def __str__(self) -> str:
        return f"{self.clause} {self.reason}"


def tokens(text: str) -> Iterator[Token]:
    """SPARQL tokens of `text`, without white space and comments."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group())


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's form (its first such keyword)."""
    for token in tokens(text):
        if token.kind == "word" and token.text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return token.text.upper()
    return None


def _decoded(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group()
    return _ESCAPE.sub(one, text)


def find_outside(text: str, *, default_graphs: Iterable[str] = (),
                 named_graphs: Iterable[str] = ()) -> Outside | None:
    """The first clause that would make an engine reach outside this dataset, or None."""
    for graph, keyword in [*((g, "default-graph-uri") for g in default_graphs),
                           *((g, "named-graph-uri") for g in named_graphs)]:
        if not graph.startswith(GRAPH):
            return Outside(f"{keyword}={graph}", "names a graph outside this dataset "
                           "(which an engine may fetch)")
    readings = [text] if "\\u" not in text and "\\U" not in text else [text, _decoded(text)]
    for reading in readings:
        found = _scan(list(tokens(reading)))
        if found is not None:
            return found
    return None


def _scan(toks: list[Token]) -> Outside | None:
    prefixes: dict[str, str] = {}
    base = ""
    for n, token in enumerate(toks):
        if token.kind != "word":
            continue
        word = token.text.upper()
        after = toks[n + 1:n + 4]
        if word == "PREFIX" and len(after) >= 2 and after[0].kind == "pname" and after[1].kind == "iri":
            prefixes[after[0].text[:-1]] = urljoin(base, after[1].text[1:-1])
        elif word == "BASE" and after and after[0].kind == "iri":
            base = urljoin(base, after[0].text[1:-1])
        elif word == "SERVICE":
            target = after[1] if after and after[0].text.upper() == "SILENT" and len(after) > 1 \
                else (after[0] if after else None)
            return Outside(f"SERVICE {target.text if target else ''}".rstrip(),
                           "would query another endpoint")
        elif word == "LOAD":
            target = next((t for t in after if t.kind in ("iri", "pname")), None)
            return Outside(f"LOAD {target.text if target else ''}".rstrip(),
                           "would fetch data from outside")
        elif word == "FROM":
            named = bool(after) and after[0].text.upper() == "NAMED"
            target = after[1 if named else 0] if len(after) > int(named) else None
            keyword = "FROM NAMED" if named else "FROM"
            if target is None:
                continue
            iri = _expand(target, prefixes, base)
            if iri is None or not iri.startswith(GRAPH):
                return Outside(f"{keyword} {target.text}",
                               "names a graph outside this dataset (which an engine may fetch)")
    return None


def _expand(token: Token, prefixes: dict[str, str], base: str) -> str | None:
    if token.kind == "iri":
        return urljoin(base, token.text[1:-1])
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix)
        return None if namespace is None else namespace + re.sub(r"\\(.)", r"\1", local)
    return None
