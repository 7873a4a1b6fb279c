"""The built dataset: sorted quads, named graphs per fact file, and the location index."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from pyoxigraph import DefaultGraph, Quad, Store, Triple

from kg.errors import SourceLocation

if TYPE_CHECKING:
    from kg.load import Record
    from kg.yamlio import Locations, Path_

_Statement = TypeVar("_Statement", Quad, Triple)


@dataclass
class BuiltGraph:
    """Everything the build produced, in a deterministic order."""

    quads: list[Quad] = field(default_factory=list)
    locations: SubjectLocations = field(default_factory=lambda: SubjectLocations())
    graph_files: dict[str, str] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)
    _triples: list[Triple] | None = field(default=None, init=False, repr=False, compare=False)
    _sorted: bool = field(default=False, init=False, repr=False, compare=False)
    #: a store of the quads filled while they were mapped (`StoreFiller`), for `take_store`
    _filled: Store | None = field(default=None, init=False, repr=False, compare=False)

    def __setattr__(self, name: str, value: object) -> None:
        if name == "quads":  # a new quad list makes the cached triples and store stale
            object.__setattr__(self, "_triples", None)
            object.__setattr__(self, "_sorted", False)
            object.__setattr__(self, "_filled", None)
        object.__setattr__(self, name, value)

    def add(self, record: Record, quads: list[Quad], subjects: dict[str, Path_]) -> None:
        """A record's quads, and where in its file (`subjects`: IRI -> YAML path) it wrote
        each subject."""
        self.records.append(record)
        self.quads.extend(quads)
        self._triples = None
        self._sorted = False
        self.locations.note(record.locations, subjects)
        if quads:
            self.graph_files[quads[0].graph_name.value] = record.path  # type: ignore[union-attr]

    @property
    def is_sorted(self) -> bool:
        """Whether the quads are distinct and in N-Quads order (`finish`)."""
        return self._sorted

    def finish(self) -> None:
        """Deduplicate and sort quads (N-Quads order) so outputs never depend on hashing."""
        self.quads = _sorted_distinct(self.quads)
        self._sorted = True

    def triples(self) -> list[Triple]:
        """The union of all named graphs as a sorted list of distinct triples.

        Computed once and shared by every caller (exports, validation): do not modify it.
        """
        if self._triples is None:
            self._triples = _distinct(self.quads) if self._sorted else \
                _sorted_distinct([q.triple for q in self.quads])
        return self._triples

    def quads_by_graph(self) -> list[Quad]:
        """The quads sorted by graph name (its N-Quads term), then by N-Quads line.

        Once sorted, that is each graph's quads in the order they already have (no new sort)."""
        if not self._sorted:
            return sorted(self.quads, key=lambda q: (str(q.graph_name), str(q)))
        groups: dict[object, list[Quad]] = {}
        for quad in self.quads:
            groups.setdefault(quad.graph_name, []).append(quad)
        out: list[Quad] = []
        for key in sorted(groups, key=str):
            out.extend(groups[key])
        return out

    def store(self) -> Store:
        """An in-memory Oxigraph store holding the dataset (named graphs, no default graph)."""
        store = Store()
        store.bulk_extend(self.quads)
        return store

    def take_store(self) -> Store:
        """`store()`, or the store filled while the quads were mapped (`StoreFiller`), handed
        to the first caller only: it is theirs to change."""
        store, self._filled = self._filled, None
        return store if store is not None else self.store()

    def filled_store(self) -> Store | None:
        """The store filled while mapping if no one took it yet, left in place: for a forked
        child, whose copy of it is its own to change."""
        return self._filled

    def keep_filled(self, store: Store) -> None:
        """Keep the store filled while mapping these quads (`kg.mapping.map_records`)."""
        self._filled = store

    def union_store(self) -> Store:
        """A store whose default graph is the union of all named graphs (for queries)."""
        store = Store()
        store.bulk_extend(self.quads)
        store.bulk_extend(Quad(t.subject, t.predicate, t.object, DefaultGraph())
                          for t in self.triples())
        return store

    def location_of(self, iri: str) -> SourceLocation | None:
        """The fact-file line a subject was written on; claims fall back to their record."""
        probe = iri
        while probe:
            where = self.locations.get(probe)
            if where is not None:
                return where
            if "/" not in probe:
                return None
            probe = probe.rsplit("/", 1)[0]
        return None


class StoreFiller:
    """Fills an in-memory store with quads handed over as they are made, on a thread of its
    own: `Store.extend` frees the GIL while it inserts, so the store fills while the caller
    goes on mapping (at 1M triples, most of the 2 s a store takes after the mapping)."""

    CHUNK = 20_000  # quads handed to the thread at a time

    def __init__(self) -> None:
        self.store = Store()
        self._buffer: list[Quad] = []
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store")
        self._pending: list[Future[None]] = []

    def add(self, quads: list[Quad]) -> None:
        self._buffer.extend(quads)
        if len(self._buffer) >= self.CHUNK:
            self._pending.append(self._thread.submit(self.store.extend, self._buffer))
            self._buffer = []

    def finish(self) -> Store:
        """The store with every quad handed over (the thread is ended)."""
        try:
            if self._buffer:
                self._pending.append(self._thread.submit(self.store.extend, self._buffer))
                self._buffer = []
            for pending in self._pending:
                pending.result()
        finally:
            self._thread.shutdown(wait=True, cancel_futures=True)
        return self.store


class SubjectLocations:
    """The fact-file line each subject was written on, worked out when first asked: the
    mapping notes the YAML path, and a file's positions are read only for the few subjects a
    finding is about (`kg.yamlio.Locations`)."""

    def __init__(self) -> None:
        self._spots: dict[str, tuple[Locations, Path_]] = {}

    def note(self, locations: Locations, subjects: dict[str, Path_]) -> None:
        """Subjects of one file at their YAML paths (a subject noted before keeps its place)."""
        spots = self._spots
        for iri, at in subjects.items():
            if iri not in spots:
                spots[iri] = (locations, at)

    def __contains__(self, iri: object) -> bool:
        return iri in self._spots

    def __len__(self) -> int:
        return len(self._spots)

    def get(self, iri: str) -> SourceLocation | None:
        spot = self._spots.get(iri)
        return None if spot is None else spot[0].at(spot[1])

    def in_files(self, paths: set[str]) -> Iterator[SourceLocation]:
        """Where each subject written in one of the files `paths` was written."""
        for locations, at in self._spots.values():
            if locations.path in paths:
                yield locations.at(at)


def _sorted_distinct(statements: list[_Statement]) -> list[_Statement]:
    """The distinct statements in the order of their N-Quads (N-Triples) lines: each line made
    once, and equal lines for equal statements (40% faster than `sorted(set(...), key=str)`,
    which hashes every statement and then makes each line again)."""
    by_line = {str(statement): statement for statement in statements}
    return [by_line[line] for line in sorted(by_line)]


def _distinct(quads: list[Quad]) -> list[Triple]:
    """The distinct triples of quads sorted by their N-Quads line, in N-Triples line order.

    The two orders agree: a quad's line is its triple's line with the graph name written
    before the final dot, and a term's N-Triples form never contains an unescaped quote
    followed by a space, so quads of one triple are adjacent and triples keep their order.
    """
    out: list[Triple] = []
    last = None
    for quad in quads:
        triple = quad.triple
        if triple != last:
            out.append(triple)
            last = triple
    return out
