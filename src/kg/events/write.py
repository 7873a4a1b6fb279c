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
from kg.csvexport import _DANGEROUS, safe_cell
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
    dangerous = _DANGEROUS
    for row in rows:  # csv_cell inlined for plain strings and nulls: most cells of a large export
        writer.writerow([("'" + v if v.startswith(dangerous) else v) if type(v) is str
                         else "" if v is None else csv_cell(v) for v in map(row.__getitem__, COLUMNS)])
    return buffer.getvalue().encode("utf-8")


def to_jsonl(rows: list[Row]) -> bytes:
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    return "".join([encode(row) + "\n" for row in rows]).encode("utf-8")


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
