"""The graph-level layers on a prepared store, with the focus on the subjects of some files:
the shapes through the fast engine, the checks with their `?focus` bound by VALUES."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from kg.errors import Finding
from kg.namespaces import RDF
from kg.pipeline import Compiled
from kg.query.values import first_brace, values_rows
from kg.validation.checks import _finding as check_finding
from kg.validation.checks import load_checks, solutions
from kg.validation.fast import store_report
from kg.validation.locate import Locator
from kg.validation.scope import reportable
from kg.validation.shacl import load_shapes, report_findings


def graph_findings(store: ox.Store, compiled: Compiled, shapes_dir: Path | None = None,
                   checks_dir: Path | None = None) -> list[Finding]:
    """Shapes and checks findings about the subjects of `compiled.graph` (the files asked
    about), evaluated on `store` (the whole graph, filled by `fast.add_quads`)."""
    focus = sorted({q.subject.value for q in compiled.graph.quads
                    if isinstance(q.subject, ox.NamedNode)})
    if not focus:
        return []
    locator = Locator(compiled)
    shapes = load_shapes(shapes_dir)
    values = values_rows("focus", [ox.NamedNode(iri) for iri in focus])
    types = {q.object.value for q in compiled.graph.quads
             if q.predicate == RDF.type and isinstance(q.object, ox.NamedNode)}
    checks = [c for c in load_checks(checks_dir) if _required_class(c.query) in (None, *types)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # Oxigraph frees the GIL
        answers = [pool.submit(_rows, store, check.focused or check.query, values)
                   for check in checks]
        shaped = report_findings(store_report(store, shapes.graph, focus), shapes.graph, locator)
        wanted = set(focus)
        found: list[Finding] = []
        for check, answer in zip(checks, answers, strict=True):
            variables, rows = answer.result()
            has_path = "path" in variables
            found += [check_finding(check, row, has_path, locator) for row in rows
                      if isinstance(row["focus"], ox.NamedNode) and row["focus"].value in wanted]
    return reportable(compiled, shaped, per_subject=True) + reportable(compiled, found)


def _required_class(query: str) -> str | None:
    """The class `?focus` must have when the WHERE group opens with `?focus a C`: a check
    about signings cannot have rows about a person, so it need not run (it may take seconds
    on a big graph, whatever the focus)."""
    at = first_brace(query) + 1
    match = _FIRST.match(query, at)
    if match is None:
        return None
    token = match.group(1)
    if token.startswith("<"):
        return token[1:-1]
    prefix, local = token.split(":", 1)
    namespace = dict(_PREFIX.findall(query[:at])).get(prefix)
    return namespace + local if namespace is not None else None


_FIRST = re.compile(r"(?:\s|#[^\n]*\n)*\?focus\s+(?:a|<http://www\.w3\.org/1999/02/22-rdf-syntax-"
                    r"ns#type>)\s+(<[^>\s]+>|[A-Za-z][\w-]*:[\w-]+)\s*[;.]")
_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w-]*):\s*<([^>]*)>", re.IGNORECASE)


def _rows(store: ox.Store, query: str, values: str) -> tuple[set[str], list[ox.QuerySolution]]:
    """The check's variables and rows with `?focus` among `values` (all rows if VALUES cannot
    go first), read in the calling thread (pyoxigraph's solution iterators stay in theirs)."""
    at = first_brace(query) + 1
    try:
        return solutions(store, f"{query[:at]} {values} {query[at:]}")
    except SyntaxError:  # ?focus is bound by BIND, so VALUES cannot come first
        return solutions(store, query)
