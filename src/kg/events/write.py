"""The event rows as CSV and JSON Lines bytes, their JSON Schema, and atomic files."""

from __future__ import annotations

import csv
import enum
import io
import json
import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from kg.atomic import atomic_file
from kg.csvexport import safe_cell
from kg.errors import UsageError
from kg.events.rows import COLUMNS, Row, Segments

#: separator of list cells in the CSV (as in the other CSV tables of dist/csv/)
LIST_SEPARATOR = " | "
SCHEMA_NAME = "events.schema.json"


class Sink(Protocol):
    """Where the lines go: an open binary file, a BytesIO, a hashing writer."""

    def write(self, data: bytes, /) -> int: ...


class Serialization(enum.StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


def schema_bytes() -> bytes:
    """The JSON Schema of one row (shipped with the package)."""
    return resources.files("kg.events").joinpath(SCHEMA_NAME).read_bytes()


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_bytes())
    return loaded


def csv_cell(value: object) -> str:
    """A row value as its CSV cell: lists joined, booleans `true`/`false`, null empty;
    cells a spreadsheet would run as a formula are escaped with a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return safe_cell(LIST_SEPARATOR.join(str(v) for v in value))
    return safe_cell(str(value))


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _csv_fragment(segment: Row) -> str:
    """One group of columns as CSV cells (joined with commas, quoted as the csv module does)."""
    cells = [csv_cell(v) for v in segment.values()]
    if cells == [""]:
        return ""  # the csv module writes a lone empty field as "" (an empty line means no row)
    if not any(_NEEDS_QUOTES.search(c) for c in cells):
        return ",".join(cells)  # nothing to quote: the common case, without a writer
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()[:-1]


def _json_fragment(segment: Row, encode: Callable[[object], str]) -> str:
    """One group of columns as the inside of a JSON object (`"a": 1, "b": null`)."""
    return encode(segment)[1:-1]


def _stream(rows: Sequence[Row | Segments], fragment: Callable[[Row], str], join: bytes,
            start: bytes, end: bytes, handle: Sink) -> None:
    """Write one line per row (`start`, the groups' fragments joined, `end`), encoding each
    distinct group of columns once (groups are shared between rows: an event's columns are
    in every row of the event); lines go out in batches, so memory does not grow with the file."""
    done: dict[int, bytes] = {}
    batch: list[bytes] = []
    for row in rows:
        parts = []
        for segment in (row,) if isinstance(row, dict) else row:
            data = done.get(id(segment))  # the rows keep every segment alive: ids stay unique
            if data is None:
                data = fragment(segment).encode("utf-8")
                if "claims" not in segment:  # a row's own claims are never shared: not kept
                    done[id(segment)] = data
            parts.append(data)
        batch += (start, join.join(parts), end)
        if len(batch) >= 3 * _BATCH:
            handle.write(b"".join(batch))
            batch.clear()
    handle.write(b"".join(batch))


_BATCH = 2000


def write_to(rows: Sequence[Row | Segments], how: Serialization, handle: Sink) -> None:
    """CSV: the header and one line per row; JSON Lines: one object per line, keys in COLUMNS
    order, as json.dumps writes it. Rows are flat (keys in COLUMNS order) or groups of columns."""
    if how is Serialization.CSV:
        handle.write((",".join(COLUMNS) + "\n").encode("utf-8"))
        _stream(rows, _csv_fragment, b",", b"", b"\n", handle)
        return
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    _stream(rows, lambda segment: _json_fragment(segment, encode), b", ", b"{", b"}\n", handle)


def serialize(rows: Sequence[Row | Segments], how: Serialization) -> bytes:
    buffer = io.BytesIO()
    write_to(rows, how, buffer)
    return buffer.getvalue()


def to_csv(rows: Sequence[Row | Segments]) -> bytes:
    return serialize(rows, Serialization.CSV)


def to_jsonl(rows: Sequence[Row | Segments]) -> bytes:
    return serialize(rows, Serialization.JSONL)


def serialization_for(path: Path) -> Serialization:
    """CSV for `*.csv`, JSON Lines for `*.jsonl`; anything else is a usage error."""
    suffix = path.suffix.lower().lstrip(".")
    try:
        return Serialization(suffix)
    except ValueError:
        raise UsageError(f"cannot tell the events serialization from '{path.name}'; "
                         "give --out a name ending in .csv or .jsonl") from None


def write(rows: Sequence[Row | Segments], path: Path) -> None:
    """Write the rows to `path` atomically, as CSV or JSON Lines by its suffix."""
    how = serialization_for(path)
    with atomic_file(path) as handle:
        write_to(rows, how, handle)
