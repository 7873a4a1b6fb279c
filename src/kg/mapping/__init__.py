"""Records → RDF quads: one named graph per fact file, and where every subject was written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.graph import BuiltGraph, StoreFiller
from kg.load import Record
from kg.mapping import documents, events, records
from kg.mapping.emit import Emitter
from kg.model import Kind, Source
from kg.model.common import Identified, Named
from kg.namespaces import graph_iri, record_iri
from kg.references import Index

_MAPPERS: dict[Kind, Callable[[Emitter, Any, Any], None]] = {
    Kind.PERSON: records.person,
    Kind.STATE: records.state,
    Kind.ORGANIZATION: records.organization,
    Kind.PLACE: records.place,
    Kind.FORMAT: records.format_,
    Kind.SOURCE: records.source,
    Kind.EVENT: events.event,
    Kind.DOCUMENT: documents.document,
}


def map_record(record: Record, index: Index, source_languages: dict[str, str]) -> Emitter:
    """The quads of one fact file in its own named graph."""
    iri = record_iri(record.kind.value, record.slug)
    emitter = Emitter(record, index, graph_iri(record.kind.value, record.slug), source_languages)
    model = record.model
    if isinstance(model, Named):
        emitter.names(iri, model.name, model.alt_names, model.translated)
    if not isinstance(model, Source):
        emitter.cite(iri, model.sources)
        emitter.note(iri, model.note)
    if isinstance(model, Identified):
        emitter.identifiers(iri, model)
    _MAPPERS[record.kind](emitter, iri, model)
    emitter.contested(iri, model, ())
    return emitter


def map_records(all_records: list[Record], index: Index, *, ordered: bool = True,
                with_store: bool = False) -> BuiltGraph:
    """Map every record; with `ordered`, quads come back deduplicated and sorted so that every
    export is deterministic (a store needs neither: validation and queries skip it).
    `with_store` fills the graph's store meanwhile (`BuiltGraph.take_store`)."""
    languages = {r.slug: r.model.language for r in all_records if isinstance(r.model, Source)}
    built = BuiltGraph()
    filler = StoreFiller() if with_store else None
    try:
        for record in all_records:
            emitter = map_record(record, index, languages)
            built.add(record, emitter.quads, emitter.locations)
            if filler is not None:
                filler.add(emitter.quads)
        if ordered:
            built.finish()
    finally:
        if filler is not None:
            built.keep_filled(filler.finish())
    return built
