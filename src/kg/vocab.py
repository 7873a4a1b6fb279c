"""Controlled vocabularies of the fact files; each is a SKOS concept scheme in the ontology.

The enum values are the YAML spellings and the last segment of the concept IRI
`https://w3id.org/tcdkg/vocab/<scheme>/<value>`; `tests/test_ontology.py` keeps them and
`ontology/vocabularies.ttl` in step.
"""

from __future__ import annotations

import enum


class EventType(enum.StrEnum):
    SUMMIT = "summit"
    HEADS_OF_GOVERNMENT_MEETING = "heads-of-government-meeting"
    MINISTERIAL_MEETING = "ministerial-meeting"
    BILATERAL_MEETING = "bilateral-meeting"
    COLLECTIVE_MEETING = "collective-meeting"
    RECEPTION = "reception"
    OFFICIAL_VISIT = "official-visit"
    WORKING_VISIT = "working-visit"
    VISIT = "visit"
    FORUM = "forum"
    PANEL = "panel"
    CEREMONY = "ceremony"
    CULTURAL_PROGRAMME = "cultural-programme"
    ELECTION = "election"
    ELECTION_OBSERVATION = "election-observation"
    OBSERVANCE = "observance"
    CONFERENCE = "conference"


class EventStatus(enum.StrEnum):
    HELD = "held"
    SCHEDULED = "scheduled"
    PLANNED = "planned"
    CANCELLED = "cancelled"


class DocumentType(enum.StrEnum):
    JOINT_STATEMENT = "joint-statement"
    DECLARATION = "declaration"
    ACT = "act"
    CONCEPT = "concept"
    STRATEGY = "strategy"
    PROGRAMME = "programme"
    ROADMAP = "roadmap"
    ACTION_PLAN = "action-plan"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum-of-understanding"
    COMMUNIQUE = "communique"
    DECISION = "decision"
    ADDRESS = "address"
    AGREEMENT = "agreement"


class DocumentStatus(enum.StrEnum):
    SIGNED = "signed"
    ADOPTED = "adopted"
    APPROVED = "approved"
    DELIVERED = "delivered"
    IN_PREPARATION = "in-preparation"
    EXPECTED = "expected"
    PLANNED = "planned"
    RATIFIED = "ratified"
    IN_FORCE = "in-force"


class SigningStatus(enum.StrEnum):
    SIGNED = "signed"
    EXPECTED = "expected"


class AdoptionStatus(enum.StrEnum):
    ADOPTED = "adopted"
    APPROVED = "approved"
    EXPECTED = "expected"


class ApprovalStatus(enum.StrEnum):
    APPROVED = "approved"
    EXPECTED = "expected"


class ParticipationRole(enum.StrEnum):
    HEAD_OF_DELEGATION = "head-of-delegation"
    DELEGATE = "delegate"
    GUEST_OF_HONOUR = "guest-of-honour"
    OBSERVER = "observer"
    HOST = "host"
    CHAIR = "chair"
    SPEAKER = "speaker"
    ORGANIZER = "organizer"
    VISITOR = "visitor"
    PARTICIPANT = "participant"


class ParticipationStatus(enum.StrEnum):
    ATTESTED = "attested"
    EXPECTED = "expected"


class RatificationStatus(enum.StrEnum):
    RATIFIED = "ratified"
    EXPECTED = "expected"


class EntryIntoForceStatus(enum.StrEnum):
    IN_FORCE = "in-force"
    EXPECTED = "expected"


class Rank(enum.StrEnum):
    """Rank of one sourced value of a contested field, as Wikidata ranks statements."""

    PREFERRED = "preferred"
    NORMAL = "normal"


class MembershipRole(enum.StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"


class ChairmanshipStatus(enum.StrEnum):
    HELD = "held"
    EXPECTED = "expected"


class IntentStatus(enum.StrEnum):
    PLANNED = "planned"
    EXPECTED = "expected"
    PROPOSED = "proposed"


class OrganizationType(enum.StrEnum):
    INTERNATIONAL_ORGANIZATION = "international-organization"
    ORGANIZATION_BODY = "organization-body"
    AFFILIATED_INSTITUTION = "affiliated-institution"
    NATIONAL_BODY = "national-body"
    NGO = "ngo"
    NEWS_PUBLISHER = "news-publisher"
    PLATFORM = "platform"


class PlaceType(enum.StrEnum):
    CITY = "city"
    REGION = "region"
    AUTONOMOUS_REPUBLIC = "autonomous-republic"


class Recognition(enum.StrEnum):
    RECOGNIZED = "recognized"
    PARTIALLY_RECOGNIZED = "partially-recognized"


class SourceType(enum.StrEnum):
    NEWS_ARTICLE = "news-article"
    OFFICIAL_RELEASE = "official-release"
    WEB_PAGE = "web-page"


class Topic(enum.StrEnum):
    TRADE = "trade"
    ECONOMY = "economy"
    INVESTMENT = "investment"
    TRANSPORT = "transport"
    TRANSIT = "transit"
    DIGITALIZATION = "digitalization"
    CUSTOMS = "customs"
    ENERGY = "energy"
    WATER = "water"
    AGRICULTURE = "agriculture"
    INDUSTRY = "industry"
    SECURITY = "security"
    CULTURE = "culture"
    HUMANITARIAN = "humanitarian"
    SCIENCE = "science"
    AI = "ai"
    CYBERSECURITY = "cybersecurity"
    URBAN_DEVELOPMENT = "urban-development"
    ENVIRONMENT = "environment"
    CIVIL_SOCIETY = "civil-society"
    ELECTIONS = "elections"
    EMERGENCY_RESPONSE = "emergency-response"
    METROLOGY = "metrology"
    GREEN_FINANCE = "green-finance"
    REGIONAL_COOPERATION = "regional-cooperation"
    WOMEN = "women"
    POLITICS = "politics"


class DateMatch(enum.StrEnum):
    """How surely a fact's date or period covers the date a query asks about (not a status)."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    UNDATED = "undated"


#: scheme name (IRI segment) -> enum, for the ontology check and the RDF mapping
SCHEMES: dict[str, type[enum.StrEnum]] = {
    "event-type": EventType,
    "event-status": EventStatus,
    "document-type": DocumentType,
    "document-status": DocumentStatus,
    "signing-status": SigningStatus,
    "adoption-status": AdoptionStatus,
    "approval-status": ApprovalStatus,
    "ratification-status": RatificationStatus,
    "entry-into-force-status": EntryIntoForceStatus,
    "rank": Rank,
    "participation-role": ParticipationRole,
    "participation-status": ParticipationStatus,
    "membership-role": MembershipRole,
    "chairmanship-status": ChairmanshipStatus,
    "intent-status": IntentStatus,
    "organization-type": OrganizationType,
    "place-type": PlaceType,
    "recognition": Recognition,
    "source-type": SourceType,
    "topic": Topic,
    "date-match": DateMatch,
}
#: schemes that label query answers only (no fact file field takes them, no shape checks them)
ANSWER_ONLY = frozenset({"date-match"})
