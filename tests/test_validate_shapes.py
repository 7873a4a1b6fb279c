"""The shapes and checks themselves: complete, consistent, in step with the vocabularies, and
no constraint dead (each code appears in the expected findings of an invalid fixture)."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

from kg.namespaces import VOCAB
from kg.resources import shipped_dir
from kg.validation.checks import load_checks
from kg.validation.locate import fields_of
from kg.validation.shacl import AT, CODE, load_shapes
from kg.vocab import ANSWER_ONLY, SCHEMES

from .test_validate_fixtures import INVALID

SH = Namespace("http://www.w3.org/ns/shacl#")
TCD = "https://w3id.org/tcdkg/ontology#"
CLASSES = [
    "Person", "State", "Organization", "Place", "Format", "Event", "Document", "Post", "Source",
    "Participation", "Signing", "Adoption", "Approval", "PostHolding", "Membership",
    "Chairmanship", "Intent", "HistoricName",
]
CONSTRAINTS = {SH[name] for name in [
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minLength", "maxLength", "pattern",
    "languageIn", "uniqueLang", "in", "hasValue", "lessThan", "lessThanOrEquals", "equals",
    "disjoint", "or", "and", "not", "xone", "node", "qualifiedValueShape", "sparql",
    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
]}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes().graph


@pytest.fixture(scope="module")
def expected_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(INVALID.glob("*/expected.txt")))


def coded(shapes: Graph) -> dict[str, object]:
    """Every shape that carries its own constraints, by its code."""
    found: dict[str, object] = {}
    for shape, code in shapes.subject_objects(CODE):
        assert str(code) not in found, f"code {code} is used twice"
        found[str(code)] = shape
    return found


def constrained_shapes(shapes: Graph) -> set[object]:
    """Node and property shapes that state constraints of their own (not only sh:property)."""
    top = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.property, None))
    top |= set(shapes.objects(None, SH.property))
    return {s for s in top if any(p in CONSTRAINTS for p in shapes.predicates(s))}


def test_shapes_parse_without_imports(shapes):
    assert len(shapes) > 300
    assert not list(shapes.objects(None, URIRef("http://www.w3.org/2002/07/owl#imports")))


def test_every_record_and_claim_kind_has_a_node_shape(shapes):
    targets = {str(t) for t in shapes.objects(None, SH.targetClass)}
    assert {TCD + c for c in CLASSES} <= targets


def test_every_constraint_has_a_code_a_severity_and_a_message(shapes):
    codes = {s: str(c) for s, c in shapes.subject_objects(CODE)}
    for shape in constrained_shapes(shapes):
        assert shape in codes, f"shape without tcdsh:code: {shapes.cbd(shape).serialize()}"
        code = codes[shape]
        severity = shapes.value(shape, SH.severity)
        assert severity == {"E": SH.Violation, "W": SH.Warning}[code[0]], code
        assert code[1] == "4" and len(code) == 4, code
        message = str(shapes.value(shape, SH.message))
        assert len(message) > 20, code


def test_node_shape_results_point_at_a_property(shapes):
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) & constrained_shapes(shapes):
        if shapes.value(shape, SH.nodeKind) is None:  # the blank-node guard has no key to show
            assert shapes.value(shape, AT) is not None, shape


def test_no_shape_is_dead(shapes, expected_text):
    """Each code of shapes/ appears in an expected finding of tests/fixtures/invalid/."""
    dead = sorted(code for code in coded(shapes) if f" {code} " not in expected_text)
    assert dead == []


def test_no_check_is_dead(expected_text):
    checks = load_checks()
    assert len({c.code for c in checks}) == len(checks) >= 8
    dead = sorted(c.code for c in checks if f" {c.code} " not in expected_text)
    assert dead == []


def test_vocabulary_lists_match_the_loader(shapes):
    """Each sh:in list is one SKOS scheme of kg.vocab, complete."""
    schemes_seen = set()
    for node in shapes.objects(None, SH["in"]):
        members = [str(m) for m in Collection(shapes, node)]
        scheme = members[0][len(VOCAB):].split("/")[0]
        values = {m[len(VOCAB) + len(scheme) + 1:] for m in members}
        assert all(m.startswith(f"{VOCAB}{scheme}/") for m in members), members
        assert values == {v.value for v in SCHEMES[scheme]}, scheme
        schemes_seen.add(scheme)
    assert schemes_seen == set(SCHEMES) - ANSWER_ONLY


def test_shapes_are_shipped_from_the_checkout():
    assert shipped_dir("shapes").name == "shapes"
    assert sorted(p.name for p in shipped_dir("shapes").glob("*.ttl")) == [
        "claims.ttl", "common.ttl", "records.ttl"]
    assert len(list(shipped_dir("queries/checks").glob("*.rq"))) >= 8


@pytest.mark.parametrize(("predicate", "fields"), [
    (TCD + "dateEarliest", (("date",),)),
    (TCD + "startDate", (("start",), ("period", "start"))),
    (TCD + "publishedLatest", (("published",),)),
    (TCD + "onBehalfOf", (("on_behalf_of",),)),
    (TCD + "approvedBy", (("by",),)),
    ("http://www.w3.org/2000/01/rdf-schema#label", (("name",), ("title",))),
    ("http://www.w3.org/ns/prov#wasDerivedFrom", (("sources",),)),
    ("https://schema.org/superEvent", (("part_of",),)),
])
def test_properties_map_back_to_yaml_fields(predicate, fields):
    assert fields_of(predicate) == fields

