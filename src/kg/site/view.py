"""One page's view of the site data: labels, links and values in the page's language.

Templates call these methods; every link is relative (`posixpath.relpath` from the page's own
file), so the site works from a file system, from any folder of a web server, and at the
`/id/<kind>/<slug>` paths `kg serve` answers (a page file sits where its IRI path would).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape
from pyoxigraph import Literal, NamedNode

from kg.namespaces import EDTF, ID, ONTOLOGY
from kg.query.engine import Term
from kg.site.graphdata import Node, Record, SiteData, split_record_iri
from kg.site.i18n import LANGUAGE_NAMES, PROPERTY_LABELS, human_date, message, ui_language

SCHEMA_URL = "https://schema.org/url"
PUBLISHER = "http://purl.org/dc/terms/publisher"
STATUS = f"{ONTOLOGY}status"
NOTE = "http://www.w3.org/2004/02/skos/core#note"
#: who or what a claim is about first, then its qualifiers, then where and when
_FIRST = [f"{ONTOLOGY}{p}" for p in (
    "participant", "signatory", "holder", "chair", "statedBy", "document", "post", "chairedBody",
    "statement", "role", "onBehalfOf", "capacity", "event", "approvedBy", "startedAt",
    "handedOverFrom", "about", "concerns", "date", "startDate", "endDate", "attestedDate",
    "expectedDate")]
PREDICATE_ORDER = {p: i for i, p in enumerate(_FIRST)}
STATED_PROPERTY = f"{ONTOLOGY}statedProperty"
RANK = f"{ONTOLOGY}rank"
VALUE = f"{ONTOLOGY}value"
REASON = f"{ONTOLOGY}rankReason"
CONTESTED = f"{ONTOLOGY}contested"
START = f"{ONTOLOGY}startDate"
END = f"{ONTOLOGY}endDate"
CLAIM_ORDER = [f"{ONTOLOGY}{c}" for c in ("Participation", "Signing", "Adoption", "Approval",
                                          "PostHolding", "Membership", "Chairmanship", "Intent")]


def page_path(lang: str, path: str) -> str:
    """Site-relative file of a page in `lang`: English at the root, others under `<lang>/`."""
    return path if lang == "en" else f"{lang}/{path}"


def record_path(kind: str, slug: str) -> str:
    return f"id/{kind}/{slug}.html"


@lru_cache(maxsize=65536)
def relative(target: str, start: str) -> str:
    """`posixpath.relpath(target, start)` for normalised site-relative paths, without asking
    the file system for the working folder (a page has thousands of links)."""
    to, here = target.split("/"), start.split("/") if start else []
    common = 0
    while common < min(len(here), len(to) - 1) and here[common] == to[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:])


def canonical_tag(tag: str) -> str:
    """BCP 47 case as curators write it (`kk-Latn`, `uz-Cyrl`); stores lower-case tags."""
    parts = tag.split("-")
    return "-".join([parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() if len(p) == 2
                                          else p for p in parts[1:]])


@dataclass
class View:
    """Helpers bound to one page: its language and its own path inside the site."""

    data: SiteData
    lang: str
    path: str  # of this page, site-relative, e.g. `ru/id/person/x.html`
    languages: list[str]

    @property
    def ui(self) -> str:
        return ui_language(self.lang)

    def t(self, key: str) -> str:
        return message(key, self.lang)

    def url(self, target: str) -> str:
        """Relative URL from this page to a site-relative file."""
        return relative(target, posixpath.dirname(self.path))

    def page(self, target: str) -> str:
        """Relative URL of a page in this page's language."""
        return self.url(page_path(self.lang, target))

    def record_url(self, record: Record) -> str:
        return self.page(record_path(record.kind, record.slug))

    def switch(self, target: str) -> list[tuple[str, str, str, bool]]:
        """(code, native name, URL, current) for each site language, for the language switch."""
        return [(code, LANGUAGE_NAMES.get(code, code), self.url(page_path(code, target)),
                 code == self.lang) for code in self.languages]

    # names and labels
    def name(self, record: Record) -> tuple[str, str]:
        """(text, language) of the record's name in this language, else English, else any."""
        key = (record.iri, self.lang)
        if key not in self.data.name_cache:
            self.data.name_cache[key] = self._name(record)
        return self.data.name_cache[key]

    def _name(self, record: Record) -> tuple[str, str]:
        def pick(test: object) -> tuple[str, str] | None:
            # among several names of one tier, the fullest (a full name over a surname)
            found = sorted((n for n in record.names if test(n)),  # type: ignore[operator]
                           key=lambda n: (-len(n.text), n.lang, n.text))
            return (found[0].text, canonical_tag(found[0].lang)) if found else None
        primary = lambda lang: lambda n: n.lang.split("-")[0] == lang  # noqa: E731
        return (pick(lambda n: n.preferred and primary(self.lang)(n)) or pick(primary(self.lang))
                or pick(lambda n: n.preferred and n.lang == "en") or pick(lambda n: n.preferred)
                or self._untitled(record))

    def _untitled(self, record: Record) -> tuple[str, str]:
        """A source without a headline: its publisher and date (`AZERTAC, 24 November 2025`)."""
        parts = []
        publisher = record.node.first(PUBLISHER)
        if isinstance(publisher, NamedNode) and publisher.value in self.data.records:
            parts.append(self.name(self.data.records[publisher.value])[0])
        published = record.node.first(f"{ONTOLOGY}publishedDate")
        if isinstance(published, Literal):
            parts.append(human_date(published.value, self.lang)[0])
        return (", ".join(parts), self.ui) if parts else (record.slug, "en")

    def term_label(self, iri: str) -> str:
        labels = self.data.terms.get(iri) or PROPERTY_LABELS.get(iri, {})
        return labels.get(self.ui) or labels.get("en") or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def labelled(self, record: Record) -> Markup:
        text, lang = self.name(record)
        return Markup('<span lang="{}">{}</span>').format(lang, text)

    def lang_tag(self, tag: str) -> str:
        return canonical_tag(tag)

    # values
    def value(self, term: Term | None, here: str = "") -> Markup:
        """HTML for one value: a link to a record, a label, a date, or text in its language."""
        if term is None:
            return Markup("")
        if isinstance(term, NamedNode):
            return self._iri(term.value, here)
        if isinstance(term, Literal):
            if term.datatype.value == EDTF:
                return self.date(term.value)
            if term.language:
                return Markup('<span lang="{}">{}</span>').format(canonical_tag(term.language), term.value)
            return escape(term.value)
        return escape(str(term))

    def _iri(self, iri: str, here: str) -> Markup:
        record = self.data.records.get(iri)
        if record is not None:
            if iri == here:
                return Markup("<strong>{}</strong>").format(self.labelled(record))
            return Markup('<a href="{}">{}</a>').format(self.record_url(record), self.labelled(record))
        if iri in self.data.claims:
            return Markup('<a href="{}">{}</a>').format(self.claim_url(iri), self.term_label(
                self.data.claims[iri].cls))
        if iri in self.data.terms:
            return escape(self.term_label(iri))
        if iri.startswith(("http://", "https://")) and not iri.startswith(ID):
            return Markup('<a href="{}" rel="external">{}</a>').format(iri, iri)
        return Markup("<code>{}</code>").format(iri)

    def date(self, text: str) -> Markup:
        shown, machine, precision = human_date(text, self.lang)
        return Markup('<time datetime="{}" title="{}: {}">{}</time>').format(
            machine, self.t("precision"), precision, shown)

    def claim_anchor(self, iri: str) -> str:
        return iri[len(ID):]

    def claim_url(self, iri: str) -> str:
        owner = iri
        while owner and owner not in self.data.records:
            owner = owner.rsplit("/", 1)[0] if "/" in owner else ""
        record = self.data.records[owner]
        return f"{self.record_url(record)}#{self.claim_anchor(iri)}"

    def source_url(self, iri: str) -> str | None:
        record = self.data.records.get(iri)
        url = record.node.first(SCHEMA_URL) if record else None
        return url.value if isinstance(url, NamedNode) else None

    # grouping
    def statements(self, node: Node, skip: Iterable[str] = (STATUS, NOTE, CONTESTED)) -> list[tuple[str, list[Term]]]:
        """(property label, values), the claim's subject first, without skipped predicates."""
        grouped: dict[str, list[Term]] = {}
        for p, o in node.statements:
            if p not in skip:
                grouped.setdefault(p, []).append(o)
        ordered = sorted(grouped, key=lambda p: (PREDICATE_ORDER.get(p, len(PREDICATE_ORDER)), p))
        return [(self.term_label(p), grouped[p]) for p in ordered]

    def disputes(self, node: Node) -> list[tuple[str, list[Node]]]:
        """The contested fields of a record or claim: (property label, its value statements,
        preferred first), so that every sourced value is shown side by side."""
        by_property: dict[str, list[Node]] = {}
        for statement in self.data.disputes.get(node.iri, []):
            prop = statement.first(STATED_PROPERTY)
            if isinstance(prop, NamedNode):
                by_property.setdefault(prop.value, []).append(statement)
        return [(self.term_label(p), sorted(found, key=lambda s: (not self.preferred(s), s.iri)))
                for p, found in sorted(by_property.items())]

    def preferred(self, statement: Node) -> bool:
        rank = statement.first(RANK)
        return isinstance(rank, NamedNode) and rank.value.endswith("/preferred")

    def contested(self, node: Node) -> set[str]:
        """Labels of the node's properties whose value sources dispute."""
        return {label for label, _ in self.disputes(node)}

    def former_names(self, record: Record) -> list[Node]:
        return [self.data.claims[c] for c in self.data.about.get(record.iri, [])
                if self.data.claims[c].names]

    def claim_groups(self, record: Record) -> list[tuple[str, list[Node]]]:
        claims = [self.data.claims[c] for c in self.data.about.get(record.iri, [])]
        order = {c: i for i, c in enumerate(CLAIM_ORDER)}
        classes = sorted({c.cls for c in claims}, key=lambda c: (order.get(c, len(order)), c))
        return [(self.term_label(cls), [c for c in claims if c.cls == cls]) for cls in classes]

    def when(self, record: Record) -> Markup:
        """The record's own date as written (event, document, source), or nothing."""
        for prop in ("date", "startDate", "publishedDate"):
            found = record.node.first(f"{ONTOLOGY}{prop}")
            if found is not None:
                return self.value(found)
        return Markup("")

    def kind_of(self, iri: str) -> str:
        split = split_record_iri(iri)
        return split[0] if split else ""
