"""Dataset assertions (SPEC §11): `data/assertions.yaml` states expected minimum and maximum
counts, as OpenSanctions' dataset assertions do, and `kg validate` (so CI) checks them.

    assertions:
      - id: ots-summits                   # a slug, unique in the file
        description: OTS summits          # optional
        count: events                     # what is counted (MEASURES)
        format: ots-council-of-heads-of-state   # filters the measure takes
        min: 2                            # min and/or max
        max: 40

A count outside its bounds is an error (E601) naming the assertion, the actual count and the
bound; a malformed file is an error too (E602), at its line.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from pydantic import Field, StrictInt, ValidationError
from pyoxigraph import Literal, NamedNode

from kg.errors import Finding, Severity, relpath
from kg.load import Record
from kg.model import Event, Person
from kg.model.common import Slug, Strict, Text
from kg.model.kinds import Kind
from kg.namespaces import PROV, RDF, TCD
from kg.pipeline import Compiled
from kg.schema_errors import findings_from
from kg.vocab import EventStatus, EventType
from kg.yamlio import read_yaml

FILE_NAME = "assertions.yaml"


class Measure(enum.StrEnum):
    RECORDS = "records"
    EVENTS = "events"
    CLAIMS = "claims"
    CLAIMS_PER_SOURCE = "claims-per-source"
    PERSONS_WITHOUT_POST = "persons-without-post"
    EDITIONS_WITHOUT_PARTICIPANTS = "editions-without-participants"
    CONTESTED_FIELDS = "contested-fields"


#: measure -> the filters it takes
FILTERS: dict[Measure, frozenset[str]] = {
    Measure.RECORDS: frozenset({"kind"}),
    Measure.EVENTS: frozenset({"format", "type", "status"}),
    Measure.CLAIMS: frozenset({"claim"}),
    Measure.CLAIMS_PER_SOURCE: frozenset(),
    Measure.PERSONS_WITHOUT_POST: frozenset(),
    Measure.EDITIONS_WITHOUT_PARTICIPANTS: frozenset({"format"}),
    Measure.CONTESTED_FIELDS: frozenset(),
}
Count = Annotated[StrictInt, Field(ge=0)]


class Assertion(Strict):
    id: Slug
    description: Text | None = None
    count: Measure
    kind: Kind | None = None
    format: Slug | None = None
    type: EventType | None = None
    status: EventStatus | None = None
    claim: Slug | None = Field(default=None, description="claim class in kebab case, e.g. "
                               "participation, post-holding, value-statement")
    min: Count | None = None
    max: Count | None = None


class AssertionsFile(Strict):
    assertions: list[Assertion]


def assertion_findings(compiled: Compiled, data_dir: Path) -> list[Finding]:
    """Findings for the assertions of data_dir/assertions.yaml (none when there is no file)."""
    file = data_dir / FILE_NAME
    if not file.is_file():
        return []
    document = read_yaml(file, relpath(file))
    if not document.ok:
        return document.findings
    try:
        parsed = AssertionsFile.model_validate(document.data)
    except ValidationError as exc:
        return [_recoded(f) for f in findings_from(exc, AssertionsFile, document.locations)]
    findings: list[Finding] = []
    seen: set[str] = set()
    for n, assertion in enumerate(parsed.assertions):
        where = document.locations.at(("assertions", n))
        problem = _problem(assertion, seen)
        seen.add(assertion.id)
        if problem:
            findings.append(Finding(where, Severity.ERROR, "E602", problem))
            continue
        findings.extend(Finding(where, Severity.ERROR, "E601", message)
                        for message in _check(assertion, compiled))
    return findings


def _recoded(finding: Finding) -> Finding:
    return Finding(finding.location, finding.severity, "E602", finding.message)


def _problem(assertion: Assertion, seen: set[str]) -> str | None:
    if assertion.id in seen:
        return f"assertion id '{assertion.id}' is used twice; give each assertion its own id"
    if assertion.min is None and assertion.max is None:
        return f"assertion '{assertion.id}' has neither `min` nor `max`; give one or both"
    allowed = FILTERS[assertion.count]
    given = {f for f in ("kind", "format", "type", "status", "claim")
             if getattr(assertion, f) is not None}
    extra = sorted(given - allowed)
    if extra:
        takes = ", ".join(f"`{f}`" for f in sorted(allowed)) or "no filter"
        return (f"assertion '{assertion.id}': `count: {assertion.count.value}` takes {takes}, "
                f"not `{extra[0]}`")
    if assertion.count is Measure.RECORDS and assertion.kind is None:
        return f"assertion '{assertion.id}': `count: records` needs `kind` (person, event ...)"
    return None


def _check(assertion: Assertion, compiled: Compiled) -> list[str]:
    name = f"assertion '{assertion.id}' ({_what(assertion)})"
    if assertion.count is Measure.CLAIMS_PER_SOURCE:
        return _per_source(name, assertion, compiled)
    actual = _COUNTERS[assertion.count](assertion, compiled)
    return [f"{name}: {message}" for message in _bounds(actual, assertion)]


def _bounds(actual: int, assertion: Assertion) -> list[str]:
    if assertion.min is not None and actual < assertion.min:
        return [f"{actual} found, expected at least {assertion.min}"]
    if assertion.max is not None and actual > assertion.max:
        return [f"{actual} found, expected at most {assertion.max}"]
    return []


def _what(a: Assertion) -> str:
    filters = [f"{f} {getattr(a, f).value if isinstance(getattr(a, f), enum.Enum) else getattr(a, f)}"
               for f in ("kind", "format", "type", "status", "claim") if getattr(a, f) is not None]
    return a.count.value.replace("-", " ") + (f" of {', '.join(filters)}" if filters else "")


def _iri(term: object) -> str:
    return term.value if isinstance(term, (NamedNode, Literal)) else str(term)


def _slug(ref: str | None) -> str | None:
    return ref.rpartition("/")[2] if ref is not None else None


def _events(compiled: Compiled) -> list[tuple[Record, Event]]:
    return [(r, r.model) for r in compiled.records if isinstance(r.model, Event)]


def _count_records(a: Assertion, compiled: Compiled) -> int:
    if a.kind is Kind.POST:
        return len(compiled.index.post_owner)
    return sum(1 for r in compiled.records if r.kind is a.kind)


def _count_events(a: Assertion, compiled: Compiled) -> int:
    return sum(1 for _r, e in _events(compiled)
               if (a.format is None or _slug(e.format) == a.format)
               and (a.type is None or e.type is a.type)
               and (a.status is None or e.status is a.status))


def _count_claims(a: Assertion, compiled: Compiled) -> int:
    wanted = TCD.Claim if a.claim is None else _class(a.claim)
    return len({_iri(q.subject) for q in compiled.graph.quads
                if q.predicate == RDF.type and q.object == wanted})


def _class(claim: str) -> object:
    name = "".join(part.capitalize() for part in claim.split("-"))
    return getattr(TCD, name, None) if name in TCD.terms else None


def _count_persons_without_post(_a: Assertion, compiled: Compiled) -> int:
    return sum(1 for r in compiled.records if isinstance(r.model, Person) and not r.model.posts)


def _count_editions_without_participants(a: Assertion, compiled: Compiled) -> int:
    events = _events(compiled)
    attended = {r.slug for r, e in events if e.participants}
    attended |= {e.part_of.rpartition("/")[2] for _r, e in events if e.participants and e.part_of}
    return sum(1 for r, e in events
               if e.format is not None and (a.format is None or _slug(e.format) == a.format)
               and e.status is EventStatus.HELD and r.slug not in attended)


def _count_contested(_a: Assertion, compiled: Compiled) -> int:
    return len({_iri(q.subject) for q in compiled.graph.quads
                if q.predicate == TCD.rank and _iri(q.object).endswith("/rank/preferred")})


_COUNTERS: dict[Measure, Callable[[Assertion, Compiled], int]] = {
    Measure.RECORDS: _count_records,
    Measure.EVENTS: _count_events,
    Measure.CLAIMS: _count_claims,
    Measure.PERSONS_WITHOUT_POST: _count_persons_without_post,
    Measure.EDITIONS_WITHOUT_PARTICIPANTS: _count_editions_without_participants,
    Measure.CONTESTED_FIELDS: _count_contested,
}


def _per_source(name: str, a: Assertion, compiled: Compiled) -> list[str]:
    """Each source must back between min and max records and claims."""
    backed: Counter[str] = Counter(
        source.rpartition("/")[2] for _subject, source in {
            (_iri(q.subject), _iri(q.object)) for q in compiled.graph.quads
            if q.predicate == PROV.wasDerivedFrom})
    sources = sorted(r.slug for r in compiled.records if r.kind is Kind.SOURCE)
    out: list[str] = []
    low = [s for s in sources if a.min is not None and backed[s] < a.min]
    high = [s for s in sources if a.max is not None and backed[s] > a.max]
    for bad, bound in ((low, f"fewer than {a.min}"), (high, f"more than {a.max}")):
        if bad:
            shown = ", ".join(f"'{s}' ({backed[s]})" for s in bad[:5])
            more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
            verb = "sources back" if len(bad) > 1 else "source backs"
            out.append(f"{name}: {len(bad)} {verb} {bound} records and claims: {shown}{more}")
    return out
