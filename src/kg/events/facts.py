"""The facts the event export needs, read from the built graph with SPARQL (Oxigraph).

Each query returns a flat table; `collect` groups them into plain Python structures so that
rows can be assembled without touching RDF again. One pass per query, no per-event queries:
the cost grows with the graph, not with the number of events squared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, QuerySolutions, Store

PREFIXES = """\
PREFIX tcd: <https://w3id.org/tcdkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

EVENTS = PREFIXES + """
SELECT DISTINCT ?event ?type ?status ?format ?ordinal ?date ?start ?end ?earliest ?latest ?place ?part_of
WHERE {
  ?event a tcd:Event ; tcd:eventType ?type ; tcd:status ?status .
  OPTIONAL { ?event tcd:format ?format }
  OPTIONAL { ?event tcd:ordinal ?ordinal }
  OPTIONAL { ?event tcd:date ?date }
  OPTIONAL { ?event tcd:startDate ?start }
  OPTIONAL { ?event tcd:endDate ?end }
  OPTIONAL { ?event tcd:dateEarliest|tcd:startEarliest ?earliest }
  OPTIONAL { ?event tcd:dateLatest|tcd:startLatest|tcd:endLatest ?latest }
  OPTIONAL { ?event schema:location ?place }
  OPTIONAL { ?event schema:superEvent ?part_of }
}"""

# a place in a region in a state: follow containedInPlace up to the first place with a state
PLACE_STATES = PREFIXES + """
SELECT DISTINCT ?place ?state WHERE { ?place a tcd:Place ; schema:containedInPlace*/tcd:inState ?state }"""

PARTICIPATIONS = PREFIXES + """
SELECT DISTINCT ?claim ?event ?actor ?role ?status ?behalf ?capacity WHERE {
  ?claim a tcd:Participation ; tcd:event ?event ; tcd:participant ?actor .
  OPTIONAL { ?claim tcd:role ?role }
  OPTIONAL { ?claim tcd:status ?status }
  OPTIONAL { ?claim tcd:onBehalfOf ?behalf }
  OPTIONAL { ?claim tcd:capacity ?capacity }
}"""

POSTS = PREFIXES + """SELECT DISTINCT ?post ?post_in WHERE { ?post a tcd:Post ; org:postIn ?post_in }"""

EVENT_ROLES = PREFIXES + """
SELECT DISTINCT ?event ?actor ?role WHERE {
  ?event a tcd:Event .
  { ?event tcd:host ?actor . BIND("host" AS ?role) }
  UNION { ?event schema:organizer ?actor . BIND("organizer" AS ?role) }
  UNION { ?event tcd:chair ?actor . BIND("chair" AS ?role) }
}"""

SIGNINGS = PREFIXES + """
SELECT DISTINCT ?claim ?event ?document ?signatory ?behalf ?status WHERE {
  ?claim a tcd:Signing ; tcd:event ?event ; tcd:document ?document ; tcd:status ?status .
  OPTIONAL { ?claim tcd:signatory ?signatory }
  OPTIONAL { ?claim tcd:onBehalfOf ?behalf }
}"""

ADOPTIONS = PREFIXES + """
SELECT DISTINCT ?claim ?event ?document ?status WHERE {
  ?claim a tcd:Adoption ; tcd:event ?event ; tcd:document ?document ; tcd:status ?status .
}"""

INTENTS = PREFIXES + """
SELECT DISTINCT ?claim ?event ?status ?stated_by ?about WHERE {
  ?claim a tcd:Intent ; tcd:concerns ?event ; tcd:status ?status .
  ?event a tcd:Event .
  OPTIONAL { ?claim tcd:statedBy ?stated_by }
  OPTIONAL { ?claim tcd:about ?about }
}"""

DOCUMENT_TYPES = PREFIXES + """
SELECT DISTINCT ?document ?type WHERE { ?document a tcd:Document ; tcd:documentType ?type }"""

PARTIES = PREFIXES + """SELECT DISTINCT ?document ?party WHERE { ?document tcd:party ?party }"""

CITATIONS = PREFIXES + """
SELECT DISTINCT ?subject ?source WHERE {
  VALUES ?class { tcd:Event tcd:Participation tcd:Signing tcd:Adoption tcd:Intent }
  ?subject a ?class ; prov:wasDerivedFrom ?source .
}"""

SOURCES = PREFIXES + """
SELECT DISTINCT ?source ?url ?publisher WHERE {
  ?source a tcd:Source .
  OPTIONAL { ?source schema:url ?url }
  OPTIONAL { ?source dcterms:publisher ?publisher }
}"""

