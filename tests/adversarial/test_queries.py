"""Queries that end, refusals that do not crash (#10.5)."""

from __future__ import annotations

import pytest

from kg.cli import app

from ..conftest import VALID
from .conftest import snapshot


@pytest.fixture(autouse=True)
def _data_untouched():
    before = snapshot(VALID)
    yield
    assert snapshot(VALID) == before

FEDERATION = "; pass --allow-federation to allow it"
TIMED_OUT = ("error: the query ran longer than the time limit of 0.5 s (--timeout) and was stopped; "
             "make it more selective, add a LIMIT, or raise --timeout")


@pytest.mark.parametrize("query", [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    "CONSTRUCT { ?a ?b ?l } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
], ids=["count", "streamed", "construct"])
def test_a_local_cross_product_ends_at_the_time_limit(runner, query):
    result = runner.invoke(app, ["query", "--sparql", query, "--data", str(VALID), "--timeout", "0.5"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == TIMED_OUT + "\n"


def test_a_quick_query_is_answered_within_the_limit(runner):
    result = runner.invoke(app, ["query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                 "--data", str(VALID), "--timeout", "5", "--format", "csv"])
    from kg.ontology import ontology_quads

    assert (result.exit_code, result.stdout) == (0, f"n\n{160 + len(ontology_quads())}\n")
    bad = runner.invoke(app, ["query", "--sparql", "SELECT * WHERE { ?s ?p ?o FILTER(?o > ) }",
                              "--data", str(VALID)])
    assert bad.exit_code == 2 and bad.stderr.startswith("error: invalid SPARQL at line 1"), bad.output


@pytest.mark.parametrize(("query", "refused"), [
    ("PREFIX s: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE s:sparql { ?s ?p ?o } }",
     "SERVICE s:sparql would query another endpoint"),
    ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
     "SERVICE <http://127.0.0.1:9/> would query another endpoint"),
    ("SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
     "SERVICE ?e would query another endpoint"),
    ("# SERVICE <http://a/> in a comment\n# and another\nSELECT * WHERE { ?s ?p ?o . #}\n"
     "service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
     "SERVICE <http://127.0.0.1:9/> would query another endpoint"),
    ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
     "SERVICE <http://127.0.0.1:9/> would query another endpoint"),
    ("PREFIX e: <file:///etc/> SELECT * FROM e:passwd WHERE { ?s ?p ?o }",
     "FROM e:passwd names a graph outside this dataset (which an engine may fetch)"),
    ("BASE <http://127.0.0.1:9/> SELECT * FROM NAMED <g> WHERE { GRAPH ?g { ?s ?p ?o } }",
     "FROM NAMED <g> names a graph outside this dataset (which an engine may fetch)"),
], ids=["prefixed", "sub-select", "variable", "after-comments", "escaped", "from-prefixed", "from-base"])
def test_every_form_of_federation_is_refused(runner, query, refused):
    result = runner.invoke(app, ["query", "--sparql", query, "--data", str(VALID)])
    assert result.exit_code == 2, result.output
    assert (result.stdout, result.stderr) == ("", f"error: {refused}{FEDERATION}\n")
    assert "Traceback" not in result.output


def test_words_that_only_look_like_service_are_not_refused(runner):
    query = ('PREFIX service: <https://w3id.org/tcdkg/ontology#> SELECT ?service WHERE { '
             '?service ?p "SERVICE <http://a/>" . ?service service:SERVICE ?o } # SERVICE <http://b/>')
    result = runner.invoke(app, ["query", "--sparql", query, "--data", str(VALID)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("timeout", ["nan", "inf", "0", "-1", "1e9"])
def test_a_timeout_that_is_not_a_duration_is_refused(runner, timeout):
    result = runner.invoke(app, ["query", "--sparql", "SELECT * WHERE { ?s ?p ?o }", "--data", str(VALID),
                                 "--timeout", timeout])
    assert result.exit_code == 2, result.output
    shown = f"{float(timeout):g}"
    assert result.stderr == (f"error: --timeout {shown} is not a number of seconds from 0 to 86400; "
                             "e.g. --timeout 30\n")


@pytest.mark.parametrize("query", ["", "   ", "# only a comment", "PREFIX a: <http://x/>"])
def test_an_empty_query_is_refused(runner, query):
    result = runner.invoke(app, ["query", "--sparql", query, "--data", str(VALID)])
    assert (result.exit_code, result.stderr) == (
        2, "error: the query is empty; write a SELECT, ASK, CONSTRUCT or DESCRIBE query\n")
