"""Every name of every record (labels and alternative labels in any language), as word keys."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Triple

from kg.draft.words import Word, words

ID_BASE = "https://w3id.org/tcdkg/id/"
_NAME_PREDICATES = {
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
}
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
#: record kinds whose names are looked for; events and documents have long descriptive titles
KINDS = ("person", "state", "organization", "place", "format", "post", "event", "document")


@dataclass(frozen=True)
class Name:
    record: str                 # `kind/slug`
    text: str                   # the name as written in the data
    keys: tuple[frozenset[str], ...]


@dataclass
class Gazetteer:
    by_first_key: dict[str, list[Name]] = field(default_factory=lambda: defaultdict(list))
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # record -> lang -> label

    def add(self, record: str, text: str) -> None:
        tokens = words(text)
        if not tokens:
            return
        name = Name(record, text, tuple(w.keys for w in tokens))
        for key in tokens[0].keys:
            self.by_first_key[key].append(name)

    def candidates(self, word: Word) -> list[Name]:
        seen: dict[tuple[str, str], Name] = {}
        for key in word.keys:
            for name in self.by_first_key.get(key, ()):
                seen.setdefault((name.record, name.text), name)
        return sorted(seen.values(), key=lambda n: (-len(n.keys), n.record, n.text))

    def label(self, record: str, lang: str = "en") -> str:
        labels = self.labels.get(record, {})
        return labels.get(lang) or labels.get("en") or next(iter(sorted(labels.values())), record)


def gazetteer_from(triples: Iterable[Triple]) -> Gazetteer:
    """Index the names of the records in a built graph."""
    gazetteer = Gazetteer()
    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if predicate not in _NAME_PREDICATES or not isinstance(subject, NamedNode) \
                or not isinstance(obj, Literal) or not subject.value.startswith(ID_BASE):
            continue
        record = subject.value[len(ID_BASE):]
        if record.count("/") != 1 or record.split("/", 1)[0] not in KINDS:
            continue
        gazetteer.add(record, obj.value)
        if predicate == _LABEL and obj.language:
            gazetteer.labels.setdefault(record, {}).setdefault(obj.language, obj.value)
    return gazetteer
