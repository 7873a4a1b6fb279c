"""SHACL-SPARQL constraints (sh:sparql) run once over all focus nodes (placeholder)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph

from kg.validation.sparqlshapes import Check


def rule_checks(shapes: Graph, subclasses: bool = False) -> Iterator[Check]:
    return iter(())