LABELS = PREFIXES + """
SELECT DISTINCT ?subject ?label WHERE { ?subject rdfs:label ?label FILTER(LANG(?label) = "en") }"""


@dataclass
class Participation:
    claim: str | None
    actor: str
    role: str | None
    status: str | None
    behalf: str | None = None
    capacity: str | None = None
    post_in: str | None = None


@dataclass
class Intent:
    status: str | None
    stated_by: str | None
    about: set[str] = field(default_factory=set)


@dataclass
class Facts:
    """Everything the rows are made of, keyed by IRI; lists are in a stable order."""

    events: dict[str, dict[str, str | None]] = field(default_factory=dict)
    place_states: dict[str, str] = field(default_factory=dict)
    participations: dict[str, list[Participation]] = field(default_factory=lambda: defaultdict(list))
    signings: dict[str, list[dict[str, str | None]]] = field(default_factory=lambda: defaultdict(list))
    adoptions: dict[str, list[dict[str, str | None]]] = field(default_factory=lambda: defaultdict(list))
    intents: dict[str, dict[str, Intent]] = field(default_factory=lambda: defaultdict(dict))
    document_types: dict[str, str] = field(default_factory=dict)
    parties: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    citations: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    urls: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    publishers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, str] = field(default_factory=dict)


def _rows(store: Store, query: str) -> Iterator[dict[str, str | None]]:
    """Solutions over the union of the named graphs (a graph.store() has no default graph)."""
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, QuerySolutions)
    names = [v.value for v in solutions.variables]
    for solution in solutions:
        yield {name: _text(solution[name]) for name in names}


def _text(term: object) -> str | None:
    if isinstance(term, (NamedNode, Literal)):
        return term.value
    return None if term is None else str(term)


def _last(iri: str | None) -> str | None:
    """`held` for https://w3id.org/tcdkg/vocab/event-status/held."""
    return None if iri is None else iri.rsplit("/", 1)[-1]


def collect(store: Store) -> Facts:
    """Run every query once and group the answers."""
    facts = Facts()
    for r in _rows(store, EVENTS):
        event = r["event"]
        assert event is not None
        known = facts.events.setdefault(event, {})
        for key, value in r.items():  # a span with several bounds: keep the widest
            if value is None:
                continue
            if key == "earliest":
                value = min(value, known.get(key) or value)
            elif key == "latest":
                value = max(value, known.get(key) or value)
            elif key in ("type", "status"):
                value = _last(value)
            known[key] = value
    for r in _rows(store, PLACE_STATES):
        facts.place_states.setdefault(r["place"] or "", r["state"] or "")
    posts = {r["post"]: r["post_in"] for r in _rows(store, POSTS)}
    for r in _rows(store, PARTICIPATIONS):
        facts.participations[r["event"] or ""].append(Participation(
            r["claim"], r["actor"] or "", _last(r["role"]), _last(r["status"]), r["behalf"],
            r["capacity"], posts.get(r["capacity"])))
    for r in _rows(store, EVENT_ROLES):
        facts.participations[r["event"] or ""].append(Participation(None, r["actor"] or "", r["role"], None))
    for r in _rows(store, SIGNINGS):
        r["status"] = _last(r["status"])
        facts.signings[r["event"] or ""].append(r)
    for r in _rows(store, ADOPTIONS):
        r["status"] = _last(r["status"])
        facts.adoptions[r["event"] or ""].append(r)
    for r in _rows(store, INTENTS):
        intent = facts.intents[r["event"] or ""].setdefault(
            r["claim"] or "", Intent(_last(r["status"]), r["stated_by"]))
        if r["about"]:
            intent.about.add(r["about"])
    for r in _rows(store, DOCUMENT_TYPES):
        facts.document_types[r["document"] or ""] = _last(r["type"]) or ""
    for r in _rows(store, PARTIES):
        facts.parties[r["document"] or ""].add(r["party"] or "")
    for r in _rows(store, CITATIONS):
        facts.citations[r["subject"] or ""].add(r["source"] or "")
    for r in _rows(store, SOURCES):
        if r["url"]:
            facts.urls[r["source"] or ""].add(r["url"])
        if r["publisher"]:
            facts.publishers[r["source"] or ""].add(r["publisher"])
    for r in _rows(store, LABELS):
        subject, label = r["subject"] or "", r["label"] or ""
        facts.labels[subject] = min(label, facts.labels.get(subject, label))
    return facts
