"""Checks on ad-hoc SPARQL, by parsing (rdflib's SPARQL grammar, and the tokenizer of
`kg.query.federation`), never by pattern matching.

`kg query` answers read-only queries: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE,
ADD, MOVE, COPY) are refused. SERVICE, and FROM / FROM NAMED naming anything but this
dataset's own graphs (`https://w3id.org/tcdkg/graph/...`), would make an engine fetch from
the network or the file system: refused unless federation is explicitly allowed.
"""

from __future__ import annotations

import re

from kg.errors import QueryError
from kg.query.engine import QueryForm
from kg.query.federation import find_outside, tokens
from kg.query.syntax import KNOWN_PREFIXES, diagnose, with_prefixes

_FORMS = {"SelectQuery": QueryForm.SELECT, "AskQuery": QueryForm.ASK,
          "ConstructQuery": QueryForm.CONSTRUCT, "DescribeQuery": QueryForm.DESCRIBE}


def check_query(text: str, *, allow_federation: bool = False) -> QueryForm:
    """The query's form; QueryError for syntax errors, updates and unallowed federation.

    The project's prefixes need no declaration (`with_prefixes` adds them before running).
    """
    from rdflib.plugins.sparql.parser import parseQuery

    if not any(t.kind == "word" and t.text.upper() not in ("PREFIX", "BASE") for t in tokens(text)):
        raise QueryError("the query is empty; write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if not allow_federation:
        outside = find_outside(with_prefixes(text))
        if outside is not None and not outside.clause.startswith("LOAD"):  # an update: below
            raise QueryError(f"{outside}; pass --allow-federation to allow it")
    message, offset = _engine_error(text)
    if message is not None and not _is_update(with_prefixes(text)):
        raise QueryError(diagnose(text, message, offset))
    try:
        parsed = parseQuery(with_prefixes(text))
    except Exception:  # rdflib raises assorted errors for bad syntax, prefixes and IRIs
        if _is_update(with_prefixes(text)):
            raise QueryError("kg query runs read-only queries; SPARQL updates (INSERT, "
                             "DELETE, LOAD, CLEAR, DROP, CREATE, ...) are refused") from None
        raise QueryError(diagnose(text, *_engine_error(text))) from None
    return _FORMS[parsed[1].name]


def _engine_error(text: str) -> tuple[str | None, int | None]:
    """Oxigraph's message and error offset for a query rdflib refused (parsing only: a query
    that names another endpoint is not even parsed, so nothing can be fetched)."""
    from pyoxigraph import Store

    if "service" in text.lower():
        return None, None
    try:
        Store().query(text, prefixes=KNOWN_PREFIXES)
    except SyntaxError as exc:
        message = str(exc)
        where = re.match(r"error at (\d+):(\d+)", message)
        if where is None:
            return message, None
        line, column = int(where.group(1)), int(where.group(2))
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        offset = starts[min(line, len(starts)) - 1] + column - 1
        return message, offset
    except Exception:  # evaluation errors say nothing about syntax
        return None, None
    return None, None


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # not an update either: the query error is the one to report
        return False
    return True
