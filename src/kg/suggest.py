"""What an unknown reference probably meant: a slug spelt alike, or a record one of whose
names (labels and alternative names, in any script) the reference spells; for a post, the
state or organization whose file should declare it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.model.kinds import Kind

if TYPE_CHECKING:
    from kg.references import Index

_OWNERS = (Kind.STATE, Kind.ORGANIZATION)


def suggestion(index: Index, kinds: list[Kind], slug: str) -> str:
    """` (did you mean ...?)`, `; declare ...`, or nothing."""
    if kinds == [Kind.POST]:
        return _post(index, slug)
    by_name = _by_name(index, kinds, slug)
    names = [n for k in kinds for n in index.names(k)]
    close = difflib.get_close_matches(slug, names, n=1, cutoff=0.6)
    if close and (by_name is None or by_name[1] == close[0]):
        return f" (did you mean '{close[0]}'?)"
    if by_name is not None:
        _kind, found, name = by_name
        return f" (did you mean '{found}'? '{name}' is one of its names)"
    contained = [n for n in names if slug in n or n in slug][:1]
    if contained:
        return f" (did you mean '{contained[0]}'?)"
    return ""


def _by_name(index: Index, kinds: list[Kind], slug: str) -> tuple[Kind, str, str] | None:
    """The one record, if any, that has a name spelt like the slug (words split at hyphens)."""
    from kg.query.match import GOOD, score

    text = slug.replace("-", " ")
    best: list[tuple[int, Kind, str, str]] = []
    for kind in kinds:
        for found, record in index.slugs.get(kind, {}).items():
            for name in _names(record.model):
                points = score(text, name, person=kind is Kind.PERSON)
                if points >= GOOD:
                    best.append((points, kind, found, name))
    if not best:
        return None
    best.sort(key=lambda x: (-x[0], x[1].value, x[2], x[3]))
    top = [b for b in best if b[0] == best[0][0]]
    if len({(b[1], b[2]) for b in top}) > 1:
        return None  # several records answer to that name: no single suggestion
    return top[0][1], top[0][2], top[0][3]


def _names(model: object) -> Iterable[str]:
    for field in ("name", "title"):
        value = getattr(model, field, None)
        if isinstance(value, dict):
            yield from value.values()
    for field in ("alt_names", "alt_titles"):
        value = getattr(model, field, None)
        if isinstance(value, dict):
            for texts in value.values():
                yield from texts
    for former in getattr(model, "former_names", None) or []:
        yield from _names(former)


def _post(index: Index, slug: str) -> str:
    """A post is declared by its state or organization, whose slug starts the post id."""
    parts = slug.split("-")
    for cut in range(len(parts) - 1, 0, -1):
        owner_slug = "-".join(parts[:cut])
        for kind in _OWNERS:
            owner = index.record(kind, owner_slug)
            if owner is None:
                continue
            own = [p for p, r in index.post_owner.items() if r is owner]
            close = difflib.get_close_matches(slug, own, n=1, cutoff=0.8)
            if close:
                return f" (did you mean '{close[0]}'?)"
            declared = f" (it declares {', '.join(sorted(own))})" if own else \
                " (it declares no post yet)"
            return (f"; declare it under `posts:` in {owner.path}, the file of "
                    f"{kind.value}/{owner_slug}{declared}")
    same_start = [p for p in index.post_owner if p.split("-")[0] == parts[0]]
    close = difflib.get_close_matches(slug, same_start, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return ("; posts are declared under `posts:` in the file of their state or organization, "
            "with ids starting with its slug")
