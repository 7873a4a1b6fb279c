"""One row per holding: attestations of the same holding (same person, post and period, each
dated by a source) merged into one row listing every attested date.

Done here rather than in SPARQL, where GROUP_CONCAT gives its values in an order engines do
not agree on: the dates are sorted, so every engine's answer reads the same.
"""

from __future__ import annotations

from pyoxigraph import Literal

from kg.query.engine import Row, Table

#: named query -> the column holding the attested date of each row
MERGED = {"posts-of": "attested", "office-holders": "attested"}
_MATCH_ORDER = {"certain": 0, "possible": 1, "undated": 2}


def merge_attestations(name: str | None, table: Table) -> Table:
    """The table with rows that differ only in their attested date (and date match) merged."""
    column = MERGED.get(name or "")
    if column is None or column not in table.columns:
        return table
    at = table.columns.index(column)
    match = table.columns.index("date_match") if "date_match" in table.columns else None
    varying = {at, match}
    groups: dict[tuple[str, ...], list[Row]] = {}
    for row in table.rows:
        key = tuple(str(t) for i, t in enumerate(row) if i not in varying)
        groups.setdefault(key, []).append(row)
    rows: list[Row] = []
    for members in groups.values():
        merged = list(members[0])
        dates = sorted({r[at].value for r in members if isinstance(r[at], Literal)})  # type: ignore[union-attr]
        merged[at] = Literal("; ".join(dates)) if dates else None
        if match is not None:
            found = [r[match].value for r in members if isinstance(r[match], Literal)]  # type: ignore[union-attr]
            best = min(found, key=lambda m: _MATCH_ORDER.get(m, 9)) if found else None
            merged[match] = Literal(best) if best is not None else None
        rows.append(merged)
    return Table(list(table.columns), rows)
