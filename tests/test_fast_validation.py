"""The fast SHACL engine (shapes compiled to SPARQL on Oxigraph) agrees with pySHACL.

Both engines validate the same triples against the project's shapes: generated corpora with
planted errors, and the same graphs with random triples removed and added, so that every
constraint component the shapes use gets to fail somewhere.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.pipeline import compile_data
from kg.validation import fast
from kg.validation.shacl import _run, load_shapes, shacl_findings, to_rdflib

from .synthetic import corpus

XSD = "http://www.w3.org/2001/XMLSchema#"


def _both(triples: list[ox.Triple]) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    shapes = load_shapes()
    reference = fast.results_from_report(_run(to_rdflib(triples), shapes, None), shapes.graph)
    ours = fast.validate_store(fast.load_store(triples), shapes.graph)
    return [r.key() for r in reference], [r.key() for r in ours]


def test_project_shapes_compile_without_falling_back():
    shapes = load_shapes().graph
    for subclasses in (False, True):
        checks = fast.compile_checks(shapes, subclasses=subclasses)
        assert len({c.shape for c in checks}) > 20
        for check in checks:
            ox.Store().query(check.query())  # every generated query parses


@pytest.mark.parametrize("seed", [1, 2])
def test_same_results_as_pyshacl_on_generated_corpora(tmp_path, seed):
    data, _ = corpus(tmp_path, 10000, seed=seed, errors=1)
    reference, ours = _both(compile_data(data).graph.triples())
    assert reference  # the planted missing Russian name at least
    assert ours == reference


@pytest.mark.parametrize("seed", [3, 4])
def test_same_results_as_pyshacl_on_damaged_graphs(tmp_path, seed):
    """Remove 2% of the triples and add as many wrong ones: every component fails somewhere."""
    data, _ = corpus(tmp_path, 5000, seed=seed)
    graph = to_rdflib(compile_data(data).graph.triples())
    rng = random.Random(seed)
    triples = sorted(graph, key=str)
    subjects = sorted({t[0] for t in triples}, key=str)
    predicates = sorted({t[1] for t in triples}, key=str)
    wrong = [Literal("x"), Literal("текст", lang="ru"), Literal("en", lang="en"), Literal(5),
             Literal("2024-01-01", datatype=URIRef(XSD + "date")),
             Literal("0", datatype=URIRef(XSD + "positiveInteger")),
             URIRef("https://w3id.org/tcdkg/vocab/topic/nonsense")]
    for t in rng.sample(triples, len(triples) // 50):
        graph.remove(t)
    for _ in range(len(triples) // 50):
        obj = rng.choice([*wrong, rng.choice(subjects)])
        graph.add((rng.choice(subjects), rng.choice(predicates), obj))
    nt = graph.serialize(format="nt", encoding="utf-8")
    reference, ours = _both(list(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)))
    assert len(reference) > 50
    assert ours == reference


def test_same_findings_through_shacl_findings(tmp_path, monkeypatch):
    data, injected = corpus(tmp_path, 10000, seed=5, errors=1)
    compiled = compile_data(data)
    monkeypatch.setenv("KG_SHACL_ENGINE", "pyshacl")
    reference = sorted(map(str, shacl_findings(compiled)))
    monkeypatch.delenv("KG_SHACL_ENGINE")
    assert sorted(map(str, shacl_findings(compiled))) == reference
    # --changed-only: the same findings as a full run, in the changed file. (pySHACL's own
    # focus_nodes option is no reference here: it also filters the value nodes of nested
    # shapes, so sh:qualifiedValueShape and sh:or see every value as conforming.)
    changed = {next(f.location.path for f in shacl_findings(compiled) if f.code == "E402")}
    in_changed = [line for line in reference if line.split(":")[0] in changed]
    assert sorted(map(str, shacl_findings(compiled, only=changed))) == in_changed
    planted = [e for e in injected if e["code"].startswith("E4")]
    assert planted and all(any(e["file"] in line and e["code"] in line for line in reference)
                           for e in planted)


def test_shapes_beyond_the_compiler_fall_back_to_pyshacl(tmp_path):
    """A SHACL-SPARQL constraint is not compiled: pySHACL runs instead, with a warning."""
    from rdflib import Graph

    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this <urn:p> 1 }" ] .
    """, format="turtle")
    with pytest.raises(fast.Unsupported):
        fast.compile_checks(shapes)
    with pytest.warns(UserWarning, match="using pySHACL"):
        assert fast.fast_report([], shapes) is None


@pytest.mark.parametrize("constraint", ['sh:minCount "one"', "sh:pattern 5", "sh:maxLength 2.5"])
def test_shapes_that_are_not_shacl_go_to_pyshacl_which_says_why(constraint):
    from rdflib import Graph

    shapes = Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; {constraint} ] .
    """, format="turtle")
    with pytest.raises(fast.Unsupported):
        fast.compile_checks(shapes)


@pytest.mark.parametrize("path", ["<urn:p>", "( <urn:p> <urn:q> )", "[ sh:inversePath <urn:p> ]"])
def test_max_count_zero_and_one_as_pyshacl_reads_them(path):
    """sh:maxCount 0 and 1 (compiled as joins, not NOT EXISTS) on simple and complex paths."""
    from pyshacl import validate
    from rdflib import Graph

    shapes = Graph().parse(data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:none> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path {path} ; sh:maxCount 0 ] .
        <urn:one> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path {path} ; sh:maxCount 1 ] .
    """, format="turtle")
    data = Graph().parse(data="""
        <urn:a> a <urn:C> .
        <urn:b> a <urn:C> ; <urn:p> <urn:x> .
        <urn:c> a <urn:C> ; <urn:p> <urn:x> , <urn:y> .
        <urn:x> a <urn:C> ; <urn:q> <urn:a> , "a" .
        <urn:y> <urn:q> <urn:a> .
        <urn:d> <urn:p> <urn:x> , <urn:y> .
    """, format="turtle")
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none",
                                        advanced=True)
    reference = [r.key() for r in fast.results_from_report(report, shapes)]
    triples = [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(o) if isinstance(o, Literal)
                         else ox.NamedNode(o)) for s, p, o in data]
    ours = [r.key() for r in fast.validate_store(fast.load_store(triples), shapes)]
    assert len({key[1] for key in reference}) == 2  # both shapes fail somewhere
    assert ours == reference
