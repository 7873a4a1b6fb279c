"""SHACL shapes compiled to SPARQL: one SELECT per constraint, over every focus node at once.

Each `Check` yields rows `(?this, ?value)`, one per validation result pySHACL would report for
that constraint (`?value` unbound where SHACL reports none). Nested shapes (`sh:or`, `sh:not`,
`sh:node`, qualified shapes) become boolean SPARQL expressions with `EXISTS`. Anything outside
this subset raises `Unsupported`, so callers can fall back to pySHACL rather than guess.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.validation.shapequery import (
    ALIAS,
    HANDLED,
    IGNORED,
    LOSSY,
    NODE_KINDS,
    SH,
    Check,
    Unsupported,
    component,
    counted,
    term,
    whole,
)

__all__ = ["ALIAS", "LOSSY", "SH", "Check", "Compiler", "Unsupported"]


class Compiler:
    """Translates the shapes of one shapes graph; `checks()` yields every compiled constraint."""

    def __init__(self, shapes: Graph, subclasses: bool = False) -> None:
        self.g = shapes
        self.subclasses = subclasses
        self._vars = itertools.count()

    # --- helpers -----------------------------------------------------------------------------
    def var(self) -> str:
        return f"?v{next(self._vars)}"

    def one(self, shape: Node, param: URIRef) -> Node | None:
        return self.g.value(shape, param)

    def items(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))

    def type_path(self) -> str:
        return f"<{RDF.type}>/<{RDFS.subClassOf}>*" if self.subclasses else f"<{RDF.type}>"

    def is_a(self, x: str, cls: Node) -> str:
        return f"EXISTS {{ {x} {self.type_path()} {term(cls)} }}"

    def path(self, node: Node) -> str:
        """A SHACL property path as a SPARQL property path."""
        if isinstance(node, URIRef):
            return node.n3()
        if (node, RDF.first, None) in self.g:
            return "(" + " / ".join(self.path(p) for p in self.items(node)) + ")"
        for param, fmt in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
                           (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
            inner = self.one(node, param)
            if inner is not None:
                return fmt.format(self.path(inner))
        alternatives = self.one(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + " | ".join(self.path(p) for p in self.items(alternatives)) + ")"
        raise Unsupported(f"property path {node}")

    def params(self, shape: Node) -> set[URIRef]:
        found = {p for p in self.g.predicates(shape, None) if isinstance(p, URIRef)}
        unknown = {p for p in found - HANDLED - IGNORED if str(p).startswith(str(SH))}
        if unknown:
            raise Unsupported(f"shape {shape} uses {', '.join(sorted(unknown))}")
        return found & HANDLED

    def deactivated(self, shape: Node) -> bool:
        return self.one(shape, SH.deactivated) == Literal(True)

    # --- value-level conditions --------------------------------------------------------------
    def value_ok(self, shape: Node, param: URIRef, x: str) -> str | None:
        """A condition true when value `x` satisfies `param` of `shape` (None: not value-level)."""
        arg = self.one(shape, param)
        assert arg is not None
        if param == SH["class"]:
            return f"(!isLiteral({x}) && {self.is_a(x, arg)})"
        if param == SH.datatype:
            if arg == RDF.langString:
                return f"(isLiteral({x}) && lang({x}) != \"\")"
            if str(arg) in LOSSY:
                arg = URIRef(ALIAS + str(arg))
            return f"(isLiteral({x}) && lang({x}) = \"\" && datatype({x}) = {term(arg)})"
        if param == SH.nodeKind:
            return NODE_KINDS[arg].format(x=x)  # type: ignore[index]
        if param == SH["in"]:
            allowed = self.items(arg)
            return "(" + " || ".join(f"sameTerm({x}, {term(a)})" for a in allowed) + ")" \
                if allowed else "false"
        if param == SH.pattern:
            if not (isinstance(arg, Literal) and isinstance(arg.value, str)):
                raise Unsupported(f"sh:pattern {arg} is not a string")
            flags = self.one(shape, SH.flags)
            extra = f", {term(Literal(str(flags)))}" if flags is not None else ""
            return f"(!isBlank({x}) && COALESCE(REGEX(STR({x}), {term(arg)}{extra}), false))"
        if param == SH.languageIn:
            tests = " || ".join(f"langMatches(lang({x}), {term(Literal(str(t)))})"
                                for t in self.items(arg))
            return f"(isLiteral({x}) && ({tests or 'false'}))"
        if param in (SH.minLength, SH.maxLength):
            op = ">=" if param == SH.minLength else "<="
            return f"(!isBlank({x}) && STRLEN(STR({x})) {op} {whole(arg)})"
        if param in (SH["or"], SH["and"], SH.xone):
            parts = [self.conforms(s, x) for s in self.items(arg)]
            if param == SH.xone:
                return "(" + " + ".join(f"IF({p}, 1, 0)" for p in parts) + " = 1)"
            joiner = " || " if param == SH["or"] else " && "
            return "(" + joiner.join(parts or ["true" if param == SH["and"] else "false"]) + ")"
        if param == SH["not"]:
            return f"(!{self.conforms(arg, x)})"
        if param == SH.node:
            return self.conforms(arg, x)
        return None

    def conforms(self, shape: Node, x: str) -> str:
        """A condition true when the term `x` conforms to `shape` (nested shapes)."""
        if self.deactivated(shape):
            return "true"
        parts = []
        path = self.one(shape, SH.path)
        for param in sorted(self.params(shape)):
            if param in (SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount):
                continue
            if path is None:
                parts.append(self.node_level(shape, param, x))
            else:
                parts.append(self.property_holds(shape, param, self.path(path), x))
        for prop in self.g.objects(shape, SH.property):
            parts.append(self.conforms(prop, x))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def node_level(self, shape: Node, param: URIRef, x: str) -> str:
        if param == SH.hasValue:
            return f"sameTerm({x}, {term(self.one(shape, param))})"  # type: ignore[arg-type]
        cond = self.value_ok(shape, param, x)
        if cond is None:
            raise Unsupported(f"{param} on a node shape")
        return cond

    def property_holds(self, shape: Node, param: URIRef, path: str, x: str) -> str:
        """A condition true when focus `x` satisfies `param` of property shape `shape`."""
        arg = self.one(shape, param)
        v, w = self.var(), self.var()
        if param == SH.minCount:
            n = whole(arg)
            if n == 0:
                return "true"
            if n == 1:
                return f"EXISTS {{ {x} {path} {v} }}"
            raise Unsupported("sh:minCount above 1 inside a logical shape")
        if param == SH.maxCount:
            n = whole(arg)
            if n == 0:
                return f"NOT EXISTS {{ {x} {path} {v} }}"
            if n == 1:
                return f"NOT EXISTS {{ {x} {path} {v}, {w} FILTER(!sameTerm({v}, {w})) }}"
            raise Unsupported("sh:maxCount above 1 inside a logical shape")
        if param == SH.hasValue:
            return f"EXISTS {{ {x} {path} {term(arg)} }}"  # type: ignore[arg-type]
        failing = self.property_failure(shape, param, path, x, v)
        if failing is None:
            raise Unsupported(f"{param} inside a logical shape")
        return f"NOT EXISTS {{ {failing} }}"

    def property_failure(self, shape: Node, param: URIRef, path: str, x: str,
                         v: str) -> str | None:
        """A pattern matching each failing value `v` of focus `x` (value-level parameters)."""
        arg = self.one(shape, param)
        if param == SH.uniqueLang:
            if arg != Literal(True):
                return None if arg is None else "FILTER(false)"
            w = self.var()
            return (f"{x} {path} {v}, {w} FILTER(!sameTerm({v}, {w}) && lang({v}) != \"\" && "
                    f"LCASE(lang({v})) = LCASE(lang({w})))")
        if param == SH.disjoint:
            return f"{x} {path} {v} . {x} {term(arg)} {v}"  # type: ignore[arg-type]
        if param == SH.equals:
            other = term(arg)  # type: ignore[arg-type]
            return (f"{{ {x} {path} {v} FILTER NOT EXISTS {{ {x} {other} {v} }} }} UNION "
                    f"{{ {x} {other} {v} FILTER NOT EXISTS {{ {x} {path} {v} }} }}")
        if param in (SH.lessThan, SH.lessThanOrEquals):
            op = "<" if param == SH.lessThan else "<="
            w = self.var()
            return f"{x} {path} {v} . {x} {term(arg)} {w} FILTER(!COALESCE({v} {op} {w}, false))"  # type: ignore[arg-type]
        cond = self.value_ok(shape, param, v)
        return None if cond is None else f"{x} {path} {v} FILTER(!{cond})"

    # --- top-level checks --------------------------------------------------------------------
    def targets(self, shape: Node) -> str | None:
        parts = [f"{{ ?this {self.type_path()} {term(c)} }}"
                 for c in self.g.objects(shape, SH.targetClass)]
        if (shape, RDF.type, RDFS.Class) in self.g:
            parts.append(f"{{ ?this a {term(shape)} }}")
        parts += [f"{{ ?this {term(p)} [] }}" for p in self.g.objects(shape, SH.targetSubjectsOf)]
        parts += [f"{{ [] {term(p)} ?this }}" for p in self.g.objects(shape, SH.targetObjectsOf)]
        parts += [f"{{ VALUES ?this {{ {term(n)} }} }}" for n in self.g.objects(shape, SH.targetNode)]
        return " UNION ".join(parts) if parts else None

    def checks(self) -> Iterator[Check]:
        """Every constraint of every targeted shape (and of the property shapes it holds)."""
        targeted = sorted({s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf,
                                       SH.targetNode) for s in self.g.subjects(p, None)}, key=str)
        for shape in targeted:
            yield from self.shape_checks(shape, self.targets(shape) or "")

    def shape_checks(self, shape: Node, target: str) -> Iterator[Check]:
        if self.deactivated(shape):
            return
        path_node = self.one(shape, SH.path)
        path = self.path(path_node) if path_node is not None else None
        for param in sorted(self.params(shape)):
            source = component(param)
            if source is None:
                continue
            where, has_value = self.failure(shape, param, path)
            compare = {SH.lessThan: "<", SH.lessThanOrEquals: "<="}.get(param, "")
            yield Check(target, where, shape, source, path_node, has_value, compare)
        if path is None:
            for prop in sorted(self.g.objects(shape, SH.property), key=str):
                yield from self.shape_checks(prop, target)

    def failure(self, shape: Node, param: URIRef, path: str | None) -> tuple[str, bool]:
        """The pattern (after the targets) that binds failing ?value (and whether it does)."""
        arg = self.one(shape, param)
        if path is None:
            cond = self.node_level(shape, param, "?this")
            return f"BIND(?this AS ?value) FILTER(!{cond})", param != SH.hasValue
        if param == SH.maxCount and whole(arg) <= 1:  # a join, not a NOT EXISTS row by row:
            v, w = self.var(), self.var()               # half the time in Oxigraph
            if whole(arg) == 0:
                return f"?this {path} {v}", False
            return f"?this {path} {v}, {w} FILTER(!sameTerm({v}, {w}))", False
        if param == SH.hasValue or (param == SH.minCount and whole(arg) <= 1):
            return f"FILTER(!{self.property_holds(shape, param, path, '?this')})", False
        if param in (SH.minCount, SH.maxCount):
            return counted(path, "", param == SH.minCount, whole(arg)), False
        if param in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
            if self.one(shape, SH.qualifiedValueShapesDisjoint) == Literal(True):
                raise Unsupported("sh:qualifiedValueShapesDisjoint")
            ok = self.conforms(self.one(shape, SH.qualifiedValueShape), "?q")  # type: ignore[arg-type]
            n = whole(arg)
            if param == SH.qualifiedMinCount and n == 1:
                return f"FILTER NOT EXISTS {{ ?this {path} ?q FILTER({ok}) }}", False
            return counted(path, f"FILTER({ok})", param == SH.qualifiedMinCount, n), False
        if param == SH.uniqueLang:
            return f"FILTER EXISTS {{ {self.property_failure(shape, param, path, '?this', '?value')} }}", False
        if param in (SH.lessThan, SH.lessThanOrEquals):
            op = "<" if param == SH.lessThan else "<="
            return (f"?this {path} ?value . ?this {term(arg)} ?other FILTER(!COALESCE(?value {op} "  # type: ignore[arg-type]
                    "?other && sameTerm(datatype(?value), datatype(?other)), false))"), True
        failing = self.property_failure(shape, param, path, "?this", "?value")
        if failing is None:
            raise Unsupported(f"{param} on a property shape")
        return failing, True
