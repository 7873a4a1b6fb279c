"""Quote verification: every quote of every claim appears verbatim in its source's archived text.

The archive is a folder of plain-text files; a source points at its file by the SHA-256 it
records, so every file of the folder is hashed. A quote matches when it occurs in the text
after runs of whitespace (including no-break spaces) are collapsed to one space on both
sides; nothing else is normalised: quotation marks, dashes and letters must be exact.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kg.errors import Finding, Report, Severity, SourceLocation, UsageError, relpath
from kg.load import Record
from kg.model.common import Citation
from kg.model.kinds import Kind
from kg.model.source import Source
from kg.pipeline import Compiled
from kg.references import nested_fields, unarchived_message, unverifiable

_SPACE = re.compile(r"\s+")
_LOOKALIKE = str.maketrans("“”„«»‘’‚‹›–—‒−", "\"\"\"\"\"'''''----")


def normalise(text: str) -> str:
    """Runs of whitespace (spaces, tabs, newlines, no-break spaces) become one space."""
    return _SPACE.sub(" ", text).strip()


@dataclass
class QuoteCheck:
    """What verify_quotes looked at, and what it found."""

    report: Report = field(default_factory=Report)
    quotes: int = 0
    sources: int = 0
    unchecked: int = 0  # quotes of sources without archived text that say so (web pages)


def hash_archive(directory: Path) -> dict[str, Path]:
    """SHA-256 (lowercase hex) → file, for every file under the folder."""
    if not directory.is_dir():
        raise UsageError(f"archive folder '{directory}' does not exist; pass --archive DIR")
    hashes: dict[str, Path] = {}
    for file in sorted(p for p in directory.rglob("*") if p.is_file()):
        try:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError as exc:
            raise UsageError(f"cannot read archived file '{file}': {exc.strerror}") from None
        hashes.setdefault(digest, file)
    return hashes


def iter_citations(model: BaseModel, at: tuple[Any, ...] = ()) -> Iterator[tuple[Citation, tuple[Any, ...]]]:
    """Every citation inside a record, with its path in the fact file."""
    if isinstance(model, Citation):
        yield model, at
        return
    for name in nested_fields(type(model)):
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for n, item in items:
            if isinstance(item, BaseModel):
                yield from iter_citations(item, (*at, name) if n is None else (*at, name, n))


def verify_quotes(compiled: Compiled, archive: Path) -> QuoteCheck:
    """Findings for quotes not found in their archived text, and for sources that cannot be checked."""
    hashes = hash_archive(archive)
    result = QuoteCheck()
    result.report.extend([f for f in compiled.report.findings if f.severity is Severity.ERROR])
    quoted: dict[str, list[tuple[str, SourceLocation]]] = {}
    for record in compiled.records:
        for citation, at in iter_citations(record.model):
            if citation.quote is not None:
                where = record.locations.at((*at, "quote"))
                quoted.setdefault(citation.source, []).append((citation.quote, where))
    for slug, quotes in sorted(quoted.items()):
        source = compiled.index.record(Kind.SOURCE, slug)
        if source is None:
            continue  # an unknown source is already a reference error
        model = source.model
        assert isinstance(model, Source)
        if unverifiable(model):
            result.unchecked += len(quotes)  # kept, nothing to check them against
            continue
        result.sources += 1
        result.quotes += len(quotes)
        if model.sha256 is None:  # each quote, where it is, says what can be done
            result.report.extend([_error(where, "E602", unarchived_message(slug, source.path))
                                  for _quote, where in quotes])
            continue
        text, problem = _archived_text(source, hashes, len(quotes))
        if problem is not None:
            result.report.add(problem)
            continue
        assert text is not None
        result.report.extend(list(_mismatches(source, text, quotes, hashes)))
    return result


def _archived_text(source: Record, hashes: dict[str, Path],
                   count: int) -> tuple[str | None, Finding | None]:
    model = source.model
    assert isinstance(model, Source)
    quotes = f"{count} quote{'s' * (count != 1)}"
    assert model.sha256 is not None
    where = source.locations.at(("sha256",))
    file = hashes.get(model.sha256)
    if file is None:
        return None, _error(where, "E603",
                            f"{quotes} cite this source, but no archived file has this SHA-256: "
                            "archive the article's plain text, or correct `sha256`")
    try:
        return file.read_bytes().decode("utf-8"), None
    except UnicodeDecodeError:
        return None, _error(where, "E604", f"the archived text {relpath(file)} is not UTF-8; "
                                           "archive it as UTF-8 plain text")


def _mismatches(source: Record, text: str, quotes: list[tuple[str, SourceLocation]],
                hashes: dict[str, Path]) -> Iterator[Finding]:
    haystack = normalise(text)
    model = source.model
    assert isinstance(model, Source) and model.sha256 is not None
    shown = relpath(hashes[model.sha256])
    for quote, where in quotes:
        needle = normalise(quote)
        if needle in haystack:
            continue
        yield _error(where, "E601", f"quote not found verbatim in {shown}, the archived text of "
                                    f"'{source.ref}'{_hint(needle, haystack)}; copy it exactly "
                                    "(only whitespace may differ)")


def _hint(needle: str, haystack: str) -> str:
    """Where the quote stops matching, or that only quotation marks or dashes differ."""
    if needle.translate(_LOOKALIKE) in haystack.translate(_LOOKALIKE):
        return " (it differs only in quotation marks or dashes)"
    low, high = 0, len(needle)
    while low < high:  # the longest prefix of the quote that occurs in the text
        middle = (low + high + 1) // 2
        if needle[:middle] in haystack:
            low = middle
        else:
            high = middle - 1
    if low < 10:
        return ""
    return f" (it matches up to '…{needle[max(0, low - 30):low]}' and differs from there)"


def _error(where: SourceLocation, code: str, message: str) -> Finding:
    return Finding(where, Severity.ERROR, code, message)
