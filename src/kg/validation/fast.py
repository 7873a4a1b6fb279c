"""The fast SHACL engine: the project's shapes compiled to SPARQL and run on Oxigraph.

pySHACL stays the reference: `results_from_report` reads its report graph into the same
`Result` tuples, and `tests/test_fast_validation.py` proves both engines agree on generated
corpora. `report_graph` writes our results in pySHACL's report vocabulary, so everything that
turns a report into findings serves both engines.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.validation.sparqlshapes import ALIAS, LOSSY, SH, Check, Compiler, Unsupported

__all__ = ["Result", "Unsupported", "compile_checks", "report_graph", "results_from_report",
           "run_checks", "validate_store"]


@dataclass(frozen=True)
class Result:
    """One validation result, as SHACL defines it (terms are rdflib terms)."""

    focus: Node
    shape: Node
    shape_name: str
    component: URIRef
    path: Node | None
    value: Node | None
    severity: URIRef
    messages: tuple[Literal, ...]

    def key(self) -> tuple[str, ...]:
        """What identifies a result across engines (blank nodes by content, not by id)."""
        return (str(self.focus), self.shape_name, str(self.component),
                "" if self.value is None else self.value.n3(), str(self.severity))


def shape_name(shapes: Graph, node: Node) -> str:
    """An IRI, or for a blank-node shape a description of its constants (stable across parses)."""
    if not isinstance(node, BNode):
        return str(node)
    parts = []
    for p, o in shapes.predicate_objects(node):
        if isinstance(o, BNode):
            items = list(Collection(shapes, o)) if (o, RDF.first, None) in shapes else []
            o = Literal(" ".join(str(i) for i in items))
        parts.append(f"{p} {o}")
    return "[" + "; ".join(sorted(parts)) + "]"


def load_store(statements: list[ox.Quad] | list[ox.Triple]) -> ox.Store:
    """A store of the quads (triples go to the default graph), to be queried as the union of
    its graphs (see `add_quads`)."""
    store = ox.Store()
    if statements and not isinstance(statements[0], ox.Quad):
        statements = [ox.Quad(s.subject, s.predicate, s.object) for s in statements]
    add_quads(store, statements)  # type: ignore[arg-type]
    return store


def add_quads(store: ox.Store, quads: list[ox.Quad]) -> None:
    """Add quads; literals of datatypes Oxigraph would rewrite (xsd:positiveInteger becomes
    xsd:integer) are stored under ALIAS + datatype instead, so sh:datatype still sees them."""
    store.bulk_extend(quads)
    alias_lossy(store, quads)


def alias_lossy(store: ox.Store, quads: list[ox.Quad]) -> None:
    """In a store holding `quads`, put the literals Oxigraph rewrote under ALIAS + datatype."""
    for quad in quads:
        value = quad.object
        if isinstance(value, ox.Literal) and value.datatype.value in LOSSY:
            store.remove(quad)
            store.add(ox.Quad(quad.subject, quad.predicate, ox.Literal(
                value.value, datatype=ox.NamedNode(ALIAS + value.datatype.value)), quad.graph_name))


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """A pyoxigraph term as the rdflib term pySHACL would see after parsing our exports."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Triple):
        raise TypeError("RDF-star triples as terms are not part of this graph")
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value.removeprefix(ALIAS)
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def compile_checks(shapes: Graph, *, subclasses: bool = False) -> list[Check]:
    """Every constraint of the shapes as a query; raises Unsupported for features we lack."""
    return list(Compiler(shapes, subclasses).checks())


def run_checks(store: ox.Store, shapes: Graph, checks: list[Check],
               focus: list[str] | None = None) -> list[Result]:
    """Run compiled checks over a `load_store` store, on the `focus` IRIs if given.

    Queries run on as many threads as there are CPUs (Oxigraph releases the GIL)."""
    if focus is not None and not focus:
        return []
    values = "VALUES ?this { " + " ".join(f"<{iri}>" for iri in focus) + " }" if focus else ""

    def rows(check: Check) -> list[ox.QuerySolution]:
        return list(store.query(check.query(values), use_default_graph_as_union=True))  # type: ignore[arg-type]

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        answers = list(pool.map(rows, checks))
    results: set[Result] = set()
    for check, solutions in zip(checks, answers, strict=True):
        results.update(_results(shapes, check, solutions))
    return sorted(results, key=Result.key)


def _results(shapes: Graph, check: Check, solutions: list[ox.QuerySolution]) -> Iterator[Result]:
    severity = shapes.value(check.shape, SH.severity) or SH.Violation
    messages = _messages(shapes, check.shape)
    name = shape_name(shapes, check.shape) if solutions else ""
    for row in solutions:
        value = row["value"] if check.has_value else None
        if check.compare and not _pyshacl_fails(rdflib_term(value), rdflib_term(row["other"]),  # type: ignore[arg-type]
                                                check.compare):
            continue
        yield Result(rdflib_term(row["this"]), check.shape, name, check.component, check.path,
                     rdflib_term(value) if value is not None else None,
                     severity, messages)  # type: ignore[arg-type]


