"""Human-readable labels beside every IRI column: `person` gets `person_label`."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from kg.query.engine import Row, Table
from kg.query.names import Lookup


def add_labels(table: Table, lookup: Lookup, lang: str) -> Table:
    """A `<column>_label` after each column whose IRIs have labels (in lang, else en, else any)."""
    iris = [t.value for r in table.rows for t in r if isinstance(t, NamedNode)]
    if not iris:
        return table
    entities = lookup.by_iris(iris)
    labelled = [c for i, c in enumerate(table.columns)
                if f"{c}_label" not in table.columns
                and any(isinstance(r[i], NamedNode) and r[i].value in entities  # type: ignore[union-attr]
                        for r in table.rows)]
    if not labelled:
        return table
    columns: list[str] = []
    for c in table.columns:
        columns += [c, f"{c}_label"] if c in labelled else [c]
    rows: list[Row] = []
    for row in table.rows:
        out: Row = []
        for c, term in zip(table.columns, row, strict=True):
            out.append(term)
            if c in labelled:
                entity = entities.get(term.value) if isinstance(term, NamedNode) else None
                label = entity.label(lang) if entity else None
                out.append(Literal(label) if label is not None else None)
        rows.append(out)
    return Table(columns, rows)

