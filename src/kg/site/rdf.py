"""Each record's own data (its named graph) as Turtle, N-Triples and JSON-LD.

A record's data is the named graph of its fact file, `https://w3id.org/tcdkg/graph/<kind>/<slug>`;
a post, declared inside its state's or organization's file, has no graph of its own and gets
the triples about it (its subject and the nodes minted under its IRI). Triples are sorted and
serialised by pyoxigraph, so the files are byte-identical from build to build.
"""

from __future__ import annotations

import enum

import pyoxigraph as ox

from kg.namespaces import PREFIXES, RECORD_PREFIXES
from kg.site.graphdata import Record


class DataFormat(enum.StrEnum):
    """The representations of a record, by file extension."""

    TTL = "ttl"
    NT = "nt"
    JSONLD = "jsonld"

    @property
    def media_type(self) -> str:
        return _MEDIA[self]

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return _RDF[self]


_MEDIA = {DataFormat.TTL: "text/turtle", DataFormat.NT: "application/n-triples",
          DataFormat.JSONLD: "application/ld+json"}
_RDF = {DataFormat.TTL: ox.RdfFormat.TURTLE, DataFormat.NT: ox.RdfFormat.N_TRIPLES,
        DataFormat.JSONLD: ox.RdfFormat.JSON_LD}


def record_triples(store: ox.Store, record: Record) -> list[ox.Triple]:
    """The record's named graph, or for a post the triples about it, sorted."""
    graph = ox.NamedNode(record.graph)
    quads = list(store.quads_for_pattern(None, None, None, graph))
    if not quads:
        quads = list(store.quads_for_pattern(ox.NamedNode(record.iri), None, None))
    return sorted({q.triple for q in quads}, key=str)


def serialize(triples: list[ox.Triple], fmt: DataFormat) -> bytes:
    prefixes = {**PREFIXES, **RECORD_PREFIXES} if fmt is DataFormat.TTL else None
    out = ox.serialize(triples, format=fmt.rdf_format, prefixes=prefixes)
    assert out is not None
    return out
