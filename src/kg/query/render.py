"""Answers as text: a rich table for people, CSV / TSV / JSON for programs.

Rendering happens to a string before anything is printed, so a failure never leaves
partial output behind.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode

from kg.csvexport import safe_cell
from kg.namespaces import ID, RECORD_PREFIXES
from kg.query.engine import Table, Term
from kg.query.i18n import header
from kg.terminal import json_safe, visible, visible_lines

_BY_LENGTH = sorted(RECORD_PREFIXES.items(), key=lambda kv: -len(kv[1]))


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


def cell(term: Term | None, *, compact: bool = False, short: bool = False) -> str:
    """The text of one value: IRIs in full (`person:slug` when compact, `person/slug` when
    short, as `-p` parameters take them), literals as written."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        if short and term.value.startswith(ID):
            return term.value[len(ID):]
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
           lang: str = "en", terminal: bool = False) -> str:
    """The answer as text. Tables always, JSON always (as JSON escapes: the same data), and
    CSV / TSV when `terminal` is true show control characters and escape sequences escaped."""
    if fmt is OutputFormat.JSON:
        return json_safe(_json(table, name, parameters or {}))
    if fmt is OutputFormat.TABLE:
        return _table(table, width, lang)
    text = _delimited(table, "," if fmt is OutputFormat.CSV else "\t")
    return visible_lines(text) if terminal else text


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
    """A rich table that fits `width`: IRIs as `kind/slug`; when too wide, IRI columns that
    have a label beside them are hidden (named in the caption), then long text wraps."""
    width = width or DEFAULT_WIDTH
    layout = _layout(table, width, lang)
    caption = f"{len(table.rows)} row{'s' if len(table.rows) != 1 else ''}"
    if layout.hidden:
        caption += f"; hidden to fit {width} columns: {', '.join(layout.hidden)} (see --columns)"
    lines = _laid_out(layout)
    if lines is None:
        lines = _rich_lines(layout)
    footer = textwrap.fill(caption, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines).strip("\n") + "\n\n" + footer + "\n"


@dataclass
class _Layout:
    """What a table shows: titles, rows of cell texts, column widths, whether rows wrap (a
    blank line between rows), the columns hidden to fit, and the console it is sized for."""

    titles: list[str]
    rows: list[list[str]]
    sizes: list[int]
    wraps: bool
    hidden: list[str]
    console: Any


def _layout(table: Table, width: int, lang: str = "en") -> _Layout:
    from rich.console import Console

    cells = [[visible(cell(t, short=True)) for t in row] for row in table.rows]
    shown = _fitting(table.columns, cells, width)
    titles = [visible(header(table.columns[i], lang)) for i in shown]
    rows = [[r[i] for i in shown] for r in cells]
    sizes = _widths(rows, titles, width)
    wraps = any(len(r[n]) > size for r in rows for n, size in enumerate(sizes))
    console = Console(width=width, color_system=None, force_terminal=False, highlight=False,
                      emoji=False, markup=False)
    hidden = [c for i, c in enumerate(table.columns) if i not in shown]
    return _Layout(titles, rows, sizes, wraps, hidden, console)


def _rich_lines(layout: _Layout) -> list[str]:
    """The table as rich lays it out (box SIMPLE_HEAD, long text folded)."""
    from rich import box
    from rich.table import Table as RichTable

    rich_table = RichTable(box=box.SIMPLE_HEAD)
    rich_table.show_lines = layout.wraps  # rows of several lines: a rule between rows
    for title, size in zip(layout.titles, layout.sizes, strict=True):
        rich_table.add_column(title, overflow="fold", width=size)
    for row in layout.rows:
        rich_table.add_row(*row)
    buffer = io.StringIO()
    layout.console.file = buffer
    layout.console.print(rich_table)
    return [line.rstrip() for line in buffer.getvalue().splitlines()]


