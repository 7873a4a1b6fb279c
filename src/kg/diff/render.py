"""A diff as text (terminal), Markdown (pull-request comment, CI step summary) or JSON."""

from __future__ import annotations

import enum
import html
import json
import re
from collections.abc import Callable

from pyoxigraph import Literal, NamedNode

from kg.diff.compare import Change, ClaimChange, FieldChange, QuoteChange, RecordChange
from kg.diff.run import DiffResult, SideReport
from kg.diff.snapshot import ID_BASE, Value

_VOCAB = "https://w3id.org/tcdkg/vocab/"
_ONTOLOGY = "https://w3id.org/tcdkg/ontology#"
_SYMBOL = {Change.ADDED: "+", Change.REMOVED: "-", Change.CHANGED: "~", Change.UNREADABLE: "!"}
_SHOWN_ERRORS = 10
#: a Markdown diff longer than this many lines puts each record in a collapsed section
COLLAPSE_AFTER = 40


class DiffFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


def render_diff(result: DiffResult, fmt: DiffFormat, lang: str = "en") -> str:
    shown = _Shown(result, lang)
    if fmt is DiffFormat.JSON:
        return json.dumps(_as_json(result, shown), ensure_ascii=False, indent=2) + "\n"
    if fmt is DiffFormat.MARKDOWN:
        return _markdown(result, shown)
    return _text(result, shown)


class _Shown:
    """How a value reads: `kind/slug (label)` for records, the concept for vocabulary terms."""

    def __init__(self, result: DiffResult, lang: str) -> None:
        self.result, self.lang = result, lang

    def record_id(self, iri: str) -> str:
        return iri[len(ID_BASE):] if iri.startswith(ID_BASE) else iri

    def label(self, iri: str) -> str | None:
        return self.result.label(iri, self.lang)

    def value(self, value: Value) -> str:
        if isinstance(value, NamedNode):
            iri = value.value
            if iri.startswith(ID_BASE):
                label = self.label(iri)
                return f"{self.record_id(iri)} ({label})" if label else self.record_id(iri)
            if iri.startswith(_VOCAB):
                return iri.rsplit("/", 1)[-1]
            if iri.startswith(_ONTOLOGY):
                return iri[len(_ONTOLOGY):]
            return iri
        assert isinstance(value, Literal)
        return f'"{value.value}"@{value.language}' if value.language else value.value


def _summary(result: DiffResult) -> str:
    counts = result.diff.counts()
    parts = [", ".join(f"{counts[key]} {c.value}" for c in Change
                       if (key := f"{group}_{c.name.lower()}") in counts
                       and (counts[key] or c is not Change.UNREADABLE)) for group in ("records", "claims")]
    return f"records: {parts[0]}; claims: {parts[1]}"


def _side_name(side: SideReport) -> str:
    return f"{side.spec} ({side.revision[:12]})" if side.revision else side.spec


def _field_line(change: FieldChange, whole: Change, shown: _Shown, *, quoted: bool = False) -> str:
    def text(value: Value) -> str:
        return f'"{value.value}"' if quoted and isinstance(value, Literal) else shown.value(value)

    old = ", ".join(text(v) for v in change.old)
    new = ", ".join(text(v) for v in change.new)
    if whole is Change.ADDED or (whole is Change.REMOVED and not new):
        return f"{change.name}: {new or old}"
    if old and new:
        return f"{change.name}: {old} → {new}"
    return f"{change.name}: + {new}" if new else f"{change.name}: - {old}"


_NAME_KIND = {"label": "name", "prefLabel": "name", "title": "title", "name": "name", "altLabel": "alternative name"}


def _name_lines(change: FieldChange, whole: Change, shown: _Shown) -> list[str]:
    """Names per language: `name ru: "Токаев" → "Тоқаев"`, `alternative name kk: + "Тоқаев"`."""
    def lang(value: Value) -> str:
        return value.language or "" if isinstance(value, Literal) else ""

    lines = []
    for tag in sorted({lang(v) for v in change.old + change.new}):
        per_lang = FieldChange(f"{_NAME_KIND.get(change.name, change.name)} {tag}".rstrip(),
                               [v for v in change.old if lang(v) == tag], [v for v in change.new if lang(v) == tag])
        lines.append(_field_line(per_lang, whole, shown, quoted=True))
    return lines


def _quote_line(change: QuoteChange, shown: _Shown) -> str:
    old = " / ".join(f'"{q}"' for q in change.old) or "(none)"
    new = " / ".join(f'"{q}"' for q in change.new) or "(none)"
    return f"quote from {shown.record_id(change.source)}: {old} → {new}"


def _detail_lines(item: RecordChange | ClaimChange, shown: _Shown) -> list[str]:
    """The lines under a record or claim: fields, names, sources, quotes."""
    lines = [_field_line(f, item.change, shown) for f in item.fields]
    if isinstance(item, RecordChange):
        lines += [line for f in item.names for line in _name_lines(f, item.change, shown)]
    whole = item.sources_added if item.change is Change.ADDED else \
        item.sources_removed if item.change is Change.REMOVED else None
    if whole is not None:
        lines += ["sources: " + ", ".join(shown.value(s) for s in whole)] if whole else []
    else:
        lines += [f"+ source {shown.value(s)}" for s in item.sources_added]
        lines += [f"- source {shown.value(s)}" for s in item.sources_removed]
    lines += [_quote_line(q, shown) for q in item.quotes]
    return lines


