"""Answers in the user's language: vocabulary values (statuses, roles, types, date matches) and
column headers.

Values of vocabulary columns are SKOS notations in every format (stable for programs); their
labels come from the shipped vocabularies (`ontology/vocabularies.ttl`): a table shows the
label in the asked language (else English, else the notation) in place of the notation, and
csv/tsv/json in another language than English get a `<column>_label` beside the column. Table
headers are translated; csv/tsv/json keys never change.
"""

from __future__ import annotations

from functools import cache

from pyoxigraph import Literal

from kg.namespaces import VOCAB
from kg.query.engine import Row, Table

_STATUSES = ("event-status", "signing-status", "adoption-status", "approval-status",
             "document-status", "chairmanship-status", "participation-status", "intent-status")
_ROLES = ("participation-role", "membership-role")
#: column -> schemes its notations come from, in order (the first that knows a value wins)
COLUMN_SCHEMES: dict[str, tuple[str, ...]] = {
    "status": _STATUSES, "item_status": _STATUSES, "event_status": ("event-status",),
    "participation_status": ("participation-status",), "actor_status": ("participation-status",),
    "other_status": ("participation-status",), "role": _ROLES, "actor_role": _ROLES,
    "other_role": _ROLES, "type": ("event-type", "document-type"),
    "date_match": ("date-match",),
}
#: per query, where a column's scheme is known exactly
QUERY_SCHEMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("documents-signed-by", "status"): ("signing-status",),
    ("event-participants", "status"): ("participation-status",),
    ("chair-of", "status"): ("chairmanship-status",),
    ("members-of", "role"): ("membership-role",),
    ("partners-of", "status"): ("signing-status", "document-status"),
}
#: words the named queries compute themselves (not from a vocabulary)
WORDS: dict[str, dict[str, str]] = {
    "ru": {"signing": "подписание", "adoption": "принятие", "approval": "одобрение",
           "party": "сторона", "event": "событие", "host": "принимающая сторона",
           "organizer": "организатор", "chair": "председатель", "signatory": "подписант",
           "on-behalf-of": "от имени", "record": "запись", "post": "должность",
           "membership": "членство", "chairmanship": "председательство",
           "participation": "участие", "document": "документ"},
}
TERM_COLUMNS = frozenset({"claim_type", "relation"})  # ontology terms by local name
WORD_COLUMNS = frozenset({"relation", "basis", "kind", "role", "actor_role", "other_role"})
HEADERS: dict[str, dict[str, str]] = {"ru": {
    "actor": "участник", "other": "другой участник", "event": "событие", "date": "дата",
    "end": "окончание", "start": "начало", "attested": "подтверждено", "status": "статус",
    "event_status": "статус события", "participation_status": "статус участия",
    "actor_status": "статус участия", "other_status": "статус участия другого",
    "role": "роль", "actor_role": "роль", "other_role": "роль другого", "via": "через",
    "document": "документ", "relation": "связь", "approved_by": "одобрен документом",
    "person": "персона", "on_behalf_of": "от имени", "participant": "участник",
    "capacity": "в качестве", "place": "место", "location": "место", "type": "тип",
    "organization": "организация", "chair": "председатель", "started_at": "начало на событии",
    "date_match": "совпадение дат", "member": "член", "post": "должность",
    "post_in": "должность в", "partner": "партнёр", "basis": "основание",
    "entity": "запись", "source": "источник", "claim": "утверждение",
    "claim_type": "вид утверждения", "quote": "цитата", "kind": "вид", "item": "элемент",
    "item_status": "статус элемента", "contested": "оспаривается", "s": "s",
    "sub_event": "в рамках события", "actor_sub_event": "в рамках события",
    "other_sub_event": "в рамках события (другой)", "field": "поле", "value": "значение",
    "rank": "предпочтение",
}}


