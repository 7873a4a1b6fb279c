"""What every engine returns, and the interface the local and remote engines share."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeAlias

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, Triple

Term: TypeAlias = NamedNode | BlankNode | Literal | Triple
Row: TypeAlias = list[Term | None]
XSD_BOOLEAN = NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


class QueryForm(enum.StrEnum):
    SELECT = "select"
    ASK = "ask"
    CONSTRUCT = "construct"
    DESCRIBE = "describe"

    @property
    def has_triples(self) -> bool:
        return self in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)


@dataclass
class Table:
    """A query answer as columns and rows of RDF terms (None where unbound)."""

    columns: list[str]
    rows: list[Row] = field(default_factory=list)

    def drop(self, names: Sequence[str]) -> Table:
        """The table without the named columns (parameters the user already knows)."""
        keep = [i for i, c in enumerate(self.columns) if c not in names]
        return Table([self.columns[i] for i in keep], [[r[i] for i in keep] for r in self.rows])

    def reorder(self, names: Sequence[str]) -> Table:
        """The named columns in that order."""
        index = [self.columns.index(n) for n in names]
        return Table(list(names), [[r[i] for i in index] for r in self.rows])

    def column(self, name: str) -> list[Term | None]:
        i = self.columns.index(name)
        return [r[i] for r in self.rows]


def boolean_table(value: bool) -> Table:
    return Table(["ask"], [[Literal("true" if value else "false", datatype=XSD_BOOLEAN)]])


def triples_table(triples: Sequence[Triple]) -> Table:
    return Table(["subject", "predicate", "object"],
                 [[t.subject, t.predicate, t.object] for t in triples])


def to_table(result: QuerySolutions | QueryBoolean | Iterable[Triple]) -> Table:
    """Materialise any pyoxigraph answer (iterating fully, so errors surface here)."""
    if isinstance(result, QueryBoolean):
        return boolean_table(bool(result))
    if isinstance(result, QuerySolutions):
        names = [v.value for v in result.variables]
        return Table(names, [list(solution) for solution in result])  # values in variable order
    return triples_table(list(result))


class Engine(Protocol):
    """Runs SPARQL with parameters bound as RDF terms, never pasted as text."""

    name: str

    def run(self, query: str, bindings: Mapping[str, Term] | None = None,
            form: QueryForm = QueryForm.SELECT) -> Table: ...