def _messages(shapes: Graph, shape: Node) -> tuple[Literal, ...]:
    return tuple(sorted((m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)),
                        key=str))


def _pyshacl_fails(value: Node, other: Node, op: str) -> bool:
    """pySHACL's sh:lessThan(OrEquals) test: strings (and IRIs) compare only with strings, other
    literals by rdflib's ordering (which puts unlike datatypes in datatype-IRI order)."""
    def plain(node: Node) -> tuple[bool, Any]:
        if isinstance(node, URIRef):
            return True, str(node)
        if isinstance(node, Literal) and isinstance(node.value, str):
            return True, node.value
        return False, node

    (a_str, a), (b_str, b) = plain(value), plain(other)
    if a_str != b_str:
        return True
    return not (a < b if op == "<" else a <= b)


def validate_store(store: ox.Store, shapes: Graph, focus: list[str] | None = None
                   ) -> list[Result]:
    """Validate a `load_store` store against `shapes` (only `focus` IRIs as focus nodes)."""
    subclasses = _has_subclasses(store)
    return run_checks(store, shapes, compile_checks(shapes, subclasses=subclasses), focus)


def report_graph(results: list[Result], shapes: Graph) -> Graph:
    """A validation report graph in the shape pySHACL writes it."""
    report = Graph()
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(not any(r.severity == SH.Violation for r in results))))
    for r in results:
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, r.focus))
        report.add((node, SH.sourceShape, r.shape))
        report.add((node, SH.sourceConstraintComponent, r.component))
        report.add((node, SH.resultSeverity, r.severity))
        if r.path is not None:
            report.add((node, SH.resultPath, r.path))
            if isinstance(r.path, BNode):
                for triple in shapes.triples((r.path, None, None)):
                    report.add(triple)
        if r.value is not None:
            report.add((node, SH.value, r.value))
        for message in r.messages:
            report.add((node, SH.resultMessage, message))
    return report


def results_from_report(report: Graph, shapes: Graph) -> list[Result]:
    """The results of a pySHACL report graph (to compare engines)."""
    out = set()
    for node in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(node, SH.sourceShape)
        assert shape is not None
        out.add(Result(
            report.value(node, SH.focusNode), shape, shape_name(shapes, shape),  # type: ignore[arg-type]
            report.value(node, SH.sourceConstraintComponent),  # type: ignore[arg-type]
            shapes.value(shape, SH.path), report.value(node, SH.value),
            report.value(node, SH.resultSeverity),  # type: ignore[arg-type]
            _messages(shapes, shape)))
    return sorted(out, key=Result.key)


def _has_subclasses(store: ox.Store) -> bool:
    """Whether the data declares subclasses (then targets and sh:class follow rdfs:subClassOf)."""
    return bool(store.query(f"ASK {{ ?a <{RDFS.subClassOf}> ?b }}",
                            use_default_graph_as_union=True))


def fast_report(quads: list[ox.Quad], shapes: Graph, focus: list[str] | None = None,
                store: ox.Store | None = None) -> Graph | None:
    """pySHACL's report graph, computed on Oxigraph; None when the shapes use SHACL features
    the compiler does not translate (the caller then runs pySHACL). `store`, if given, holds
    the quads already (filled by `add_quads`)."""
    try:
        _compiled(shapes)
    except (Unsupported, ValueError, TypeError) as exc:
        warnings.warn(f"fast SHACL engine unavailable ({exc}); using pySHACL", stacklevel=2)
        return None
    return store_report(store if store is not None else load_store(quads), shapes, focus)


def store_report(store: ox.Store, shapes: Graph, focus: list[str] | None = None) -> Graph:
    """The report graph for a store filled by `add_quads` (raises Unsupported like
    `compile_checks`)."""
    checks = _compiled(shapes, _has_subclasses(store))
    return report_graph(run_checks(store, shapes, checks, focus), shapes)


_CACHE: dict[tuple[int, bool], tuple[Graph, list[Check]]] = {}


def _compiled(shapes: Graph, subclasses: bool = False) -> list[Check]:
    """The checks, compiled once per shapes graph (which the cache keeps alive, so its id is
    not reused) and subclass setting."""
    cached = _CACHE.get((id(shapes), subclasses))
    if cached is None or cached[0] is not shapes:
        cached = _CACHE[(id(shapes), subclasses)] = (
            shapes, compile_checks(shapes, subclasses=subclasses))
    return cached[1]

