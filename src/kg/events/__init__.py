"""Dyadic event data in the PLOVER style (SPEC §14): rows from the built graph, written as CSV
and JSON Lines with a JSON Schema of a row. See docs/events.md."""

from __future__ import annotations

from pyoxigraph import Store

from kg.events.facts import collect
from kg.events.rows import COLUMNS, Row, Shape
from kg.graph import BuiltGraph

__all__ = ["COLUMNS", "Row", "Shape", "event_rows"]


def event_rows(graph: BuiltGraph, shape: Shape = Shape.DYAD, *, store: Store | None = None) -> list[Row]:
    """The rows of the export, in a deterministic order (event, then kind, claim, actors).

    `store` may be the graph's own `graph.store()` (named graphs, queried as their union)."""
    from kg.events.rows import Builder

    facts = collect(store if store is not None else graph.store())
    return Builder(facts, shape).rows()
