"""Running a named, file or ad-hoc query end to end: bind, execute, label."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import QueryError, UsageError
from kg.query.catalog import NamedQuery, has_header, parse_query
from kg.query.engine import Engine, QueryForm, Table
from kg.query.entities import EngineLookup
from kg.query.labels import add_labels
from kg.query.merge import merge_attestations
from kg.query.names import Entity
from kg.query.params import bind


@dataclass
class Answer:
    """A labelled table, and what the parameters resolved to."""

    table: Table
    name: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)


def make_engine(endpoint: str | None, timeout: float, data: Path,
                notify: Callable[[str], None] = lambda _m: None) -> Engine:
    """The remote engine for an endpoint URL, else the local one over the fact files' store
    (rebuilt, with a note through `notify`, when a fact file changed)."""
    if not 0 < timeout <= 86_400:  # also refuses nan
        raise UsageError(f"--timeout {timeout:g} is not a number of seconds from 0 to 86400; "
                         "e.g. --timeout 30")
    if endpoint:
        from kg.query.remote import RemoteEngine

        return RemoteEngine(endpoint, timeout)
    from kg.query.local import engine_for_data

    return engine_for_data(data, timeout, notify)


def run_named(query: NamedQuery, values: dict[str, str], engine: Engine,
              lang: str = "en") -> Answer:
    """Resolve the parameters, run the query, drop the parameter columns, add labels."""
    lookup = EngineLookup(engine)
    bound = bind(query, values, lookup)
    text = query.oxigraph_text if query.oxigraph_text and engine.name == "local" else query.text
    table = engine.run(text, bound.terms, QueryForm.SELECT)
    table = table.drop([v for p in query.params for v in p.variables])
    table = merge_attestations(query.name, table)
    return Answer(add_labels(table, lookup, lang), query.name, bound.shown, bound.entities)


def run_adhoc(text: str, engine: Engine, lang: str = "en", *,
              allow_federation: bool = False) -> Answer:
    """An ad-hoc query: refused if it updates or federates (unless allowed)."""
    from kg.query.safety import check_query  # its tokenizers cost a named query's start-up
    from kg.query.syntax import with_prefixes

    form = check_query(text, allow_federation=allow_federation)
    text = with_prefixes(text)
    limited = getattr(engine, "run_limited", None)  # a local engine: in a killable worker
    table = limited(text, form) if limited is not None else engine.run(text, None, form)
    if form is not QueryForm.ASK:
        table = add_labels(table, EngineLookup(engine), lang)
    return Answer(table)


def run_file(path: Path, values: dict[str, str], engine: Engine, lang: str = "en", *,
             allow_federation: bool = False) -> Answer:
    """A `.rq` file: with a `#+` header it takes parameters like a named query."""
    from kg.query.safety import check_query
    from kg.query.syntax import with_prefixes

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read query file '{path}': {exc}") from None
    if not has_header(text):
        if values:
            raise UsageError(f"'{path}' declares no parameters (it has no '#+ param:' header)")
        return run_adhoc(text, engine, lang, allow_federation=allow_federation)
    query = parse_query(text, str(path), path.stem)
    query = replace(query, text=with_prefixes(query.text))
    if check_query(query.text, allow_federation=allow_federation) is not QueryForm.SELECT:
        raise QueryError(f"'{path}': a query with parameters must be a SELECT query")
    return run_named(query, values, engine, lang)
