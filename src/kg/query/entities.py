"""Entities and their names, read through an engine (so remote endpoints work alike)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from kg.model.kinds import Kind
from kg.namespaces import ONTOLOGY
from kg.query.engine import Engine, Table
from kg.query.names import Entity, Label, split_iri
from kg.query.values import values_rows

_CHUNK = 500
_PREFIXES = """PREFIX tcd: <https://w3id.org/tcdkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_LABELS = """OPTIONAL {
    { ?entity rdfs:label ?label BIND(true AS ?preferred) }
    UNION { ?entity skos:altLabel ?label BIND(false AS ?preferred) }
    UNION { ?entity ^tcd:historicNameOf/(rdfs:label|skos:altLabel) ?label BIND(false AS ?preferred) }
  }"""
#: (a VALUES list of classes beside the VALUES list of entities made Oxigraph 0.5 7x slower)
_BY_IRI = _PREFIXES + "SELECT ?entity ?class ?label ?preferred WHERE {\n  %s\n  ?entity a ?class .\n  " \
    + _LABELS + "\n}"
_BY_KIND = _PREFIXES + "SELECT ?entity ?label ?preferred WHERE {\n  ?entity a %s .\n  " \
    + _LABELS + "\n}"


def class_of(kind: Kind) -> NamedNode:
    return NamedNode(f"{ONTOLOGY}{kind.value.capitalize()}")


_RECORD_CLASSES = {class_of(k) for k in Kind}


class EngineLookup:
    """Looks entities up by IRI or lists them by kind; caches what it has read."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._of_kind: dict[Kind, list[Entity]] = {}
        self._by_kinds: dict[frozenset[Kind], list[Entity]] = {}
        self._by_iri: dict[str, Entity] = {}

    def by_iris(self, iris: Iterable[str]) -> dict[str, Entity]:
        wanted = []
        for iri in dict.fromkeys(iris):
            if iri not in self._by_iri and split_iri(iri) is not None:
                wanted.append(iri)
        for start in range(0, len(wanted), _CHUNK):
            chunk = [NamedNode(i) for i in wanted[start:start + _CHUNK]]
            table = self.engine.run(_BY_IRI % values_rows("entity", chunk))
            rows = [[e, label, preferred] for e, cls, label, preferred in table.rows
                    if cls in _RECORD_CLASSES]
            for entity in entities_from(Table(["entity", "label", "preferred"], rows)):
                self._by_iri[entity.iri] = entity
        return {i: self._by_iri[i] for i in iris if i in self._by_iri}

    def all(self, kinds: frozenset[Kind]) -> list[Entity]:
        """Every entity of these kinds, sorted by kind and slug (the same list each time)."""
        if kinds not in self._by_kinds:
            for kind in kinds - self._of_kind.keys():
                table = self.engine.run(_BY_KIND % class_of(kind))
                self._of_kind[kind] = entities_from(table)
                self._by_iri.update((e.iri, e) for e in self._of_kind[kind])
            found = [e for kind in kinds for e in self._of_kind[kind]]
            self._by_kinds[kinds] = sorted(found, key=lambda e: e.ref)
        return self._by_kinds[kinds]


def entities_from(table: Table) -> list[Entity]:
    """Group (entity, label, preferred) rows into entities, sorted by kind and slug."""
    labels: dict[str, set[Label]] = defaultdict(set)
    for entity, label, preferred in table.rows:
        if not isinstance(entity, NamedNode) or split_iri(entity.value) is None:
            continue
        names = labels[entity.value]
        if isinstance(label, Literal):
            names.add(Label(label.value, label.language or "",
                            isinstance(preferred, Literal) and preferred.value == "true"))
    out = []
    for iri, names in labels.items():
        kind, slug = split_iri(iri)  # type: ignore[misc]
        out.append(Entity(iri, kind, slug, tuple(sorted(names))))
    return sorted(out, key=lambda e: e.ref)
