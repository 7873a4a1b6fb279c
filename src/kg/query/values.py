"""Parameters as a SPARQL VALUES block serialised from pyoxigraph terms (remote engines).

The terms are pyoxigraph objects, validated on construction, and their N-Triples form is
valid SPARQL syntax with every quote and backslash escaped; variable names come from the
catalog header (a strict pattern). No user text reaches the query any other way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pyoxigraph import Literal, NamedNode

from kg.errors import QueryError
from kg.query.engine import Term

_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: things to step over while looking for the WHERE clause's brace: comments, strings, IRIs
_TOKENS = re.compile(
    r'#[^\n]*'
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r'|\{',
    re.DOTALL,
)


def term_syntax(term: Term) -> str:
    """SPARQL syntax of an IRI or literal; blank nodes and triples cannot be bound remotely."""
    if isinstance(term, (NamedNode, Literal)):
        return str(term)
    raise QueryError(f"cannot bind {term} on a remote endpoint; only IRIs and literals")


def values_block(bindings: Mapping[str, Term]) -> str:
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"'{name}' is not a SPARQL variable name")
    variables = " ".join(f"?{n}" for n in names)
    terms = " ".join(term_syntax(bindings[n]) for n in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def first_brace(query: str) -> int:
    """Offset of the first `{` outside comments, strings and IRIs (the WHERE group)."""
    for match in _TOKENS.finditer(query):
        if match.group() == "{":
            return match.start()
    raise QueryError("the query has no WHERE clause to bind parameters in")


#: a comment line of a query tuned for in-process Oxigraph (queries/oxigraph/) where the
#: parameters' VALUES block is repeated: at the head of a sub-SELECT that projects them, which
#: Oxigraph then evaluates bound instead of over the whole graph
MARKER = "# kg:values"


def inject_values(query: str, bindings: Mapping[str, Term]) -> str:
    """The query with a VALUES block opening its WHERE group (for SELECT and ASK queries), and
    in place of every MARKER comment."""
    if not bindings:
        return query
    block = values_block(bindings)
    at = first_brace(query) + 1
    text = f"{query[:at]}\n  {block}\n{query[at:]}"
    markers = [m for m in _TOKENS.finditer(text) if m.group().rstrip() == MARKER]
    for match in reversed(markers):
        text = f"{text[:match.start()]}{block}{text[match.end():]}"
    return text


def values_rows(variable: str, terms: Sequence[Term]) -> str:
    """`VALUES ?variable { t1 t2 ... }` for many values of one variable."""
    if not _VARIABLE.fullmatch(variable):
        raise QueryError(f"'{variable}' is not a SPARQL variable name")
    return f"VALUES ?{variable} {{ {' '.join(term_syntax(t) for t in terms)} }}"
