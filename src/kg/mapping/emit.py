"""The emitter: writes one fact file's quads into its named graph and indexes locations."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg.dates import Date
from kg.load import Record
from kg.model.common import Citation
from kg.namespaces import EDTF, PROV, RDF, RDFS, SKOS, TCD, XSD, concept_iri, record_iri
from kg.references import REF_KINDS, Index, resolve
from kg.vocab import SCHEMES

_SCHEME_OF = {enum_cls: name for name, enum_cls in SCHEMES.items()}
_EDTF = NamedNode(EDTF)
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


@dataclass
class Emitter:
    """Collects the quads of one record (its named graph) and the location of each subject."""

    record: Record
    index: Index
    graph: NamedNode
    source_languages: dict[str, str]
    quads: list[Quad] = field(default_factory=list)
    #: where in the file each subject was written (its YAML path; see kg.graph.SubjectLocations)
    locations: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def subject(self, iri: NamedNode, at: tuple[Any, ...], *classes: NamedNode) -> NamedNode:
        """Declare a subject: its types and the line it was written on."""
        self.locations.setdefault(iri.value, at)
        for cls in classes:
            self.add(iri, RDF.type, cls)
        return iri

    def ref(self, s: NamedNode, p: NamedNode, ref: str | None, field_key: str) -> None:
        if ref is None:
            return
        kind, _problem = resolve(self.index, ref, REF_KINDS[field_key])
        if kind is not None:
            self.add(s, p, record_iri(kind.value, ref.rpartition("/")[2]))

    def refs(self, s: NamedNode, p: NamedNode, refs: Iterable[str], field_key: str) -> None:
        for ref in refs:
            self.ref(s, p, ref, field_key)

    def concept(self, s: NamedNode, p: NamedNode, value: enum.StrEnum | None) -> None:
        if value is not None:
            self.add(s, p, concept_term(value))

    def text(self, s: NamedNode, p: NamedNode, value: str | None) -> None:
        if value is not None:
            self.add(s, p, Literal(value))

    def lang_text(self, s: NamedNode, p: NamedNode, texts: dict[str, str] | None) -> None:
        for lang, value in sorted((texts or {}).items()):
            self.add(s, p, Literal(value, language=lang))

    def names(self, s: NamedNode, name: dict[str, str], alt: dict[str, list[str]],
              translated: list[str], label: NamedNode = RDFS.label) -> None:
        """Preferred names, alternatives, and the curator's translations marked as such."""
        for lang, value in sorted(name.items()):
            literal = Literal(value, language=lang)
            self.add(s, label, literal)
            if lang in translated:
                self.add(s, TCD.translatedLabel, literal)
        for lang, values in sorted(alt.items()):
            for value in values:
                self.add(s, SKOS.altLabel, Literal(value, language=lang))

    def date(self, s: NamedNode, prop: str, value: Date | None) -> None:
        """The date as written (EDTF) and its earliest/latest bounds as xsd:date."""
        if value is None:
            return
        as_written, earliest, latest = _DATE_PROPS[prop]
        self.add(s, as_written, Literal(value.text, datatype=_EDTF))
        self.add(s, earliest, Literal(value.earliest.isoformat(), datatype=XSD.date))
        self.add(s, latest, Literal(value.latest.isoformat(), datatype=XSD.date))

    def cite(self, s: NamedNode, citations: list[Citation]) -> None:
        """prov:wasDerivedFrom each source; a quote becomes a qualified derivation."""
        for citation in citations:
            source = record_iri("source", citation.source)
            self.add(s, PROV.wasDerivedFrom, source)
            if citation.quote is not None:
                derivation = NamedNode(f"{s.value}/derivation/{citation.source}")
                self.add(s, PROV.qualifiedDerivation, derivation)
                self.add(derivation, RDF.type, PROV.Derivation)
                self.add(derivation, PROV.entity, source)
                lang = self.source_languages.get(citation.source)
                self.add(derivation, TCD.quote, Literal(citation.quote, language=lang)
                         if lang else Literal(citation.quote))

    def identifiers(self, s: NamedNode, model: Any) -> None:
        """skos:exactMatch the Wikidata item, citing the sources that show the id."""
        if model.wikidata is not None:
            self.add(s, SKOS.exactMatch, NamedNode(WIKIDATA_ENTITY + model.wikidata))
            self.cite(s, model.identifiers_source or [])

    def note(self, s: NamedNode, note: str | None) -> None:
        self.text(s, SKOS.note, note)

    def claim(self, iri: NamedNode, at: tuple[Any, ...], cls: NamedNode, claim: Any) -> NamedNode:
        """A claim node: typed, located, cited, annotated."""
        self.subject(iri, at, TCD.Claim, cls)
        self.cite(iri, claim.sources)
        self.note(iri, claim.note)
        self.contested(iri, claim, at)
        return iri

    def contested(self, s: NamedNode, model: Any, at: tuple[Any, ...]) -> None:
        """The value statements of the subject's contested fields, if any."""
        if getattr(model, "contested", None):
            from kg.mapping.contested import value_statements
            value_statements(self, s, model, at)


_DATE_PROPS = {
    "date": (TCD.date, TCD.dateEarliest, TCD.dateLatest),
    "start": (TCD.startDate, TCD.startEarliest, TCD.startLatest),
    "end": (TCD.endDate, TCD.endEarliest, TCD.endLatest),
    "attested": (TCD.attestedDate, TCD.attestedEarliest, TCD.attestedLatest),
    "expected": (TCD.expectedDate, TCD.expectedEarliest, TCD.expectedLatest),
    "published": (TCD.publishedDate, TCD.publishedEarliest, TCD.publishedLatest),
}


def concept_term(value: enum.StrEnum) -> NamedNode:
    """The SKOS concept of a vocabulary value."""
    return concept_iri(_SCHEME_OF[type(value)], value.value)


def slug_of(ref: str) -> str:
    return ref.rpartition("/")[2]


def claim_key(base: str, seen: dict[str, int]) -> str:
    """A stable key for a claim; the second claim with the same key gets `-2`, and so on."""
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"
