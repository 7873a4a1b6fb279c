"""The SHACL layer: the shapes of shapes/ run by pyshacl, results mapped back to fact files.

pyshacl gets the data graph alone (no ontology mixed in, no inference, no owl:imports, no
network) and the shapes as a separate graph, parsed once per process. Each shape carries a
`tcdsh:code`, an `sh:severity` and an `sh:message`; a result becomes a Finding at the line
of the record, claim or YAML key it is about. `shacl_findings` is the one entry point, so a
faster engine can replace pyshacl behind it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from kg.errors import Finding, KgError, Severity
from kg.pipeline import Compiled
from kg.resources import shipped_dir
from kg.validation.fast import rdflib_term
from kg.validation.locate import Locator, show
from kg.validation.scope import subjects_in

SH = Namespace("http://www.w3.org/ns/shacl#")
CODE = URIRef("https://w3id.org/tcdkg/shapes#code")
AT = URIRef("https://w3id.org/tcdkg/shapes#at")
_XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
_SEVERITY = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
_SHOWN = 80


class ShapesError(KgError):
    """The shapes could not be read, so validation could not run (exit 2)."""


@dataclass(frozen=True)
class Shapes:
    """The parsed shapes graph of one folder."""

    graph: Graph
    files: tuple[Path, ...]


_LOADED: dict[tuple[tuple[str, int, int], ...], Shapes] = {}


def load_shapes(directory: Path | None = None) -> Shapes:
    """Parse every `*.ttl` of the folder (shapes/ by default), once per process and content."""
    folder = directory if directory is not None else shipped_dir("shapes")
    files = tuple(sorted(folder.glob("*.ttl"))) if folder.is_dir() else ()
    if not files:
        raise ShapesError(f"no SHACL shapes (*.ttl) in '{folder}'; pass --shapes DIR")
    try:
        key = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    except OSError as exc:
        raise ShapesError(f"cannot read shapes in '{folder}': {exc.strerror}") from None
    if key not in _LOADED:
        _LOADED[key] = Shapes(_parse(files), files)
    return _LOADED[key]


def _parse(files: tuple[Path, ...]) -> Graph:
    graph = Graph()
    for file in files:
        try:
            graph.parse(data=file.read_text(encoding="utf-8"), format="turtle",
                        publicID=file.resolve().as_uri())
        except Exception as exc:  # rdflib raises many types for a broken file; all mean "cannot run"
            raise ShapesError(f"cannot read shapes file '{file}': {_first_line(exc)}") from None
    return graph


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def to_rdflib(triples: list[ox.Triple]) -> Graph:
    """An rdflib graph of the triples; plain strings stay plain so `sh:in` and patterns match."""
    graph = Graph()
    add = graph.add
    for t in triples:
        add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    return graph


def shacl_findings(compiled: Compiled, *, shapes_dir: Path | None = None,
                   only: set[str] | None = None, store: ox.Store | None = None) -> list[Finding]:
    """Findings of the shapes over the compiled graph (only on subjects of `only` files if
    given); `store` may hold the graph already, as `fast.add_quads` fills it."""
    shapes = load_shapes(shapes_dir)
    focus: list[URIRef] | None = None
    if only is not None:
        focus = [URIRef(iri) for iri in subjects_in(compiled, compiled.graph.triples(), only)]
        if not focus:
            return []
    report = _report(compiled, shapes, focus, store)
    return report_findings(report, shapes.graph, Locator(compiled))


def _report(compiled: Compiled, shapes: Shapes, focus: list[URIRef] | None,
            store: ox.Store | None = None) -> Graph:
    """The SHACL report: the fast engine (kg.validation.fast) unless KG_SHACL_ENGINE=pyshacl."""
    if os.environ.get("KG_SHACL_ENGINE", "fast") != "pyshacl":
        from kg.validation.fast import fast_report

        report = fast_report(compiled.graph.quads, shapes.graph, None if focus is None else
                             [str(f) for f in focus], store)
        if report is not None:
            return report
    return _run(to_rdflib(compiled.graph.triples()), shapes, focus)


def _run(data: Graph, shapes: Shapes, focus: list[URIRef] | None) -> Graph:
    from pyshacl import validate
    from pyshacl.errors import ReportableRuntimeError

    log = logging.getLogger("pyshacl-validate")  # it would print shape errors a second time
    was_disabled, log.disabled = log.disabled, True
    try:
        _conforms, report, _text = validate(
            data, shacl_graph=shapes.graph, ont_graph=None, inference="none", advanced=True,
            inplace=True, do_owl_imports=False, allow_warnings=True,
            focus_nodes=None if focus is None else [*focus])
    except ReportableRuntimeError as exc:
        raise ShapesError(f"the shapes in {_names(shapes)} are not valid SHACL: "
                          f"{_first_line(exc)}") from None
    except Exception as exc:  # pyshacl fails with plain Python errors on some malformed shapes
        raise ShapesError(f"SHACL validation could not run on the shapes in {_names(shapes)}: "
                          f"{type(exc).__name__}: {_first_line(exc)}") from None
    finally:
        log.disabled = was_disabled
    if not isinstance(report, Graph):  # a ValidationFailure comes back instead of a report
        raise ShapesError(f"SHACL validation failed on the shapes in {_names(shapes)}: "
                          f"{_first_line(report)}")
    return report


def _names(shapes: Shapes) -> str:
    return ", ".join(str(f) for f in shapes.files)


def report_findings(report: Graph, shapes: Graph, locator: Locator) -> list[Finding]:
    """Findings of a SHACL validation report graph (of pyshacl or any engine writing one)."""
    return [_finding(report, shapes, result, locator)
            for result in report.objects(None, SH.result)]


def _finding(report: Graph, shapes: Graph, result: Any, locator: Locator) -> Finding:
    focus = report.value(result, SH.focusNode)
    shape = report.value(result, SH.sourceShape)
    path = report.value(result, SH.resultPath) or shapes.value(shape, AT)
    value = report.value(result, SH.value)
    severity = _SEVERITY.get(report.value(result, SH.resultSeverity), Severity.ERROR)
    code = report.value(shape, CODE) or shapes.value(shape, CODE)
    if code is None:
        code = "E400" if severity is Severity.ERROR else "W400"
    message = str(report.value(result, SH.resultMessage) or "does not conform to the shapes")
    if value is not None and value != focus and not _is_date(value):
        message += f" (found {_shown(value)})"
    where = locator.locate(str(focus), str(path) if isinstance(path, URIRef) else None)
    return Finding(where, severity, str(code), message)


def _is_date(value: Any) -> bool:
    """Date bounds are derived from what the curator wrote; showing them would confuse."""
    return isinstance(value, Literal) and value.datatype == _XSD_DATE


def _shown(value: Any) -> str:
    if isinstance(value, URIRef):
        return show(str(value), iri=True)
    if isinstance(value, BNode):
        return "a blank node"
    text = str(value)
    return show(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…", iri=False)
