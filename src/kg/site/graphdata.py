"""What the pages show, read from the built graph with SPARQL (never from the YAML files).

`read_site_data` asks the data store (named graphs, queried as their union) for the records
and their names, every claim with its values and its sources' quotes, the statements of every
record, the links between records and, through the catalog's `timeline` query, the dated
events, documents and posts of every actor; it asks the ontology for the English and Russian
labels of classes, properties and vocabulary concepts. Everything is sorted, so pages never
depend on a store's row order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Store

from kg.namespaces import GRAPH, ID, ONTOLOGY
from kg.query.engine import Term
from kg.query.values import first_brace, values_rows

RECORD_CLASSES = {f"{ONTOLOGY}{c}": c.lower() for c in
                  ("Person", "State", "Organization", "Place", "Format", "Event", "Document",
                   "Source", "Post")}
KIND_ORDER = ("person", "state", "organization", "event", "document", "format", "place",
              "post", "source")
ACTORS = ("person", "state", "organization")
VALUE_STATEMENT = f"{ONTOLOGY}ValueStatement"
HISTORIC_NAME = f"{ONTOLOGY}HistoricName"
STATEMENT_OF = f"{ONTOLOGY}statementOf"
_TRUE = Literal("true", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
_P = """PREFIX tcd: <https://w3id.org/tcdkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
_RECORDS = _P + """SELECT ?record ?class WHERE {
  ?record a ?class .
  VALUES ?class { tcd:Person tcd:State tcd:Organization tcd:Place tcd:Format tcd:Event
                  tcd:Document tcd:Source tcd:Post }
}"""
_NAMES = _P + """SELECT ?record ?p ?name ?translated WHERE {
  ?record ?p ?name .
  VALUES ?p { rdfs:label skos:altLabel dcterms:title }
  BIND(EXISTS { ?record tcd:translatedLabel ?name } AS ?translated)
}"""
_CLAIMS = _P + """SELECT ?claim ?class WHERE {
  ?claim a tcd:Claim , ?class . FILTER(?class != tcd:Claim)
}"""
# statements of records and claims: every value except names, types and provenance plumbing
_STATEMENTS = _P + """SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  { ?s a tcd:Claim } UNION { ?s a ?class . VALUES ?class { tcd:Person tcd:State tcd:Organization
    tcd:Place tcd:Format tcd:Event tcd:Document tcd:Source tcd:Post } }
  FILTER(?p NOT IN (rdf:type, rdfs:label, skos:altLabel, dcterms:title, tcd:translatedLabel,
                    prov:wasDerivedFrom, prov:qualifiedDerivation))
  FILTER(!STRENDS(STR(?p), "Earliest") && !STRENDS(STR(?p), "Latest"))
}"""
_CITATIONS = _P + """SELECT ?s ?source ?quote WHERE {
  ?s prov:wasDerivedFrom ?source .
  OPTIONAL { ?s prov:qualifiedDerivation ?d . ?d prov:entity ?source ; tcd:quote ?quote }
}"""
_SORT_DATES = _P + """SELECT ?s ?when WHERE {
  ?s tcd:dateEarliest|tcd:startEarliest|tcd:attestedEarliest|tcd:expectedEarliest
     |tcd:publishedEarliest ?when .
}"""
_ONTOLOGY_LABELS = _P + """SELECT ?term ?label WHERE {
  ?term rdfs:label|skos:prefLabel ?label .
}"""


@dataclass(frozen=True)
class Name:
    text: str
    lang: str
    preferred: bool
    translated: bool


@dataclass(frozen=True)
class Citation:
    source: str
    quote: Literal | None


@dataclass
class Node:
    """A record or a claim: its class, values (predicate, object) and sources."""

    iri: str
    cls: str
    statements: list[tuple[str, Term]] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    sort_date: str = ""
    names: list[Name] = field(default_factory=list)  # a former name's own labels

    def values(self, predicate: str) -> list[Term]:
        return [o for p, o in self.statements if p == predicate]

    def first(self, predicate: str) -> Term | None:
        found = self.values(predicate)
        return found[0] if found else None


@dataclass
class Record:
    kind: str
    slug: str
    node: Node
    names: list[Name] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return self.node.iri

    @property
    def graph(self) -> str:
        """The named graph holding the record (posts live in their state's or organization's)."""
        return f"{GRAPH}{self.kind}/{self.slug}"


@dataclass
class SiteData:
    """Everything the pages show, keyed by IRI."""

    records: dict[str, Record]
    claims: dict[str, Node]
    about: dict[str, list[str]]  # record IRI -> IRIs of the claims that name it or live under it
    incoming: dict[str, list[tuple[str, str]]]  # record IRI -> (subject record, predicate)
    terms: dict[str, dict[str, str]]  # ontology and vocabulary IRI -> {lang: label}
    timelines: dict[str, list[dict[str, Term | None]]]
    disputes: dict[str, list[Node]] = field(default_factory=dict)  # subject -> value statements
    name_cache: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)

    def by_kind(self, kind: str) -> list[Record]:
        return [r for r in self.records.values() if r.kind == kind]

    def languages(self) -> list[str]:
        """Primary language subtags of every name, English and Russian first."""
        found = {n.lang.split("-")[0] for r in self.records.values() for n in r.names}
        return ["en", "ru", *sorted(found - {"en", "ru"})]


def split_record_iri(iri: str) -> tuple[str, str] | None:
    """(kind, slug) of a record IRI; None for claims, vocabulary and foreign IRIs."""
    if not iri.startswith(ID):
        return None
    parts = iri[len(ID):].split("/")
    return (parts[0], parts[1]) if len(parts) == 2 else None


