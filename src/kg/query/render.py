"""Answers as text: a rich table for people, CSV / TSV / JSON for programs.

Rendering happens to a string before anything is printed, so a failure never leaves
partial output behind.
"""

from __future__ import annotations

import csv
import enum
import io
import json
from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.csvexport import safe_cell
from kg.namespaces import RECORD_PREFIXES
from kg.query.engine import Table, Term
from kg.query.i18n import header

_BY_LENGTH = sorted(RECORD_PREFIXES.items(), key=lambda kv: -len(kv[1]))


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


def cell(term: Term | None, *, compact: bool = False) -> str:
    """The text of one value: IRIs in full (or `person:slug` when compact), literals as written."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        if compact:
            for prefix, base in _BY_LENGTH:
                if term.value.startswith(base):
                    return f"{prefix}:{term.value[len(base):]}"
        return term.value
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def render(table: Table, fmt: OutputFormat, *, name: str | None = None,
           parameters: Mapping[str, str] | None = None, width: int | None = None,
           lang: str = "en") -> str:
    if fmt is OutputFormat.JSON:
        return _json(table, name, parameters or {})
    if fmt is OutputFormat.TABLE:
        return _table(table, width, lang)
    return _delimited(table, "," if fmt is OutputFormat.CSV else "\t")


def _json(table: Table, name: str | None, parameters: Mapping[str, str]) -> str:
    rows = [{c: (cell(t) if t is not None else None) for c, t in zip(table.columns, r, strict=True)}
            for r in table.rows]
    document = {"query": name, "parameters": dict(parameters), "columns": table.columns,
                "rows": rows}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _delimited(table: Table, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        values = [safe_cell(cell(t)) for t in row]
        if delimiter == "\t":  # TSV has no quoting: tabs and line breaks become spaces
            values = [" ".join(v.split()) if any(c in v for c in "\t\r\n") else v for v in values]
        writer.writerow(values)
    return buffer.getvalue()


def _table(table: Table, width: int | None, lang: str = "en") -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    caption = f"{len(table.rows)} row{'s' if len(table.rows) != 1 else ''}"
    rich_table = RichTable(box=box.SIMPLE_HEAD, caption=caption, caption_justify="left")
    for column in table.columns:
        rich_table.add_column(header(column, lang), overflow="fold")
    for row in table.rows:
        rich_table.add_row(*(cell(t, compact=True) for t in row))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 10_000, color_system=None,
                      force_terminal=False, highlight=False, emoji=False, markup=False)
    console.print(rich_table)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    return "\n".join(lines).strip("\n") + "\n"
