"""A draft report as text or JSON."""

from __future__ import annotations

import json

from kg.draft.mentions import Draft


def render_draft(draft: Draft, fmt: str, *, written: bool) -> str:
    return _json(draft, written) if fmt == "json" else _text(draft, written)


def _text(draft: Draft, written: bool) -> str:
    out = [f"article: {draft.article.as_posix()} ({draft.lines} lines, language {draft.language}, "
           f"sha256 {draft.sha256})"]
    if written:
        out.append(f"wrote {draft.source.path.as_posix()}")
    else:
        out.append(f"would write {draft.source.path.as_posix()} (--dry-run):")
        out += [f"    {line}" for line in draft.source.text.splitlines()]
    grouped = draft.by_record()
    out.append("")
    out.append(f"known records mentioned ({len(grouped)}):")
    for record, mentions in grouped.items():
        places = ", ".join(f"{m.line}:{m.col} «{m.text}»" for m in mentions)
        out.append(f"  {record} ({draft.labels.get(record, record)}): {places}")
    out.append("")
    out.append(f"dates ({len(draft.dates)}):")
    out += [f"  {d.line}: {d.iso} «{d.text}»" for d in draft.dates]
    out.append("")
    out.append(f"capitalised names not in the graph ({len(draft.unmatched)}):")
    out += [f"  {', '.join(map(str, u.lines))}: «{u.text}»" for u in draft.unmatched]
    return "\n".join(out) + "\n"


def _json(draft: Draft, written: bool) -> str:
    document = {
        "article": draft.article.as_posix(),
        "sha256": draft.sha256,
        "language": draft.language,
        "lines": draft.lines,
        "source": {"path": draft.source.path.as_posix(), "slug": draft.source.slug,
                   "written": written, "yaml": draft.source.text, "notes": draft.source.notes},
        "mentions": [{"record": m.record, "label": draft.labels.get(m.record), "line": m.line,
                      "col": m.col, "text": m.text} for m in draft.mentions],
        "dates": [{"line": d.line, "text": d.text, "iso": d.iso} for d in draft.dates],
        "unmatched": [{"text": u.text, "lines": list(u.lines)} for u in draft.unmatched],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
