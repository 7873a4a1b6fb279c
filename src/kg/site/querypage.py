"""The query page's examples: every named query of the catalog, its example values bound.

Each example is the catalog query with a VALUES block for its example parameters, resolved
exactly as `kg query NAME -p ...` resolves them (names in any script → IRIs), so the text
loaded into the editor is the query the CLI would run.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Store

from kg.errors import UsageError
from kg.namespaces import PREFIXES, RECORD_PREFIXES
from kg.query.catalog import NamedQuery
from kg.query.entities import EngineLookup
from kg.query.local import LocalEngine
from kg.query.params import bind
from kg.query.values import inject_values


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    parameters: list[tuple[str, str, str]]  # (name, example as written, what it resolved to)
    sparql: str
    unbound: str = ""  # why the example values could not be bound (not in this data)


def prefix_block() -> str:
    """The project's prefixes, declared at the head of the editor's default query."""
    merged = {**PREFIXES, **RECORD_PREFIXES}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in merged.items())


def default_query() -> str:
    return prefix_block() + "\nSELECT ?person ?name WHERE {\n  ?person a tcd:Person ; rdfs:label ?name .\n" \
        "  FILTER(LANG(?name) = \"en\")\n}\nORDER BY ?name\n"


def examples(store: Store, catalog: dict[str, NamedQuery]) -> list[Example]:
    lookup = EngineLookup(LocalEngine(store))
    out = []
    for name in sorted(catalog):
        query = catalog[name]
        try:
            bound = bind(query, {p.name: p.example for p in query.params}, lookup)
        except UsageError as exc:  # another data folder: the header's example is not in it
            params = [(p.name, p.example, "") for p in query.params]
            out.append(Example(name, query.title, query.description, params, query.text,
                               str(exc).splitlines()[0]))
            continue
        params = [(p.name, p.example, bound.shown.get(p.name, "")) for p in query.params]
        out.append(Example(name, query.title, query.description, params,
                           inject_values(query.text, bound.terms)))
    return out
