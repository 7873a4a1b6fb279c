"""The built dataset: sorted quads, named graphs per fact file, and the location index."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pyoxigraph import DefaultGraph, Quad, Store, Triple

from kg.errors import SourceLocation

if TYPE_CHECKING:
    from kg.load import Record


@dataclass
class BuiltGraph:
    """Everything the build produced, in a deterministic order."""

    quads: list[Quad] = field(default_factory=list)
    locations: dict[str, SourceLocation] = field(default_factory=dict)
    graph_files: dict[str, str] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)

    def add(self, record: Record, quads: list[Quad], locations: dict[str, SourceLocation]) -> None:
        self.records.append(record)
        self.quads.extend(quads)
        for iri, where in locations.items():
            self.locations.setdefault(iri, where)
        if quads:
            self.graph_files[quads[0].graph_name.value] = record.path  # type: ignore[union-attr]

    def finish(self) -> None:
        """Deduplicate and sort quads (N-Quads order) so outputs never depend on hashing."""
        self.quads = sorted(set(self.quads), key=str)

    def triples(self) -> list[Triple]:
        """The union of all named graphs as a sorted list of distinct triples."""
        return sorted({q.triple for q in self.quads}, key=str)

    def store(self) -> Store:
        """An in-memory Oxigraph store holding the dataset (named graphs, no default graph)."""
        store = Store()
        store.bulk_extend(self.quads)
        return store

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
            if probe in self.locations:
                return self.locations[probe]
            if "/" not in probe:
                return None
            probe = probe.rsplit("/", 1)[0]
        return None
