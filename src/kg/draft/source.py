"""The source record of a drafted article: `data/sources/<slug>.yaml`, never overwriting a file."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from anyascii import anyascii

from kg.draft.dates import DateMention
from kg.errors import UsageError

_SLUG_WORDS = 6
_TITLE_MAX = 200


@dataclass
class SourceDraft:
    path: Path
    slug: str
    text: str          # the YAML
    notes: list[str]   # what the curator must still do


def plan_source(data_dir: Path, lines: list[str], dates: list[DateMention], *, sha256: str, language: str,
                url: str | None, publisher: str | None, date: str | None, title: str | None,
                slug: str | None, known: set[str]) -> SourceDraft:
    notes: list[str] = []
    title = title or _found_title(lines)
    published = date or _found_date(dates)
    if date is None and published:
        notes.append(f"published {published} was read from the article's first lines: check it")
    publisher_ref = None
    if publisher:
        publisher_ref = publisher if "/" in publisher else f"organization/{publisher}"
        if publisher_ref not in known:
            notes.append(f"{publisher_ref} is not in {data_dir.as_posix()}/: add "
                         f"{data_dir.as_posix()}/organizations/{publisher_ref.split('/', 1)[1]}.yaml")
    else:
        notes.append("no --publisher: set `publisher:` to the publisher's organization")
    slug = slug or _slug(publisher_ref, published, title, sha256)
    record: dict[str, object] = {"type": "web-page" if url else "news-article"}
    if title:
        record["title"] = {language: title}
    record["publisher"] = publisher_ref
    record["language"] = language
    if published:
        record["published"] = published
    if url:
        record["url"] = url
    record["sha256"] = sha256
    record["note"] = ("Drafted by kg draft from the article's plain text; the SHA-256 is of that text. "
                      "Check the title, language and date against the article.")
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)
    return SourceDraft(data_dir / "sources" / f"{slug}.yaml", slug, text, notes)


def write_new(draft: SourceDraft) -> None:
    """Write the source file; an existing file is never replaced (UsageError, exit 2)."""
    target = draft.path
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target.as_posix()} exists; kg draft never overwrites a file: "
                         "choose another --slug or edit the existing source")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(draft.text)
        os.link(tmp, target)  # fails if the target appeared meanwhile: no overwrite, ever
    except FileExistsError:
        raise UsageError(f"{target.as_posix()} exists; kg draft never overwrites a file") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _found_title(lines: list[str]) -> str | None:
    """The first non-empty line, when it reads as a headline (short, no closing full stop)."""
    first = next((line.strip() for line in lines if line.strip()), "")
    if first and len(first) <= _TITLE_MAX and not first.endswith(".") and not first.lower().startswith("date "):
        return first
    return None


def _found_date(dates: list[DateMention]) -> str | None:
    for found in dates:
        if found.line <= 3 and not found.iso.startswith("XXXX"):
            return found.iso
    return None


def _slug(publisher: str | None, date: str | None, title: str | None, sha256: str) -> str:
    parts = [publisher.split("/", 1)[-1]] if publisher else []
    if date:
        parts.append(date)
    if title:
        words = re.findall(r"[a-z0-9]+", anyascii(title).lower())
        parts.append("-".join(words[:_SLUG_WORDS]))
    if not title and not date:
        parts.append(sha256[:12])
    slug = re.sub(r"-+", "-", "-".join(p for p in parts if p)).strip("-")
    return slug or f"article-{sha256[:12]}"
