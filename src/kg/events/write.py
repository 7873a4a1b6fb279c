"""The event rows as CSV and JSON Lines bytes, their JSON Schema, and atomic files."""

from __future__ import annotations

import csv
import enum
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

from kg.atomic import write_bytes_atomic
from kg.csvexport import safe_cell
from kg.errors import UsageError
from kg.events.rows import COLUMNS, Row

#: separator of list cells in the CSV (as in the other CSV tables of dist/csv/)
LIST_SEPARATOR = " | "
SCHEMA_NAME = "events.schema.json"


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


def to_csv(rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[c]) for c in COLUMNS])
    return buffer.getvalue().encode("utf-8")


def to_jsonl(rows: list[Row]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def serialization_for(path: Path) -> Serialization:
    """CSV for `*.csv`, JSON Lines for `*.jsonl`; anything else is a usage error."""
    suffix = path.suffix.lower().lstrip(".")
    try:
        return Serialization(suffix)
    except ValueError:
        raise UsageError(f"cannot tell the events serialization from '{path.name}'; "
                         "give --out a name ending in .csv or .jsonl") from None


def serialize(rows: list[Row], how: Serialization) -> bytes:
    return to_csv(rows) if how is Serialization.CSV else to_jsonl(rows)


def write(rows: list[Row], path: Path) -> None:
    """Write the rows to `path` atomically, as CSV or JSON Lines by its suffix."""
    write_bytes_atomic(path, serialize(rows, serialization_for(path)))
