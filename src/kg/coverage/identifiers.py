"""External identifiers are facts too: a `wikidata` id needs a cited source that shows it."""

from __future__ import annotations

from pydantic import BaseModel

from kg.errors import Finding, Severity
from kg.yamlio import Locations


def identifier_findings(model: BaseModel, locations: Locations) -> list[Finding]:
    """An error for a `wikidata` id that no citation shows: neither an `identifiers_source`
    nor a quote in `sources` that contains the id."""
    qid = getattr(model, "wikidata", None)
    if qid is None or getattr(model, "identifiers_source", None):
        return []
    if any(c.quote and qid in c.quote for c in getattr(model, "sources", [])):
        return []
    return [Finding(locations.at(("wikidata",)), Severity.ERROR, "E224", (
        f"wikidata '{qid}' has no source: add `identifiers_source:` citing the page that shows "
        f"the id, or quote the id in one of `sources`"))]
