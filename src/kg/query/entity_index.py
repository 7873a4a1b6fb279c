"""The entities of each kind, with their names, kept beside a persistent query store.

Resolving a name (`-p person=Tokayev`) or `kg search` needs every entity of some kinds and all
their names; reading them from the store takes a few SPARQL queries and builds many Python
objects on every run. The first run writes them to `entities-<kind>.json` in the store's
folder (`kg.query.store`), with the keys the name ranker matches every name by
(`kg.query.names.keys_of`); later runs read that file. The store's folder is named by the
fingerprint of every input and of the `kg` code, so a kept index always describes the store
beside it, and is never rewritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kg.kinds import Kind
from kg.query.entity import Entity, Label

_FORMAT = 2


def _file(folder: Path, kind: Kind) -> Path:
    return folder / f"entities-{kind.value}.json"


def read_index(folder: Path, kind: Kind) -> list[Entity] | None:
    """The kept entities of `kind`, or None when there is no (readable) index yet."""
    try:
        kept = json.loads(_file(folder, kind).read_text(encoding="utf-8"))
        if kept["format"] != _FORMAT:
            return None
        from kg.query.names import KEYS

        for text, (folded, found, consonant) in kept["keys"].items():
            KEYS[text] = (folded, tuple(found), consonant)
        return [Entity(iri, Kind(of), slug, tuple(Label(t, lang, bool(p)) for t, lang, p in labels),
                       date, tuple(context), tuple(parents))
                for iri, of, slug, labels, date, context, parents in kept["entities"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def keep_index(folder: Path, kind: Kind, entities: list[Entity]) -> None:
    """Write the index of `kind` in one step; a failure only means the next run reads the store."""
    rows = [[e.iri, e.kind.value, e.slug, [[x.text, x.lang, x.preferred] for x in e.labels], e.date,
             list(e.context), list(e.parents)] for e in entities]
    from kg.query.names import keys_of

    texts = {x.text for e in entities for x in e.labels} | {t for e in entities for t in e.context}
    keys = {text: keys_of(text) for text in sorted(texts)}
    partial = folder / f".{_file(folder, kind).name}.{os.getpid()}"
    try:
        partial.write_text(json.dumps({"format": _FORMAT, "entities": rows, "keys": keys},
                                      ensure_ascii=False),
                           encoding="utf-8")
        os.replace(partial, _file(folder, kind))
    except OSError:
        partial.unlink(missing_ok=True)