@cache
def vocabulary_labels() -> dict[tuple[str, str], dict[str, str]]:
    """(scheme, notation) -> {language: preferred label}, from the shipped vocabularies."""
    from kg.ontology import vocabulary_quads

    out: dict[tuple[str, str], dict[str, str]] = {}
    for quad in vocabulary_quads():
        if quad.predicate.value != "http://www.w3.org/2004/02/skos/core#prefLabel":
            continue
        iri = str(quad.subject)[1:-1]
        if not iri.startswith(VOCAB) or iri.count("/") - VOCAB.count("/") != 1:
            continue
        scheme, notation = iri[len(VOCAB):].split("/", 1)
        if isinstance(quad.object, Literal) and quad.object.language:
            out.setdefault((scheme, notation), {})[quad.object.language] = quad.object.value
    return out


@cache
def ontology_labels() -> dict[str, dict[str, str]]:
    """Local name of an ontology class or property -> {language: label}."""
    from kg.namespaces import ONTOLOGY
    from kg.ontology import ontology_quads

    out: dict[str, dict[str, str]] = {}
    for quad in ontology_quads():
        subject = str(quad.subject)[1:-1]
        if quad.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label" \
                and subject.startswith(ONTOLOGY) and isinstance(quad.object, Literal) \
                and quad.object.language:
            out.setdefault(subject[len(ONTOLOGY):], {})[quad.object.language] = quad.object.value
    return out


def value_label(query: str | None, column: str, value: str, lang: str) -> str | None:
    """The label of a vocabulary value (or a computed word) in lang, else English; None when
    the column holds no vocabulary."""
    schemes = QUERY_SCHEMES.get((query or "", column)) or COLUMN_SCHEMES.get(column, ())
    labels = vocabulary_labels()
    for scheme in schemes:
        found = labels.get((scheme, value))
        if found:
            return found.get(lang) or found.get("en") or value
    if column in TERM_COLUMNS and value in ontology_labels():
        found = ontology_labels()[value]
        return found.get(lang) or found.get("en") or value
    if column in WORD_COLUMNS and value in WORDS.get(lang, {}):
        return WORDS[lang][value]
    return None


def header(column: str, lang: str) -> str:
    """A column header in lang: `event_label` → `событие: название`."""
    names = HEADERS.get(lang)
    if not names:
        return column
    base, label = (column[:-6], True) if column.endswith("_label") else (column, False)
    text = names.get(base, base)
    return f"{text}: {_NAME.get(lang, 'label')}" if label else text


_NAME = {"ru": "название"}


def localize(table: Table, query: str | None, lang: str, *, in_place: bool) -> Table:
    """Vocabulary values labelled in lang: replaced (tables) or beside (`_label` columns)."""
    known = [i for i, c in enumerate(table.columns)
             if any(_is_value(query, c, r[i], lang) for r in table.rows)]
    if not known:
        return table
    if in_place:
        rows: list[Row] = [[_labelled(query, table.columns[i], t, lang) if i in known else t
                            for i, t in enumerate(r)] for r in table.rows]
        return Table(list(table.columns), rows)
    columns: list[str] = []
    for i, c in enumerate(table.columns):
        columns += [c, f"{c}_label"] if i in known and f"{c}_label" not in table.columns else [c]
    out: list[Row] = []
    for r in table.rows:
        row: Row = []
        for i, t in enumerate(r):
            row.append(t)
            if i in known and f"{table.columns[i]}_label" not in table.columns:
                row.append(_labelled(query, table.columns[i], t, lang))
        out.append(row)
    return Table(columns, out)


def _is_value(query: str | None, column: str, term: object, lang: str) -> bool:
    return isinstance(term, Literal) and value_label(query, column, term.value, lang) is not None


def _labelled(query: str | None, column: str, term: object, lang: str) -> Literal | None:
    if not isinstance(term, Literal):
        return term  # type: ignore[return-value]
    label = value_label(query, column, term.value, lang)
    return Literal(label) if label is not None else term
