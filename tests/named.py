"""Named queries answered in tests: a table's named columns as compact strings."""

from __future__ import annotations

from kg.query.catalog import load_catalog
from kg.query.local import LocalEngine
from kg.query.render import cell
from kg.query.run import Answer, run_named

CATALOG = load_catalog()


def ask(engine: LocalEngine, name: str, **params: str) -> Answer:
    return run_named(CATALOG[name], params, engine)


def rows(engine: LocalEngine, name: str, *columns: str, **params: str) -> list[tuple[str, ...]]:
    """The named columns of every row, IRIs compact (`person:slug`), unbound as ''."""
    table = ask(engine, name, **params).table
    index = [table.columns.index(c) for c in columns]
    return [tuple(cell(r[i], compact=True) for i in index) for r in table.rows]
