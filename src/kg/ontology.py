"""The ontology and the SKOS vocabularies as quads, each file in its own named graph, never
mixed into the data graphs: shipped in dist/ (`ontology.trig`), loaded by
`kg serve` and by the local query engine, so every status, role and type IRI has labels."""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from kg.errors import UsageError
from kg.namespaces import GRAPH
from kg.resources import shipped_dir

#: file in ontology/ -> its named graph
GRAPHS = {"tcdkg.ttl": GRAPH + "ontology", "vocabularies.ttl": GRAPH + "vocabularies"}


@cache
def ontology_quads() -> tuple[ox.Quad, ...]:
    """Every triple of the ontology files in its file's graph, sorted (deterministic exports)."""
    folder = shipped_dir("ontology")
    quads: list[ox.Quad] = []
    blanks: dict[str, ox.BlankNode] = {}

    def named(term):  # type: ignore[no-untyped-def]
        """Blank nodes renamed in the order the file gives them, so exports never change."""
        if isinstance(term, ox.BlankNode):
            return blanks.setdefault(term.value, ox.BlankNode(f"o{len(blanks)}"))
        return term

    for name, graph in sorted(GRAPHS.items()):
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read the ontology file {path}: {exc.strerror}") from None
        name_node = ox.NamedNode(graph)
        quads += [ox.Quad(named(t.subject), t.predicate, named(t.object), name_node)
                  for t in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    return tuple(sorted(set(quads), key=str))


def vocabulary_quads() -> list[ox.Quad]:
    return [q for q in ontology_quads() if q.graph_name.value == GRAPHS["vocabularies.ttl"]]  # type: ignore[union-attr]
