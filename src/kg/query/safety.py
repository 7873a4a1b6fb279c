"""Checks on ad-hoc SPARQL, by parsing (rdflib's SPARQL grammar, and the tokenizer of
`kg.query.federation`), never by pattern matching.

`kg query` answers read-only queries: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE,
ADD, MOVE, COPY) are refused. SERVICE, and FROM / FROM NAMED naming anything but this
dataset's own graphs (`https://w3id.org/tcdkg/graph/...`), would make an engine fetch from
the network or the file system: refused unless federation is explicitly allowed.
"""

from __future__ import annotations

from kg.errors import QueryError
from kg.query.engine import QueryForm
from kg.query.federation import find_outside, tokens

_FORMS = {"SelectQuery": QueryForm.SELECT, "AskQuery": QueryForm.ASK,
          "ConstructQuery": QueryForm.CONSTRUCT, "DescribeQuery": QueryForm.DESCRIBE}


def check_query(text: str, *, allow_federation: bool = False) -> QueryForm:
    """The query's form; QueryError for syntax errors, updates and unallowed federation."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    if not any(t.kind == "word" and t.text.upper() not in ("PREFIX", "BASE") for t in tokens(text)):
        raise QueryError("the query is empty; write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if not allow_federation:
        outside = find_outside(text)
        if outside is not None and not outside.clause.startswith("LOAD"):  # an update: below
            raise QueryError(f"{outside}; pass --allow-federation to allow it")
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        if _is_update(text):
            raise QueryError("kg query runs read-only queries; SPARQL updates (INSERT, "
                             "DELETE, LOAD, CLEAR, DROP, CREATE, ...) are refused") from None
        raise QueryError(f"invalid SPARQL at line {exc.lineno}, column {exc.col}: "
                         f"{exc.msg}") from None
    except Exception as exc:  # rdflib raises assorted errors for bad prefixes and IRIs
        raise QueryError(f"invalid SPARQL: {exc}") from None
    return _FORMS[parsed[1].name]


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # not an update either: the query error is the one to report
        return False
    return True
