"""Injection, federation and updates: user text never becomes SPARQL, nothing leaves the box."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode
from typer.testing import CliRunner, Result

from kg.cli import app
from kg.errors import QueryError
from kg.query.engine import QueryForm
from kg.query.local import engine_for_data
from kg.query.safety import check_query
from kg.query.values import first_brace, inject_values, values_block
from tests.conftest import VALID

PERSON = "https://w3id.org/tcdkg/id/person/kassym-jomart-tokayev"
INJECTIONS = [
    'Tokayev" } ; DROP ALL #',
    "Tokayev' } UNION { ?s ?p ?o } #",
    "}",
    "#",
    ">",
    f"<{PERSON}> }} UNION {{ ?signing ?p ?o }} #",
    f"{PERSON}> }} UNION {{ ?s ?p ?o }} #",
    f"{PERSON}>",
    "person/kassym-jomart-tokayev> } #",
    "kassym-jomart-tokayev } #",
    '" ; INSERT DATA { <a:a> <a:b> <a:c> } #',
    "\\u0022 } #",
    "tokayev\n} SELECT * WHERE { ?s ?p ?o",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injected_entity_values_give_no_rows_or_a_clear_error(value: str) -> None:
    """Names fold away punctuation, so a value may still name Tokayev: then the answer is
    exactly his, never more; otherwise it is an error naming the parameter."""
    def run(person: str) -> Result:
        return CliRunner().invoke(app, ["query", "documents-signed-by", "-p", f"person={person}",
                                        "--format", "csv", "--data", str(VALID)])

    result = run(value)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 0:
        assert result.stdout == run("Tokayev").stdout
    else:
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("error: parameter 'person'")
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ['2024-08-09"^^xsd:date ) } #', "2024-08-09 } #", "}", "#",
                                   "2024-08-09>", "' || true || '"])
def test_injected_dates_are_refused(value: str) -> None:
    result = CliRunner().invoke(app, ["query", "posts-of", "-p", "person=Tokayev",
                                      "-p", f"date={value}", "--data", str(VALID)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("error: parameter 'date': ")


def test_values_are_serialised_from_terms() -> None:
    evil = Literal('x" } ; DROP ALL # \\ \n')
    block = values_block({"name": evil, "person": NamedNode(PERSON)})
    assert block == (f'VALUES (?name ?person) {{ ("x\\" }} ; DROP ALL # \\\\ \\n" <{PERSON}>) }}')
    with pytest.raises(QueryError, match="not a SPARQL variable"):
        values_block({"x) } #": evil})
    with pytest.raises(ValueError):
        NamedNode(f"{PERSON}> }} #")  # pyoxigraph refuses the IRI before it can be used


def test_values_injection_keeps_the_query_whole() -> None:
    engine = engine_for_data(VALID)
    query = ("SELECT ?name ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }")
    evil = Literal('Kazakhstan" } UNION { ?s ?p ?o } #', language="en")
    union = {"use_default_graph_as_union": True}
    assert list(engine.store.query(inject_values(query, {"name": evil}), **union)) == []
    good = Literal("Kazakhstan", language="en")
    rows = list(engine.store.query(inject_values(query, {"name": good}), **union))
    assert [r["s"].value for r in rows] == ["https://w3id.org/tcdkg/id/state/kazakhstan"]


def test_values_repeated_at_markers_of_tuned_queries_only() -> None:
    query = ('SELECT ?s WHERE {\n  ?s ?p "# kg:values" .  # kg:values is a comment here\n'
             '  { SELECT ?s WHERE {\n    # kg:values\n    ?s ?q ?o } }\n}')
    block = values_block({"s": NamedNode(PERSON)})
    assert inject_values(query, {"s": NamedNode(PERSON)}) == (
        f'SELECT ?s WHERE {{\n  {block}\n\n  ?s ?p "# kg:values" .  # kg:values is a comment '
        f'here\n  {{ SELECT ?s WHERE {{\n    {block}\n    ?s ?q ?o }} }}\n}}')
    assert inject_values(query, {}) == query  # unbound: the marker stays a comment


@pytest.mark.parametrize(("query", "offset"), [
    ("SELECT * WHERE { ?s ?p ?o }", 15),
    ("# { comment\nSELECT * WHERE { ?s ?p ?o }", 27),
    ('PREFIX x: <http://x/y#> SELECT ("{" AS ?a) WHERE { ?s ?p ?o }', 49),
    ("SELECT ('''{\n}''' AS ?a) (1 < 2 AS ?b) WHERE { ?s ?p ?o }", 45),
])
def test_first_brace_skips_comments_strings_and_iris(query: str, offset: int) -> None:
    assert first_brace(query) == offset
    assert query[offset] == "{"


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
     "SERVICE <http://127.0.0.1:9/sparql> would query another endpoint; pass --allow-federation"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT ?x { ?a ?b ?c } } }",
     "SERVICE ?x would query another endpoint"),
    ("ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } } }",
     "SERVICE <http://127.0.0.1:9/> would query another endpoint"),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
     "FROM <file:///etc/passwd> names a graph outside this dataset"),
    ("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
     "FROM NAMED <http://127.0.0.1:9/g> names a graph outside this dataset"),
    ("SELECT * WHERE { { SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
     "SERVICE <http://127.0.0.1:9/> would query another endpoint"),
])
def test_federation_is_refused_unless_allowed(runner: CliRunner, query: str,
                                              message: str) -> None:
    result = runner.invoke(app, ["query", "--sparql", query, "--data", str(VALID)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: {message}")
    assert check_query(query, allow_federation=True) in (QueryForm.SELECT, QueryForm.ASK)


def test_own_graphs_and_allowed_federation_run(runner: CliRunner) -> None:
    own = ("SELECT ?s FROM <https://w3id.org/tcdkg/graph/state/kazakhstan> WHERE "
           "{ ?s a <https://w3id.org/tcdkg/ontology#State> }")
    result = runner.invoke(app, ["query", "--sparql", own, "--format", "csv", "--data", str(VALID)])
    assert result.stdout == "s,s_label\nhttps://w3id.org/tcdkg/id/state/kazakhstan,Kazakhstan\n"
    outside = "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    allowed = runner.invoke(app, ["query", "--sparql", outside, "--allow-federation",
                                  "--format", "csv", "--data", str(VALID)])
    assert allowed.exit_code == 0  # Oxigraph reads no file: FROM names graphs of the store


@pytest.mark.parametrize("update", [
    "INSERT DATA { <a:a> <a:b> <a:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX x: <http://x/> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "LOAD <file:///etc/passwd> INTO GRAPH <a:g>",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/tcdkg/graph/state/kazakhstan>",
    "CREATE GRAPH <a:g>",
    "ADD DEFAULT TO <a:g>",
    "MOVE <a:g> TO <a:h>",
    "COPY DEFAULT TO <a:g>",
])
def test_updates_are_refused(runner: CliRunner, update: str) -> None:
    result = runner.invoke(app, ["query", "--sparql", update, "--data", str(VALID)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("error: kg query runs read-only queries; SPARQL updates (INSERT, "
                             "DELETE, LOAD, CLEAR, DROP, CREATE, ...) are refused\n")


def caret(line: str, column: int) -> str:
    """The query line and a caret under the column (1-based) as errors show them."""
    return f"  {line}\n  {' ' * (column - 1)}^\n"


def sparql_error(runner: CliRunner, query: str) -> str:
    result = runner.invoke(app, ["query", "--sparql", query, "--data", str(VALID)])
    assert (result.exit_code, result.stdout) == (2, "")
    return result.stderr


def test_syntax_errors_are_clear(runner: CliRunner) -> None:
    assert sparql_error(runner, "SELECT * WHERE { ?s ?p ") == (
        "error: invalid SPARQL at line 1, column 23: the query ends too early; expected '}' to "
        "close the '{' at line 1, column 16\n"
        + caret("SELECT * WHERE { ?s ?p", 23))
    assert sparql_error(runner, "SELECT ?s WHERE {\n  ?s ?p ?o\n} LIMT 5") == (
        "error: invalid SPARQL at line 3, column 3: unexpected 'LIMT' (did you mean LIMIT?); "
        "expected a keyword, a variable (?x), an IRI (<...> or prefix:name) or a literal\n"
        + caret("} LIMT 5", 3))
    assert sparql_error(runner, "SELCT ?s WHERE { ?s ?p ?o }") == (
        "error: invalid SPARQL at line 1, column 1: unexpected 'SELCT' (did you mean SELECT?); "
        "expected SELECT, ASK, CONSTRUCT or DESCRIBE (after any PREFIX and BASE lines)\n"
        + caret("SELCT ?s WHERE { ?s ?p ?o }", 1))
    assert sparql_error(runner, "SELECT ?s WHERE { ?s ?p ?o . FILTER(?s = ) }") == (
        "error: invalid SPARQL at line 1, column 42: unexpected ')'; expected an expression "
        "after '='\n"
        + caret("SELECT ?s WHERE { ?s ?p ?o . FILTER(?s = ) }", 42))
    assert sparql_error(runner, 'SELECT ?s WHERE { ?s ?p "abc }').startswith(
        "error: invalid SPARQL at line 1, column 25: unterminated string starting with \"; close "
        "it with \"\n")
    assert sparql_error(runner, "SELECT ?s WHERE { ?s a <State> }").startswith(
        "error: invalid SPARQL at line 1, column 24: unexpected '<State>': not an absolute IRI; "
        "expected an IRI with a scheme, such as <https://w3id.org/tcdkg/id/state/kazakhstan>\n")


def test_undeclared_prefix_is_one_line_with_a_caret(runner: CliRunner) -> None:
    assert sparql_error(runner, "SELECT * WHERE { ?s x:p ?o }") == (
        "error: invalid SPARQL at line 1, column 21: unexpected 'x:p': the prefix 'x:' is not "
        "declared; expected a declared prefix (add PREFIX x: <IRI>, or use one known without "
        "declaring: dcterms, document, event, foaf, format, org, organization, owl, person, "
        "place, post, prov, rdf, rdfs, schema, skos, source, state, tcd, tcdr, tcdv, xsd)\n"
        + caret("SELECT * WHERE { ?s x:p ?o }", 21))


def test_project_prefixes_need_no_declaration(runner: CliRunner) -> None:
    query = ("SELECT ?state ?name WHERE { ?state a tcd:State ; rdfs:label ?name . "
             "FILTER(LANG(?name) = 'en') FILTER(?state = state:kazakhstan) }")
    result = runner.invoke(app, ["query", "--sparql", query, "--format", "csv", "--data",
                                 str(VALID)])
    assert (result.exit_code, result.stdout) == (0, (
        "state,state_label,name\nhttps://w3id.org/tcdkg/id/state/kazakhstan,Kazakhstan,"
        "Kazakhstan\n"))
    declared = "PREFIX tcd: <https://example.org/other#> ASK { ?s a tcd:State }"
    result = runner.invoke(app, ["query", "--sparql", declared, "--format", "csv", "--data",
                                 str(VALID)])
    assert (result.exit_code, result.stdout) == (0, "ask\nfalse\n")  # the user's wins
