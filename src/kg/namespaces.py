"""IRIs: namespaces, the ontology's terms (a typo is an AttributeError), record and claim IRIs."""

from __future__ import annotations

from functools import cache

from pyoxigraph import NamedNode

BASE = "https://w3id.org/tcdkg/"
ONTOLOGY = BASE + "ontology#"
ID = BASE + "id/"
VOCAB = BASE + "vocab/"
GRAPH = BASE + "graph/"
EDTF = "http://id.loc.gov/datatypes/edtf/EDTF"


class Namespace:
    """A namespace whose terms are a closed list: `TCD.participant`, never `TCD.participnat`."""

    def __init__(self, base: str, terms: str) -> None:
        self.base = base
        self.terms = frozenset(terms.split())

    def __getattr__(self, name: str) -> NamedNode:
        local = name.rstrip("_")  # `type_` for reserved words
        if local not in self.terms:
            raise AttributeError(f"{self.base}{local} is not a declared term")
        node = _node(self.base + local)
        setattr(self, name, node)  # later lookups find the attribute without this method
        return node

    def __contains__(self, iri: str) -> bool:
        return iri.startswith(self.base) and iri[len(self.base):] in self.terms


@cache
def _node(iri: str) -> NamedNode:
    return NamedNode(iri)


TCD_CLASSES = """
    Person State Organization Place Format Event Document Post Source
    Claim Participation Signing Adoption Approval PostHolding Membership Chairmanship Intent
    HistoricName ValueStatement Ratification EntryIntoForce
"""
TCD_PROPERTIES = """
    translatedLabel status quote
    date dateEarliest dateLatest
    startDate startEarliest startLatest
    endDate endEarliest endLatest
    attestedDate attestedEarliest attestedLatest
    expectedDate expectedEarliest expectedLatest
    publishedDate publishedEarliest publishedLatest
    eventType format ordinal host chair slogan
    event participant role onBehalfOf capacity
    document signatory approvedBy
    holder post
    chairedBody startedAt handedOverFrom
    statement statedBy about concerns
    historicNameOf
    statementOf statedProperty value rank rankReason contested
    ratifyingParty forParty withinEvent
    isoCode recognition
    organizationType basedIn headquarters
    placeType inState
    formatOf
    documentType author party implements
    via sha256 sourceType
"""
TCD = Namespace(ONTOLOGY, TCD_CLASSES + TCD_PROPERTIES)

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#", "label comment subClassOf")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#",
                 "Concept ConceptScheme altLabel prefLabel note inScheme definition exactMatch")
DCTERMS = Namespace("http://purl.org/dc/terms/",
                    "title publisher language subject creator issued license identifier")
PROV = Namespace("http://www.w3.org/ns/prov#",
                 "Entity Derivation wasDerivedFrom qualifiedDerivation entity")
ORG = Namespace("http://www.w3.org/ns/org#",
                "member organization postIn subOrganizationOf")
SCHEMA = Namespace("https://schema.org/",
                   "location organizer superEvent containedInPlace url")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#",
                "string date integer positiveInteger gYear gYearMonth")

PREFIXES: dict[str, str] = {
    "tcd": ONTOLOGY,
    "tcdr": ID,
    "tcdv": VOCAB,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}
#: one prefix per record kind keeps Turtle readable: `person:kassym-jomart-tokayev`
RECORD_PREFIXES: dict[str, str] = {
    kind: f"{ID}{kind}/"
    for kind in ("person", "state", "organization", "place", "format", "event", "document",
                 "source", "post")
}


def record_iri(kind: str, slug: str) -> NamedNode:
    return NamedNode(f"{ID}{kind}/{slug}")


def graph_iri(kind: str, slug: str) -> NamedNode:
    return NamedNode(f"{GRAPH}{kind}/{slug}")


def concept_iri(scheme: str, value: str) -> NamedNode:
    return _node(f"{VOCAB}{scheme}/{value}")


def scheme_iri(scheme: str) -> NamedNode:
    return _node(f"{VOCAB}{scheme}")
