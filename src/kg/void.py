"""VoID / DCAT description of the dataset: counts, licence, sources, build version."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg import __version__
from kg.csvexport import Subjects, subjects
from kg.graph import BuiltGraph
from kg.namespaces import BASE, ONTOLOGY, PREFIXES, RDF, TCD, XSD

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "tcdkg: Turkic and Central Asian diplomacy knowledge graph"


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


@dataclass
class Census:
    """What void.ttl counts: distinct subjects, members of each tcd: class, the sources."""

    entities: int
    classes: dict[str, int]
    sources: list[str]


def census(index: Subjects) -> Census:
    return Census(len(index.values), {cls: len(members) for cls, members in index.classes.items()},
                  list(index.classes.get(TCD.Source.value, ())))


def void_description(graph: BuiltGraph, files: list[str], counted: Census | None = None, *,
                     triples: int | None = None) -> bytes:
    """Turtle describing the dataset; no timestamps, so it is reproducible.

    `counted` is `census(kg.csvexport.subjects(graph))` and `triples` the number of distinct
    triples, when the caller has them already."""
    dataset = _n(BASE + "dataset")
    triples = len(graph.triples()) if triples is None else triples
    counted = counted or census(subjects(graph))
    out: list[Triple] = [
        Triple(dataset, RDF.type, _n(VOID + "Dataset")),
        Triple(dataset, RDF.type, _n(DCAT + "Dataset")),
        Triple(dataset, _n(DCT + "title"), Literal(TITLE, language="en")),
        Triple(dataset, _n(DCT + "license"), _n(LICENSE)),
        Triple(dataset, _n(DCT + "hasVersion"), Literal(__version__)),
        Triple(dataset, _n(VOID + "triples"), _int(triples)),
        Triple(dataset, _n(VOID + "entities"), _int(counted.entities)),
        Triple(dataset, _n(VOID + "uriSpace"), Literal(BASE + "id/")),
        Triple(dataset, _n(VOID + "vocabulary"), _n(ONTOLOGY.rstrip("#"))),
    ]
    for cls, count in sorted(counted.classes.items()):  # tcd: classes only
        part = _n(f"{BASE}dataset/class/{cls.rsplit('/', 1)[-1].rsplit('#', 1)[-1]}")
        out += [Triple(dataset, _n(VOID + "classPartition"), part),
                Triple(part, _n(VOID + "class"), _n(cls)),
                Triple(part, _n(VOID + "entities"), _int(count))]
    for source in counted.sources:
        term = BlankNode(source[2:]) if source.startswith("_:") else _n(source)
        out.append(Triple(dataset, _n(DCT + "source"), term))
    for name in files:
        dist = _n(f"{BASE}dataset/file/{name}")
        out += [Triple(dataset, _n(DCAT + "distribution"), dist),
                Triple(dist, RDF.type, _n(DCAT + "Distribution")),
                Triple(dist, _n(DCAT + "downloadURL"), _n(f"{BASE}dataset/file/{name}")),
                Triple(dist, _n(DCT + "title"), Literal(name))]
    prefixes = {**PREFIXES, "void": VOID, "dcat": DCAT}
    data = ox.serialize(sorted(set(out), key=str), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    assert data is not None
    return data
