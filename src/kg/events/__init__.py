"""Dyadic event data in the PLOVER style (SPEC §14): rows from the built graph, written as CSV
and JSON Lines with a JSON Schema of a row. See docs/events.md."""

from __future__ import annotations

from pyoxigraph import Store

from kg.events.facts import collect
from kg.events.rows import COLUMNS, Row, Segments, Shape
from kg.graph import BuiltGraph

__all__ = ["COLUMNS", "Row", "Segments", "Shape", "event_rows", "event_segments"]


def event_segments(graph: BuiltGraph, shape: Shape = Shape.DYAD, *,
                   store: Store | None = None) -> list[Segments]:
    """The rows of the export as groups of columns (what kg.events.write encodes), in a
    deterministic order: by event, then participations, signings, adoptions, intents.

    `store` may be the graph's own `graph.store()` (named graphs, queried as their union)."""
    from kg.events.rows import Builder

    facts = collect(store if store is not None else graph.store())
    return Builder(facts, shape).rows()


def event_rows(graph: BuiltGraph, shape: Shape = Shape.DYAD, *, store: Store | None = None) -> list[Row]:
    """The rows of the export as flat dictionaries, keys in COLUMNS order."""
    return [{k: v for segment in row for k, v in segment.items()}
            for row in event_segments(graph, shape, store=store)]