def _record_title(record: RecordChange, shown: _Shown) -> str:
    label = shown.label(record.iri)
    return f"{shown.record_id(record.iri)} — {label}" if label else shown.record_id(record.iri)


def _errors(side: SideReport, emit: Callable[[str], None]) -> None:
    if not side.errors:
        return
    emit(f"warning: {_side_name(side)} has {len(side.errors)} error(s) in its fact files; "
         "records that could not be loaded there are marked ! and not compared:")
    for line in side.errors[:_SHOWN_ERRORS]:
        emit(f"  {line}")
    if len(side.errors) > _SHOWN_ERRORS:
        emit(f"  ... and {len(side.errors) - _SHOWN_ERRORS} more (run kg validate on that side)")


def _text(result: DiffResult, shown: _Shown) -> str:
    out: list[str] = [f"kg diff: {_side_name(result.old)} → {_side_name(result.new)}"]
    _errors(result.old, out.append)
    _errors(result.new, out.append)
    if result.diff.empty:
        out.append("no changes")
        return "\n".join(out) + "\n"
    out.append(_summary(result))
    for record in result.diff.records:
        out.append("")
        title = _record_title(record, shown)
        out.append(f"! {title} (has errors on one side; not compared)" if record.change is Change.UNREADABLE
                   else f"{_SYMBOL[record.change]} {title}")
        out += [f"    {line}" for line in _detail_lines(record, shown)]
        for claim in record.claims:
            out.append(f"    {_SYMBOL[claim.change]} {claim.kind} {claim.key}")
            out += [f"        {line}" for line in _detail_lines(claim, shown)]
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _markdown(result: DiffResult, shown: _Shown) -> str:
    out = [f"### Data changes: `{_side_name(result.old)}` → `{_side_name(result.new)}`", ""]
    for side in (result.old, result.new):
        _errors(side, lambda line: out.append(f"> {_md(line.strip())}"))
    if result.diff.empty:
        out.append("No changes to records or claims.")
        return "\n".join(out) + "\n"
    out += [_summary(result).replace("records:", "**Records:**").replace("claims:", "**Claims:**"), ""]
    blocks = [_md_record(record, shown) for record in result.diff.records]
    collapse = sum(len(b) for b in blocks) > COLLAPSE_AFTER
    for record, block in zip(result.diff.records, blocks, strict=True):
        title = f"{_SYMBOL[record.change]} {_record_title(record, shown)} ({record.change.value})"
        if collapse:
            out += [f"<details><summary>{html.escape(title)}</summary>", "", *block, "", "</details>", ""]
        else:
            out += [f"#### {_md(title)}", "", *block, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _md_record(record: RecordChange, shown: _Shown) -> list[str]:
    lines = [f"- {_md(line)}" for line in _detail_lines(record, shown)]
    for claim in record.claims:
        lines.append(f"- {_SYMBOL[claim.change]} **{_md(claim.kind)}** `{claim.key}` ({claim.change.value})")
        lines += [f"  - {_md(line)}" for line in _detail_lines(claim, shown)]
    return lines


def _json_value(value: Value, shown: _Shown) -> dict[str, str]:
    if isinstance(value, NamedNode):
        out = {"iri": value.value}
        if value.value.startswith(ID_BASE):
            out["id"] = shown.record_id(value.value)
            label = shown.label(value.value)
            if label:
                out["label"] = label
        return out
    out = {"value": value.value}
    if value.language:
        out["lang"] = value.language
    elif value.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = value.datatype.value
    return out


def _json_fields(changes: list[FieldChange], shown: _Shown) -> list[dict[str, object]]:
    return [{"field": f.name, "old": [_json_value(v, shown) for v in f.old],
             "new": [_json_value(v, shown) for v in f.new]} for f in changes]


def _json_common(item: RecordChange | ClaimChange, shown: _Shown) -> dict[str, object]:
    return {
        "change": item.change.value,
        "fields": _json_fields(item.fields, shown),
        "sources_added": [_json_value(s, shown) for s in item.sources_added],
        "sources_removed": [_json_value(s, shown) for s in item.sources_removed],
        "quotes": [{"source": q.source, "old": q.old, "new": q.new} for q in item.quotes],
    }


def _as_json(result: DiffResult, shown: _Shown) -> dict[str, object]:
    def side(report: SideReport) -> dict[str, object]:
        return {"spec": report.spec, "revision": report.revision, "errors": report.errors}

    records = []
    for record in result.diff.records:
        entry: dict[str, object] = {"iri": record.iri, "id": shown.record_id(record.iri),
                                    "label": shown.label(record.iri), **_json_common(record, shown),
                                    "names": _json_fields(record.names, shown)}
        entry["claims"] = [{"iri": c.iri, "kind": c.kind, "key": c.key, **_json_common(c, shown)}
                           for c in record.claims]
        records.append(entry)
    return {"old": side(result.old), "new": side(result.new), "summary": result.diff.counts(),
            "records": records}
