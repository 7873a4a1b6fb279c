"""The pieces compiled shapes are made of: constants, one `Check` per constraint, SPARQL terms."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, Literal, Namespace, URIRef
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: datatypes Oxigraph's store rewrites (to xsd:integer, xsd:dateTime); `fast.load_store` keeps
#: such literals under ALIAS + datatype so that sh:datatype can still tell them apart
LOSSY = frozenset(_XSD + t for t in (
    "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger", "int",
    "long", "short", "byte", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
    "dateTimeStamp"))
ALIAS = "urn:x-kg:datatype:"
#: constraint parameters the compiler translates (any other sh: parameter is Unsupported)
HANDLED = {SH["class"], SH.datatype, SH.nodeKind, SH["in"], SH.pattern, SH.flags,
           SH.languageIn, SH.minLength, SH.maxLength, SH.hasValue, SH.minCount, SH.maxCount,
           SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals, SH.disjoint, SH.equals, SH["or"],
           SH["and"], SH["not"], SH.xone, SH.node, SH.qualifiedValueShape, SH.qualifiedMinCount,
           SH.qualifiedMaxCount}
IGNORED = {SH.path, SH.property, SH.severity, SH.message, SH.name, SH.description, SH.order,
           SH.group, SH.deactivated, SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
           SH.targetObjectsOf, SH.qualifiedValueShapesDisjoint, SH.defaultValue, RDF.type,
           RDFS.label, RDFS.comment}
NODE_KINDS = {
    SH.IRI: "isIRI({x})", SH.BlankNode: "isBlank({x})", SH.Literal: "isLiteral({x})",
    SH.BlankNodeOrIRI: "(isBlank({x}) || isIRI({x}))",
    SH.BlankNodeOrLiteral: "(isBlank({x}) || isLiteral({x}))",
    SH.IRIOrLiteral: "(isIRI({x}) || isLiteral({x}))",
}


class Unsupported(Exception):
    """A shape uses SHACL features this compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a query whose rows are validation results."""

    target: str
    where: str
    shape: Node
    component: URIRef
    path: Node | None
    has_value: bool
    #: "<" or "<=" for sh:lessThan(OrEquals): rows are candidates (with ?other) that the
    #: caller decides with pySHACL's own comparison of rdflib terms
    compare: str = ""

    def query(self, focus: str = "") -> str:
        """The SELECT; `focus` is an optional `VALUES ?this {...}` block limiting focus nodes."""
        return (f"SELECT DISTINCT ?this ?value ?other WHERE {{ {focus} {{ {self.target} }} "
                f"{self.where} }}")


def whole(node: Node | None) -> int:
    """A count or length parameter: an xsd:integer literal, else the shapes are not SHACL
    (pySHACL then says why)."""
    if isinstance(node, Literal) and node.datatype == _INTEGER and isinstance(node.value, int):
        return node.value
    raise Unsupported(f"{node} is not an xsd:integer")


_INTEGER = URIRef(_XSD + "integer")


def term(node: Node) -> str:
    """A constant in SPARQL syntax (literals of LOSSY datatypes under their alias)."""
    if isinstance(node, Literal) and node.datatype is not None and str(node.datatype) in LOSSY:
        return Literal(str(node), datatype=URIRef(ALIAS + str(node.datatype))).n3()
    if isinstance(node, (URIRef, Literal)):
        return node.n3()
    raise Unsupported(f"blank node {node} used as a constant")


def counted(path: str, condition: str, at_least: bool, n: int) -> str:
    """Focus nodes with fewer (`at_least`) or more than `n` distinct values that meet `condition`."""
    counts = (f"{{ SELECT ?this (COUNT(DISTINCT ?q) AS ?n) WHERE {{ ?this {path} ?q {condition} }} "
              "GROUP BY ?this }")
    if at_least:
        return f"OPTIONAL {counts} FILTER(COALESCE(?n, 0) < {n})"
    return f"{counts} FILTER(?n > {n})"


def component(param: URIRef) -> URIRef | None:
    """The constraint component a parameter triggers (None for secondary parameters)."""
    if param in (SH.flags, SH.qualifiedValueShape):
        return None
    name = str(param)[len(str(SH)):]
    return SH[name[0].upper() + name[1:] + "ConstraintComponent"]