def _laid_out(layout: _Layout) -> list[str] | None:
    """The lines of rich's table (box SIMPLE_HEAD, cells folded into their columns, a blank
    line between rows of several lines), laid out here: rich's own layout took 0.9 s for
    2,000 rows. Cells rich must wrap are wrapped by rich, once per distinct text. None when
    the table is wider than the console (rich would shrink its columns) or a title does not
    fit its column; tests/test_table_layout.py proves the same text as rich's."""
    from rich.cells import cell_len
    from rich.text import Text

    titles, sizes, console = layout.titles, layout.sizes, layout.console
    if sum(sizes) + 3 * len(sizes) + 1 > console.width or any(
            cell_len(t) > s for t, s in zip(titles, sizes, strict=True)):
        return None
    wrapped: dict[tuple[str, int], list[str]] = {}

    def cell_lines(text: str, size: int) -> list[str]:
        if "\n" not in text and cell_len(text) <= size:
            return [text + " " * (size - cell_len(text))]
        key = (text, size)
        if key not in wrapped:
            lines = Text(text, overflow="fold").wrap(console, size, overflow="fold")
            wrapped[key] = [line.plain + " " * (size - cell_len(line.plain)) for line in lines]
        return wrapped[key]

    def row_lines(row: list[str]) -> list[str]:
        columns = [cell_lines(text, size) for text, size in zip(row, sizes, strict=True)]
        height = max(len(c) for c in columns)
        return [("  " + "   ".join(c[n] if n < len(c) else " " * s
                                   for c, s in zip(columns, sizes, strict=True))).rstrip()
                for n in range(height)]

    out = [*row_lines(titles), " " + "─" * (sum(sizes) + 3 * len(sizes) - 1)]
    for n, row in enumerate(layout.rows):
        if layout.wraps and n:
            out.append("")
        out.extend(row_lines(row))
    return out


DEFAULT_WIDTH = 100  # output that is not a terminal, unless COLUMNS says otherwise
MIN_COLUMN = 12  # narrower than this, words break letter by letter
_OVERHEAD = 3  # per column: a space of padding on each side and the divider


def _widths(cells: list[list[str]], titles: list[str], width: int) -> list[int]:
    """Column widths within `width`: each at least its minimum (MIN_COLUMN, or its header, or
    its longest value if shorter), the rest shared in proportion to what each still lacks."""
    natural = [max([len(r[i]) for r in cells] + [len(t)]) for i, t in enumerate(titles)]
    least = [min(n, max(MIN_COLUMN, len(t))) for n, t in zip(natural, titles, strict=True)]
    spare = width - _OVERHEAD * len(titles) - 2 - sum(least)  # rich keeps one column free
    lacking = [n - m for n, m in zip(natural, least, strict=True)]
    if not sum(lacking):
        return natural
    if spare <= 0:
        return least
    share = min(1.0, spare / sum(lacking))
    return [m + int(gap * share) for m, gap in zip(least, lacking, strict=True)]


def _fitting(columns: list[str], cells: list[list[str]], width: int) -> list[int]:
    """Indexes of the columns to show: all when they fit (each at least MIN_COLUMN wide),
    else without the IRI columns that have a `_label` column (right to left), then without
    the columns of the longest values."""
    shown = list(range(len(columns)))

    def needed() -> int:
        return 2 + sum(min(max(MIN_COLUMN, len(columns[i])),
                           max([len(r[i]) for r in cells] + [len(columns[i])])) + _OVERHEAD
                       for i in shown)

    def natural() -> int:
        return 2 + sum(max([len(r[i]) for r in cells] + [len(columns[i])]) + _OVERHEAD
                       for i in shown)

    if natural() <= width:
        return shown
    for i in reversed(range(len(columns))):
        label = f"{columns[i]}_label"
        if label in columns and natural() > width and all(
                r[columns.index(label)] or not r[i] for r in cells):  # every IRI has a label
            shown.remove(i)
    while needed() > width and len(shown) > 1:  # then the longest texts (quotes, titles)
        shown.remove(max(shown[1:], key=lambda i: (max((len(r[i]) for r in cells), default=0), i)))
    return shown