def _rows(store: Store, query: str) -> list[list[Term | None]]:
    result = store.query(query, use_default_graph_as_union=True)
    return [list(solution) for solution in result]  # type: ignore[union-attr]


def _iri(term: Term | None) -> str:
    assert isinstance(term, NamedNode), term
    return term.value


def read_site_data(store: Store, ontology: Store, timeline_query: str) -> SiteData:
    """Every fact a page shows, from the data store and the ontology store."""
    records, names = _records(store)
    claims = {_iri(c): Node(_iri(c), _iri(k)) for c, k in sorted(_rows(store, _CLAIMS), key=str)}
    nodes = {**{r.iri: r.node for r in records.values()}, **claims}
    for claim in claims.values():
        if claim.cls == HISTORIC_NAME:
            claim.names = names.get(claim.iri, [])
    for s, p, o in sorted(_rows(store, _STATEMENTS), key=lambda row: tuple(map(str, row))):
        nodes[_iri(s)].statements.append((_iri(p), o))  # type: ignore[arg-type]
    for s, source, quote in sorted(_rows(store, _CITATIONS), key=lambda row: tuple(map(str, row))):
        node = nodes.get(_iri(s))
        if node is not None:
            node.citations.append(Citation(_iri(source), quote))  # type: ignore[arg-type]
    for s, when in _rows(store, _SORT_DATES):
        node = nodes.get(_iri(s))
        if node is not None and (not node.sort_date or when.value < node.sort_date):  # type: ignore[union-attr]
            node.sort_date = when.value  # type: ignore[union-attr]
    disputes: dict[str, list[Node]] = defaultdict(list)
    for claim in claims.values():  # value statements of contested fields, shown on their subject
        subject = claim.first(STATEMENT_OF) if claim.cls == VALUE_STATEMENT else None
        if isinstance(subject, NamedNode):
            disputes[subject.value].append(claim)
    about, incoming = _links(records, {k: c for k, c in claims.items() if c.cls != VALUE_STATEMENT})
    return SiteData(records, claims, about, incoming, _terms(ontology),
                    _timelines(store, records, timeline_query), dict(disputes))


def _records(store: Store) -> tuple[dict[str, Record], dict[str, list[Name]]]:
    """The records with their names, and the names of every other subject (former names)."""
    records: dict[str, Record] = {}
    for iri, cls in sorted(_rows(store, _RECORDS), key=str):
        split = split_record_iri(_iri(iri))
        if split is not None:
            records[_iri(iri)] = Record(*split, Node(_iri(iri), _iri(cls)))
    names: dict[str, set[Name]] = defaultdict(set)
    for iri, p, name, translated in _rows(store, _NAMES):
        if isinstance(name, Literal):
            preferred = not _iri(p).endswith("altLabel")
            names[_iri(iri)].add(Name(name.value, name.language or "", preferred,
                                      str(translated) == str(_TRUE)))
    merged_names: dict[str, list[Name]] = {}
    for key, found in names.items():
        # one name per (text, language): a title that is also a label is shown once, and is
        # the curators' translation if either copy says so
        merged: dict[tuple[str, str], Name] = {}
        for n in sorted(found, key=lambda n: (not n.preferred, not n.translated)):
            merged.setdefault((n.text, n.lang), n)
        merged_names[key] = sorted(merged.values(), key=lambda n: (not n.preferred, n.lang, n.text))
        if key in records:
            records[key].names = merged_names[key]
    return records, merged_names


def _links(records: dict[str, Record], claims: dict[str, Node]) \
        -> tuple[dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    about: dict[str, set[str]] = defaultdict(set)
    for claim in claims.values():
        owner = claim.iri
        while owner and owner not in records:
            owner = owner.rsplit("/", 1)[0] if "/" in owner else ""
        if owner:
            about[owner].add(claim.iri)
        for _p, o in claim.statements:
            if isinstance(o, NamedNode) and o.value in records:
                about[o.value].add(claim.iri)
    incoming: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for record in records.values():
        for p, o in record.node.statements:
            if isinstance(o, NamedNode) and o.value in records and o.value != record.iri:
                incoming[o.value].add((record.iri, p))
    return ({k: sorted(v, key=lambda c: (claims[c].sort_date or "9999", c)) for k, v in about.items()},
            {k: sorted(v) for k, v in incoming.items()})


def _terms(ontology: Store) -> dict[str, dict[str, str]]:
    terms: dict[str, dict[str, str]] = defaultdict(dict)
    for term, label in sorted(_rows(ontology, _ONTOLOGY_LABELS), key=str):
        if isinstance(term, NamedNode) and isinstance(label, Literal) and label.language:
            terms[term.value].setdefault(label.language, label.value)
    return dict(terms)


def _timelines(store: Store, records: dict[str, Record], query: str) \
        -> dict[str, list[dict[str, Term | None]]]:
    """The catalog's `timeline` query, run once for every person, state and organization."""
    actors = [NamedNode(r.iri) for r in records.values() if r.kind in ACTORS]
    if not actors:
        return {}
    at = first_brace(query) + 1
    bound = f"{query[:at]}\n  {values_rows('actor', actors)}\n{query[at:]}"
    result = store.query(bound, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    timelines: dict[str, list[dict[str, Term | None]]] = defaultdict(list)
    rows = [dict(zip(names, solution, strict=True)) for solution in result]  # type: ignore[union-attr]
    for row in sorted(rows, key=_timeline_key):
        timelines[_iri(row["actor"])].append(row)
    return dict(timelines)


def _timeline_key(row: dict[str, Term | None]) -> tuple[str, ...]:
    """The query's own order (date, kind, item, role), then every other column."""
    first = ("date", "kind", "item", "role")
    return tuple(str(row.get(k) or "") for k in (*first, *sorted(set(row) - set(first))))
