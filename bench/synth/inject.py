"""Known errors planted in a synthetic world: what `kg validate` must find, and where.

Each kind edits one fact file (never a file another injection touched) and expects one
finding code in that file: loader errors (E2xx, E3xx), shapes (E4xx) and cross-record checks
(E5xx). Targets are chosen so the error does not spill into other files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from synth.world import World

Mutation = Callable[[World, str], bool]


def _bilateral(w: World) -> list[str]:
    return w.made["bilateral"]


def _replace_key(record: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    return {new if k == old else k: v for k, v in record.items()}


def _with_date(signing: dict[str, Any], date: str) -> dict[str, Any]:
    out = {k: v for k, v in signing.items() if k not in ("date", "status", "sources")}
    return {**out, "date": date, "status": signing["status"], "sources": signing["sources"]}


def _slug(citation: Any) -> str:
    return citation if isinstance(citation, str) else citation["source"]


def unknown_reference(w: World, path: str) -> bool:
    w.files[path]["participants"][-1]["participant"] = "person/nobody-at-all"
    return True


def bad_enum(w: World, path: str) -> bool:
    w.files[path]["participants"][0]["role"] = "head-of-delegaton"
    return True


def bad_date(w: World, path: str) -> bool:
    record = w.files[path]
    record["date"] = f"{record['date'][:4]}-02-30"
    return True


def unknown_field(w: World, path: str) -> bool:
    w.files[path] = _replace_key(w.files[path], "participants", "particpants")
    return True


def mixed_script(w: World, path: str) -> bool:
    name = w.files[path]["name"]
    name["en"] = name["en"].replace("e", "\u0435", 1)  # Cyrillic е inside a Latin word
    return True


def missing_russian(w: World, path: str) -> bool:
    del w.files[path]["name"]["ru"]
    return True


def signing_after_source(w: World, path: str) -> bool:
    signings = w.files[path]["signings"]
    told = w.published[_slug(signings[0]["sources"][0])]
    assert told is not None
    signings[0] = _with_date(signings[0], (told + dt.timedelta(days=5)).isoformat())
    return True


def event_after_source(w: World, path: str) -> bool:
    record = w.files[path]
    told = max(w.published[s] or dt.date.min for s in record["sources"])
    record["date"] = (told + dt.timedelta(days=3)).isoformat()
    return True


def overlapping_chairmanship(w: World, path: str) -> bool:
    chairs = w.files[path].get("chairmanships", [])
    if len(chairs) < 3:
        return False
    chairs[-3]["end"] = chairs[-2]["end"]
    return True


def signatory_without_post(w: World, path: str) -> bool:
    """The signatory becomes someone whose every office ended before the signing year."""
    record = w.files[path]
    year = int(record["date"][:4])
    former = [t.person for s in w.states for terms in s.terms.values() for t in terms
              if t.end is not None and t.end < year]
    if not former:
        return False
    record["signings"][0]["signatory"] = f"person/{former[-1]}"
    return True


def capacity_not_of_party(w: World, path: str) -> bool:
    record = w.files[path]
    record["participants"][0]["on_behalf_of"] = record["host"][0]
    return True


#: kind -> (candidate files, expected code, mutation)
KINDS: dict[str, tuple[Callable[[World], list[str]], str, Mutation]] = {
    "unknown-reference": (_bilateral, "E301", unknown_reference),
    "bad-enum": (_bilateral, "E204", bad_enum),
    "bad-date": (_bilateral, "E206", bad_date),
    "unknown-field": (_bilateral, "E201", unknown_field),
    "mixed-script": (_bilateral, "E209", mixed_script),
    "missing-russian-label": (lambda w: sorted(f"persons/{p}.yaml" for p in w.persons),
                              "E402", missing_russian),
    "signing-after-source": (_bilateral, "E503", signing_after_source),
    "event-after-source": (lambda w: w.made["ministerial"], "E504", event_after_source),
    "overlapping-chairmanship": (lambda w: sorted(f"organizations/{o.slug}.yaml" for o in w.orgs),
                                 "E505", overlapping_chairmanship),
    "signatory-without-post": (_bilateral, "E501", signatory_without_post),
    "capacity-not-of-party": (_bilateral, "E507", capacity_not_of_party),
}


def inject(world: World, per_kind: int) -> list[dict[str, str]]:
    """Plant `per_kind` errors of every kind, each in its own file; what was planted where."""
    used: set[str] = set()
    injected = []
    for kind, (candidates, code, mutate) in KINDS.items():
        pool = [p for p in candidates(world) if p not in used]
        world.rng.shuffle(pool)
        done = 0
        for path in pool:
            if done == per_kind:
                break
            if mutate(world, path):
                used.add(path)
                injected.append({"file": f"data/{path}", "kind": kind, "code": code})
                done += 1
        if done < per_kind:
            raise ValueError(f"only {done} places for {per_kind} '{kind}' errors; "
                             "generate a larger corpus or inject fewer")
    return injected
