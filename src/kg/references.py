"""Reference resolution: every `kind/slug` or plain slug must name a record of a fitting kind."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from kg.errors import Finding, Severity
from kg.load import Record
from kg.model.kinds import Kind
from kg.suggest import suggestion

P, S, ORG, PL, F, E, D, SRC, POST = (Kind.PERSON, Kind.STATE, Kind.ORGANIZATION, Kind.PLACE,
                                     Kind.FORMAT, Kind.EVENT, Kind.DOCUMENT, Kind.SOURCE, Kind.POST)
AGENTS = frozenset({P, S, ORG})
ANYTHING = frozenset(Kind)

#: "Model.field" -> kinds a reference in that field may point at
REF_KINDS: dict[str, frozenset[Kind]] = {
    "Citation.source": frozenset({SRC}),
    "PostHolding.post": frozenset({POST}),
    "Membership.member": frozenset({S, ORG}),
    "Chairmanship.chair": frozenset({S}),
    "Chairmanship.started_at": frozenset({E}),
    "Chairmanship.handed_over_from": frozenset({S}),
    "Intent.stated_by": AGENTS,
    "Intent.about": ANYTHING,
    "Intent.place": frozenset({PL, S}),
    "Organization.part_of": frozenset({ORG}),
    "Organization.state": frozenset({S}),
    "Organization.headquarters": frozenset({PL}),
    "Place.state": frozenset({S}),
    "Place.part_of": frozenset({PL}),
    "Format.organization": frozenset({ORG}),
    "Source.publisher": frozenset({ORG}),
    "Source.via": frozenset({ORG}),
    "Participation.participant": AGENTS,
    "Participation.on_behalf_of": frozenset({S, ORG}),
    "Participation.capacity": frozenset({POST}),
    "Signing.document": frozenset({D}),
    "Signing.signatory": frozenset({P}),
    "Signing.on_behalf_of": frozenset({S, ORG}),
    "Adoption.document": frozenset({D}),
    "Event.format": frozenset({F}),
    "Event.place": frozenset({PL, S}),
    "Event.part_of": frozenset({E}),
    "Event.host": AGENTS,
    "Event.organizer": AGENTS,
    "Event.chair": AGENTS,
    "Approval.by": frozenset({D}),
    "Document.authors": AGENTS,
    "Document.parties": frozenset({S, ORG}),
    "Document.about": ANYTHING,
    "Document.implements": frozenset({D}),
    "Ratification.party": frozenset({S, ORG}),
    "EntryIntoForce.party": frozenset({S, ORG}),
}


@dataclass
class Index:
    """Every record and declared post by kind and slug, and where it was declared."""

    slugs: dict[Kind, dict[str, Record]] = field(default_factory=dict)
    post_owner: dict[str, Record] = field(default_factory=dict)
    post_path: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    #: `resolve` answers by (reference, kinds allowed): the checks and the mapping ask the
    #: same few thousand questions hundreds of thousands of times (filled once built)
    resolved: dict[tuple[str, frozenset[Kind]], tuple[Kind | None, str | None]] = field(
        default_factory=dict, repr=False, compare=False)

    def has(self, kind: Kind, slug: str) -> bool:
        if kind is Kind.POST:
            return slug in self.post_owner
        return slug in self.slugs.get(kind, {})

    def record(self, kind: Kind, slug: str) -> Record | None:
        if kind is Kind.POST:
            return self.post_owner.get(slug)
        return self.slugs.get(kind, {}).get(slug)

    def names(self, kind: Kind) -> list[str]:
        if kind is Kind.POST:
            return list(self.post_owner)
        return list(self.slugs.get(kind, {}))


def build_index(records: list[Record]) -> tuple[Index, list[Finding]]:
    """Index records and posts; duplicate ids (also ids differing only by case) are findings."""
    index = Index()
    findings: list[Finding] = []
    folded: dict[tuple[Kind, str], Record] = {}
    for record in records:
        table = index.slugs.setdefault(record.kind, {})
        if record.slug in table:
            findings.append(_dup(record, (), record.kind, record.slug, table[record.slug].path))
            continue
        twin = folded.get((record.kind, record.slug.lower()))
        if twin is not None:
            findings.append(Finding(record.locations.at(()), Severity.ERROR, "E304",
                                    f"{record.kind.value} id '{record.slug}' differs only by case "
                                    f"from '{twin.slug}' in {twin.path}; ids are lowercase"))
        folded[(record.kind, record.slug.lower())] = record
        table[record.slug] = record
        for n, post in enumerate(getattr(record.model, "posts", [])):
            if not hasattr(post, "id"):
                continue
            if post.id in index.post_owner:
                findings.append(_dup(record, ("posts", n, "id"), Kind.POST, post.id,
                                     index.post_owner[post.id].path))
                continue
            index.post_owner[post.id] = record
            index.post_path[post.id] = ("posts", n)
    return index, findings


def _dup(record: Record, at: tuple[Any, ...], kind: Kind, slug: str, first: str) -> Finding:
    return Finding(record.locations.at(at), Severity.ERROR, "E303",
                   f"duplicate {kind.value} id '{slug}' (also in {first}); rename one of them")


def split_ref(ref: str) -> tuple[Kind | None, str]:
    kind, sep, slug = ref.partition("/")
    return (Kind(kind), slug) if sep else (None, ref)


def resolve(index: Index, ref: str, allowed: frozenset[Kind]) -> tuple[Kind | None, str | None]:
    """(kind, error message): the kind the reference names, or why it names none."""
    answer = index.resolved.get((ref, allowed))
    if answer is None:
        answer = index.resolved[(ref, allowed)] = _resolve(index, ref, allowed)
    return answer


def _resolve(index: Index, ref: str, allowed: frozenset[Kind]) -> tuple[Kind | None, str | None]:
    kind, slug = split_ref(ref)
    if kind is not None:
        if kind not in allowed:
            return None, (f"'{ref}' is a {kind.value}, but this field takes "
                          f"{_kinds(allowed)}")
        if index.has(kind, slug):
            return kind, None
        return None, f"unknown {kind.value} '{slug}'{suggestion(index, [kind], slug)}"
    hits = [k for k in sorted(allowed) if index.has(k, slug)]
    if len(hits) == 1:
        return hits[0], None
    if len(hits) > 1:
        options = " or ".join(f"'{k.value}/{slug}'" for k in hits)
        return None, f"'{slug}' is ambiguous here; write {options}"
    elsewhere = [k for k in Kind if k not in allowed and index.has(k, slug)]
    if elsewhere:
        return None, (f"'{slug}' is a {elsewhere[0].value}, but this field takes "
                      f"{_kinds(allowed)}")
    return None, (f"unknown {_kinds(allowed)} '{slug}'"
                  f"{suggestion(index, sorted(allowed), slug)}")


def _kinds(kinds: frozenset[Kind]) -> str:
    if kinds == ANYTHING:
        return "a record"
    return " or ".join(k.value for k in sorted(kinds))


def iter_refs(model: BaseModel, at: tuple[Any, ...] = ()) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
    """(field key "Model.field", reference, path) for every reference inside a model."""
    cls = type(model)
    for field_name, key, is_ref in _ref_fields(cls):
        value = getattr(model, field_name)
        here = (*at, field_name)
        if isinstance(value, BaseModel):
            yield from iter_refs(value, here)
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_refs(item, (*here, n))
                elif is_ref and isinstance(item, str):
                    yield key, item, (*here, n)
        elif is_ref and isinstance(value, str):
            yield key, value, here
    if "contested" not in cls.model_fields:  # (a missing attribute costs pydantic an exception)
        return
    for field_name, spec in (model.contested or {}).items():  # type: ignore[attr-defined]
        key = f"{cls.__name__}.{field_name}"
        if key in REF_KINDS:
            for n, other in enumerate(spec.others):
                if isinstance(other.value, str):
                    yield key, other.value, (*at, "contested", field_name, "others", n, "value")


@functools.cache
def _ref_fields(cls: type[BaseModel]) -> list[tuple[str, str, bool]]:
    """(name, "Model.field", whether it holds references) of the fields of a model class that
    may hold a reference or a nested model: walking every field was most of the check."""
    fields = []
    for name, info in cls.model_fields.items():
        key = f"{cls.__name__}.{name}"
        if key in REF_KINDS or _may_hold_model(info.annotation):
            fields.append((name, key, key in REF_KINDS))
    return fields


@functools.cache
def nested_fields(cls: type[BaseModel]) -> list[str]:
    """The fields of a model class that may hold a model or a list of them, worked out once
    per class: the walks of every record (citations, source lists) need no other field."""
    return [name for name, info in cls.model_fields.items() if _may_hold_model(info.annotation)]


def _may_hold_model(annotation: Any) -> bool:
    """Whether a field so annotated may hold a model (Any and unknown forms: yes)."""
    if annotation is Any or isinstance(annotation, (str, typing.ForwardRef, typing.TypeVar)):
        return True
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    if typing.get_origin(annotation) is typing.Annotated:
        return _may_hold_model(typing.get_args(annotation)[0])
    args = typing.get_args(annotation)
    if not args:
        return typing.get_origin(annotation) is None and annotation is not None
    return any(_may_hold_model(arg) for arg in args if arg is not type(None))


def check_references(records: list[Record], index: Index,
                     failed: set[tuple[Kind, str]] | None = None) -> list[Finding]:
    """Findings for references that resolve to no record of a fitting kind.

    A reference to a fact file that exists but failed to load (`failed`) is not reported:
    that file's own errors say what to fix, and one mistake is reported once.
    """
    findings = []
    for record in records:
        for key, ref, at in iter_refs(record.model):
            _kind, problem = resolve(index, ref, REF_KINDS[key])
            if problem:
                code = "E302" if "but this field takes" in problem else (
                    "E305" if "ambiguous" in problem else "E301")
                if code == "E301" and names_failed(ref, REF_KINDS[key], failed or set()):
                    continue
                findings.append(Finding(record.locations.at(at), Severity.ERROR, code, problem))
        findings.extend(unarchived_quotes(record, index))
    return findings


def unarchived_quotes(record: Record, index: Index) -> Iterator[Finding]:
    """A warning at each quote whose source has no archived text and does not say its quotes
    are unverifiable: such a quote cannot be checked by `kg verify-quotes` (with
    --changed-only, sources not read this time are not looked at)."""
    from kg.quotes import iter_citations

    for citation, at in iter_citations(record.model):
        if citation.quote is None:
            continue
        source = index.record(SRC, citation.source)
        model = source.model if source is not None else None
        if not hasattr(model, "sha256"):  # unknown, or not read this time (--changed-only)
            continue
        if model.sha256 or unverifiable(model):  # type: ignore[union-attr]
            continue
        yield Finding(record.locations.at((*at, "quote")), Severity.WARNING, "W606",
                      unarchived_message(citation.source, source.path))  # type: ignore[union-attr]


def unverifiable(model: Any) -> bool:
    """A source that says its quotes cannot be checked: marked `unverifiable_quotes`, or a
    web page consulted online (no archived text, no `sha256`)."""
    return bool(getattr(model, "unverifiable_quotes", False)) or (
        getattr(model, "sha256", None) is None
        and str(getattr(model, "type", "")) == "web-page")


def unarchived_message(slug: str, path: str) -> str:
    return (f"this quote cannot be checked: source '{slug}' has no archived text; archive its "
            f"plain text and record its `sha256` in {path}, or keep the quote and mark that "
            "source `unverifiable_quotes: true`")


def names_failed(ref: str, allowed: frozenset[Kind], failed: set[tuple[Kind, str]]) -> bool:
    """Whether the reference names a fact file that exists but did not load (for a post: whether
    a state or organization file, which may declare it, did not load)."""
    kind, slug = split_ref(ref)
    kinds = [kind] if kind else sorted(allowed)
    if Kind.POST in kinds and any(k in (Kind.STATE, Kind.ORGANIZATION) for k, _slug in failed):
        return True
    return any((k, slug) in failed for k in kinds)
