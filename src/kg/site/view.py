"""One page's view of the site data: labels, links and values in the page's language.

Templates call these methods; every link is relative (`posixpath.relpath` from the page's own
file), so the site works from a file system, from any folder of a web server, and at the
`/id/<kind>/<slug>` paths `kg serve` answers (a page file sits where its IRI path would).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape
from pyoxigraph import Literal, NamedNode

from kg.namespaces import EDTF, ID, ONTOLOGY
from kg.query.engine import Term
from kg.site.graphdata import Node, Record, SiteData, split_record_iri
from kg.site.i18n import LANGUAGE_NAMES, PROPERTY_LABELS, human_date, message, ui_language

SCHEMA_URL = "https://schema.org/url"
STATUS = f"{ONTOLOGY}status"
NOTE = "http://www.w3.org/2004/02/skos/core#note"
CLAIM_ORDER = [f"{ONTOLOGY}{c}" for c in ("Participation", "Signing", "Adoption", "Approval",
                                          "PostHolding", "Membership", "Chairmanship", "Intent")]


def page_path(lang: str, path: str) -> str:
    """Site-relative file of a page in `lang`: English at the root, others under `<lang>/`."""
    return path if lang == "en" else f"{lang}/{path}"


def record_path(kind: str, slug: str) -> str:
    return f"id/{kind}/{slug}.html"


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
        return posixpath.relpath(target, posixpath.dirname(self.path) or ".")

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
        def pick(test: object) -> tuple[str, str] | None:
            # among several names of one tier, the fullest (a full name over a surname)
            found = sorted((n for n in record.names if test(n)),  # type: ignore[operator]
                           key=lambda n: (-len(n.text), n.lang, n.text))
            return (found[0].text, canonical_tag(found[0].lang)) if found else None
        primary = lambda lang: lambda n: n.lang.split("-")[0] == lang  # noqa: E731
        return (pick(lambda n: n.preferred and primary(self.lang)(n)) or pick(primary(self.lang))
                or pick(lambda n: n.preferred and n.lang == "en") or pick(lambda n: n.preferred)
                or (record.slug, "en"))

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
    def statements(self, node: Node, skip: Iterable[str] = (STATUS, NOTE)) -> list[tuple[str, list[Term]]]:
        """(property label, values) in the node's predicate order, without skipped predicates."""
        grouped: dict[str, list[Term]] = {}
        for p, o in node.statements:
            if p not in skip:
                grouped.setdefault(p, []).append(o)
        return [(self.term_label(p), values) for p, values in grouped.items()]

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
