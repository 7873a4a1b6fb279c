"""The fast SHACL engine: the project's shapes compiled to SPARQL and run on Oxigraph.

pySHACL stays the reference: `results_from_report` reads its report graph into the same
`Result` tuples, and `tests/test_fast_validation.py` proves both engines agree on generated
corpora. `report_graph` writes our results in pySHACL's report vocabulary, so everything that
turns a report into findings serves both engines.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.validation.sparqlrules import rule_checks
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


def load_store(triples: Iterable[ox.Triple]) -> ox.Store:
    """A store of the triples in its default graph, with datatypes Oxigraph would rewrite
    (xsd:positiveInteger → xsd:integer) kept under an alias IRI, so sh:datatype still sees them."""
    store = ox.Store()
    default = ox.DefaultGraph()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, _aliased(t.object), default)
                      for t in triples)
    return store


def _aliased(obj: Any) -> Any:
    if isinstance(obj, ox.Literal) and obj.datatype.value in LOSSY:
        return ox.Literal(obj.value, datatype=ox.NamedNode(ALIAS + obj.datatype.value))
    return obj


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """A pyoxigraph term as the rdflib term pySHACL would see after parsing our exports."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value.removeprefix(ALIAS)
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def compile_checks(shapes: Graph, *, subclasses: bool = False) -> list[Check]:
    """Every constraint of the shapes as a query; raises Unsupported for features we lack."""
    return [*Compiler(shapes, subclasses).checks(), *rule_checks(shapes, subclasses)]


def run_checks(store: ox.Store, shapes: Graph, checks: list[Check],
               focus: list[str] | None = None) -> list[Result]:
    """Run compiled checks over a `load_store` store, on the `focus` IRIs if given."""
    results: set[Result] = set()
    if focus is not None and not focus:
        return []
    values = "VALUES ?this { " + " ".join(f"<{iri}>" for iri in focus) + " }" if focus else ""
    names = {c.shape: shape_name(shapes, c.shape) for c in checks}
    for check in checks:
        severity = shapes.value(check.shape, SH.severity) or SH.Violation
        messages = tuple(sorted(shapes.objects(check.shape, SH.message), key=str))
        rows = store.query(check.query(values))
        for row in rows:  # type: ignore[union-attr]
            value = row["value"] if check.has_value else None
            if check.compare and not _pyshacl_fails(rdflib_term(value), rdflib_term(row["other"]),
                                                    check.compare):
                continue
            results.add(Result(
                rdflib_term(row["this"]), check.shape, names[check.shape], check.component,
                check.path if check.path is not None else None,
                rdflib_term(value) if value is not None else None,
                severity, messages))  # type: ignore[arg-type]
    return sorted(results, key=Result.key)


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
    subclasses = bool(store.query(f"ASK {{ ?a <{RDFS.subClassOf}> ?b }}"))
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
        out.add(Result(
            report.value(node, SH.focusNode), shape, shape_name(shapes, shape),  # type: ignore[arg-type]
            report.value(node, SH.sourceConstraintComponent),  # type: ignore[arg-type]
            shapes.value(shape, SH.path), report.value(node, SH.value),
            report.value(node, SH.resultSeverity),  # type: ignore[arg-type]
            tuple(sorted(shapes.objects(shape, SH.message), key=str))))
    return sorted(out, key=Result.key)


def fast_report(triples: list[ox.Triple], shapes: Graph, focus: list[str] | None = None
                ) -> Graph | None:
    """pySHACL's report graph, computed on Oxigraph; None when the shapes use SHACL features
    the compiler does not translate (the caller then runs pySHACL)."""
    try:
        checks = _compiled(shapes)
    except (Unsupported, ValueError, TypeError) as exc:
        warnings.warn(f"fast SHACL engine unavailable ({exc}); using pySHACL", stacklevel=2)
        return None
    store = load_store(triples)
    subclasses = bool(store.query(f"ASK {{ ?a <{RDFS.subClassOf}> ?b }}"))
    checks = checks[1] if subclasses else checks[0]
    return report_graph(run_checks(store, shapes, checks, focus), shapes)


_CACHE: dict[int, tuple[list[Check], list[Check]]] = {}


def _compiled(shapes: Graph) -> tuple[list[Check], list[Check]]:
    """Checks without and with subclass reasoning, compiled once per shapes graph."""
    if id(shapes) not in _CACHE:
        _CACHE[id(shapes)] = (compile_checks(shapes), compile_checks(shapes, subclasses=True))
    return _CACHE[id(shapes)]

