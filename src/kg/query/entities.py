"""Entities and their names, read through an engine (so remote endpoints work alike)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from kg.kinds import Kind
from kg.namespaces import ONTOLOGY
from kg.query.engine import Engine, Table
from kg.query.entity import Entity, Label, split_iri
from kg.query.values import values_rows

_CHUNK = 500
_PREFIXES = """PREFIX tcd: <https://w3id.org/tcdkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
#: every name of an entity; `?preferred` is the string "true" or "false" (not a boolean:
#: Virtuoso 7 answers `BIND(true AS ?x)` with the integer 1), and which name is shown is
#: chosen in Python by `Entity.label`, never by the order the engine sends the rows in
_LABELS = """OPTIONAL {
    { ?entity rdfs:label ?label BIND("true" AS ?preferred) }
    UNION { ?entity skos:altLabel ?label BIND("false" AS ?preferred) }
    UNION { ?entity ^tcd:historicNameOf/rdfs:label ?label BIND("false" AS ?preferred) }
    UNION { ?entity ^tcd:historicNameOf/skos:altLabel ?label BIND("false" AS ?preferred) }
    UNION {
      # a source without a title: its publisher and publication date (no CONCAT of an unbound
      # value: Virtuoso 7.2 reads it as "")
      ?entity dcterms:publisher/rdfs:label ?publisher .
      FILTER NOT EXISTS { ?entity rdfs:label ?title }
      OPTIONAL { ?entity tcd:publishedDate ?published }
      BIND(STRLANG(IF(COALESCE(STR(?published), "") = "", STR(?publisher),
                      CONCAT(STR(?publisher), ", ", STR(?published))),
                   LANG(?publisher)) AS ?label)
      BIND("true" AS ?preferred)
    }
  }"""
#: (a VALUES list of classes beside the VALUES list of entities made Oxigraph 0.5 7x slower)
_BY_IRI = _PREFIXES + "SELECT ?entity ?class ?label ?preferred WHERE {\n  %s\n  ?entity a ?class .\n  " \
    + _LABELS + "\n}"
_BY_KIND = _PREFIXES + "SELECT ?entity ?label ?preferred WHERE {\n  ?entity a %s .\n  " \
    + _LABELS + "\n}"

#: what describes each event besides its names (for names like "Bishkek summit 2024")
_EVENT_FACTS = _PREFIXES + """SELECT ?entity ?date ?start ?end ?ordinal ?super WHERE {
  ?entity a tcd:Event .
  OPTIONAL { ?entity tcd:date ?date }
  OPTIONAL { ?entity tcd:startDate ?start }
  OPTIONAL { ?entity tcd:endDate ?end }
  OPTIONAL { ?entity tcd:ordinal ?ordinal }
  OPTIONAL { ?entity schema:superEvent ?super }
}"""
#: the names of an event's place (and its state), format (and its organization) and type
_EVENT_NAMES = _PREFIXES + """SELECT ?entity ?thing ?name WHERE {
  ?entity a tcd:Event .
  { ?entity schema:location ?thing } UNION { ?entity schema:location/tcd:inState ?thing }
  UNION { ?entity tcd:format ?thing } UNION { ?entity tcd:format/tcd:formatOf ?thing }
  UNION { ?entity tcd:eventType ?thing }
  OPTIONAL {
    { ?thing rdfs:label ?name } UNION { ?thing skos:altLabel ?name }
    UNION { ?thing skos:prefLabel ?name } UNION { ?thing ^tcd:historicNameOf/rdfs:label ?name }
    UNION { ?thing ^tcd:historicNameOf/skos:altLabel ?name }
  }
}"""


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
                self._of_kind[kind] = self._of(kind)
                self._by_iri.update((e.iri, e) for e in self._of_kind[kind])
            found = [e for kind in kinds for e in self._of_kind[kind]]
            self._by_kinds[kinds] = sorted(found, key=lambda e: e.ref)
        return self._by_kinds[kinds]

    def _of(self, kind: Kind) -> list[Entity]:
        """From the index beside a persistent store (kg.query.entity_index) when it has one."""
        from kg.query.entity_index import keep_index, read_index

        folder: Path | None = getattr(self.engine, "index", None)
        kept = read_index(folder, kind) if folder is not None else None
        if kept is not None:
            return kept
        found = entities_from(self.engine.run(_BY_KIND % class_of(kind)))
        if kind is Kind.EVENT:
            found = self._described(found)
        if folder is not None:
            keep_index(folder, kind, found)
        return found

    def _described(self, events: list[Entity]) -> list[Entity]:
        """Events with their date, describing texts and super-events."""
        dates: dict[str, str] = {}
        context: dict[str, set[str]] = defaultdict(set)
        parents: dict[str, set[str]] = defaultdict(set)
        for entity, date, start, end, ordinal, parent in self.engine.run(_EVENT_FACTS).rows:
            if not isinstance(entity, NamedNode):
                continue
            iri = entity.value
            for value in (date, start, end):
                if isinstance(value, Literal):
                    context[iri].add(value.value[:4])
            first = date if isinstance(date, Literal) else start
            if isinstance(first, Literal):
                dates[iri] = min(dates.get(iri, first.value), first.value)
            if isinstance(ordinal, Literal):
                context[iri].add(ordinal.value)
            if isinstance(parent, NamedNode):
                parents[iri].add(parent.value)
        for entity, thing, name in self.engine.run(_EVENT_NAMES).rows:
            if isinstance(entity, NamedNode) and isinstance(thing, NamedNode):
                if isinstance(name, Literal):
                    context[entity.value].add(name.value)
                if "/vocab/" in thing.value:  # a type concept: its notation is a name too
                    context[entity.value].add(thing.value.rsplit("/", 1)[-1].replace("-", " "))
        return [replace(e, date=dates.get(e.iri), context=tuple(sorted(context[e.iri])),
                        parents=tuple(sorted(parents[e.iri]))) for e in events]


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
