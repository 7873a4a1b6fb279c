"""The named-query catalog: the strict header grammar, and the rules every catalog query keeps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import Store

from kg.model.kinds import Kind
from kg.query.catalog import (
    ACTOR,
    CatalogError,
    ParamType,
    default_dir,
    load_catalog,
    parse_query,
)
from kg.query.safety import check_query

#: SPEC §6: names and parameters are part of the contract (`?` = optional)
CONTRACT = {
    "documents-signed-by": ["person"],
    "documents-of-event": ["event"],
    "event-participants": ["event"],
    "events-of": ["actor"],
    "events-at": ["place"],
    "posts-of": ["person", "date?"],
    "office-holders": ["organization", "date"],
    "chair-of": ["organization", "date"],
    "members-of": ["organization", "date?"],
    "partners-of": ["organization"],
    "meetings-between": ["actor", "other"],
    "sources-of": ["entity"],
    "timeline": ["actor"],
}
CATALOG = load_catalog()

GOOD = """#+ name: q
#+ title: A query
#+ description: First line,
#+ description: second line.
#+ param: person: entity(person) ; example: Tokayev
#+ param: date: date? ; example: 2024
SELECT ?person ?date_earliest ?date_latest WHERE { ?s ?p ?person }
"""


def test_the_catalog_is_exactly_the_contract() -> None:
    assert default_dir() == Path(__file__).resolve().parents[1] / "queries"
    found = {name: [p.name + ("?" if p.optional else "") for p in q.params]
             for name, q in CATALOG.items()}
    assert found == CONTRACT


def test_a_good_header_parses() -> None:
    query = parse_query(GOOD, "queries/q.rq", "q")
    assert (query.name, query.title) == ("q", "A query")
    assert query.description == "First line, second line."
    person, date = query.params
    assert (person.type, person.kinds, person.optional, person.example) == (
        ParamType.ENTITY, frozenset({Kind.PERSON}), False, "Tokayev")
    assert (date.type, date.optional, date.variables) == (
        ParamType.DATE, True, ("date_earliest", "date_latest"))
    assert query.text.startswith("SELECT")


def test_kind_aliases() -> None:
    text = GOOD.replace("entity(person)", "entity(actor)")
    assert parse_query(text, "q.rq", "q").params[0].kinds == ACTOR
    text = GOOD.replace("entity(person)", "entity(any)")
    assert parse_query(text, "q.rq", "q").params[0].kinds == frozenset(Kind)


def _replace_line(n: int, line: str) -> str:
    lines = GOOD.splitlines()
    lines[n - 1] = line
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("text", "message"), [
    (_replace_line(2, "#+ title: A query\n#+ title: Again"),
     "q.rq:3: duplicate header field 'title' (first on line 2)"),
    (_replace_line(1, "#+ nmae: q"), "q.rq:1: unknown header field 'nmae' (did you mean 'name'?)"),
    (_replace_line(1, "#+ colour: q"),
     "q.rq:1: unknown header field 'colour'; fields are name, title, description, param"),
    (_replace_line(2, "#+ title:"), "q.rq:2: header field 'title' is empty"),
    (_replace_line(2, "#+title: A query"),
     "q.rq:2: malformed header line '#+title: A query'; write '#+ field: value'"),
    (_replace_line(2, "#+ title : A query"),
     "q.rq:2: malformed header line '#+ title : A query'; write '#+ field: value'"),
    (_replace_line(5, "#+ param: person: entity(person)"),
     "q.rq:5: malformed param 'person: entity(person)'; write "
     "'#+ param: NAME: KIND[?] ; example: VALUE'"),
    (_replace_line(5, "#+ param: person: entity(persn) ; example: x"),
     "q.rq:5: unknown entity kind 'persn'; use one of person, state, organization, place, "
     "format, event, document, source, post, actor, any"),
    (_replace_line(5, "#+ param: person: text ; example: x"),
     "q.rq:5: unknown param kind 'text'; use date or entity(KIND|KIND...)"),
    (_replace_line(6, "#+ param: person: date ; example: 2024"), "q.rq:6: duplicate param 'person'"),
    (_replace_line(4, "#+ param: x: date ; example: 2024\n#+ description: late"),
     "q.rq:5: duplicate header field 'description' (first on line 3); continuation lines "
     "must follow it"),
    (GOOD.replace("#+ name: q\n", ""), "q.rq:1: missing header field 'name'"),
    (GOOD.replace("#+ title: A query\n", ""), "q.rq:1: missing header field 'title'"),
    (GOOD.replace("#+ name: q", "#+ name: other"),
     "q.rq:1: query name 'other' differs from the file name 'q.rq'"),
    (GOOD.replace("#+ name: q", "#+ name: Q!"), "q.rq:1: query name 'Q!' is not a slug "
     "([a-z0-9][a-z0-9-]*)"),
    (GOOD + "#+ title: hidden\n", "q.rq:8: header line after the header block; header lines "
     "must come first, one after another"),
    (GOOD.replace("?person ?date_earliest", "?date_earliest").replace("?person }", "?o }"),
     "q.rq:7: param 'person' is declared but the query never uses ?person"),
    (GOOD.splitlines(keepends=True)[0] + "".join(GOOD.splitlines(keepends=True)[1:6]),
     "q.rq:7: the query body is empty"),
])
def test_header_errors_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_query(text, "q.rq", "q")
    assert str(caught.value) == message


def test_a_broken_file_breaks_the_catalog(tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.rq").write_text("#+ name: bad\nSELECT * {}\n", encoding="utf-8")
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "ignored.rq").write_text("not a query", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"bad\.rq:1: missing header field 'title'"):
        load_catalog(tmp_path)
    (tmp_path / "bad.rq").unlink()
    assert list(load_catalog(tmp_path)) == ["q"]


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_catalog_query_is_a_safe_select(name: str) -> None:
    query = CATALOG[name]
    assert check_query(query.text).value == "select"
    Store().query(query.text)  # pyoxigraph parses it too
    assert query.title and query.description.endswith(".")
    assert all(p.example for p in query.params)


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_parameters_are_projected_and_used_only_where_values_reach(name: str) -> None:
    """A VALUES block reaches neither MINUS nor sub-SELECTs (a sub-SELECT may use a parameter
    it projects: the VALUES then joins its rows); projected parameters and no BOUND() on them
    keep the files usable with pyoxigraph substitutions too."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    query = CATALOG[name]
    variables = {v for p in query.params for v in p.variables}
    projected = {str(v) for v in translateQuery(parseQuery(query.text)).algebra["PV"]}
    assert variables <= projected
    tree = parseQuery(query.text)
    for node in _walk(tree):
        if getattr(node, "name", "") in ("SubSelect", "MinusGraphPattern"):
            inside = {str(v) for v in _walk(node) if _is_var(v)} & variables
            if node.name == "SubSelect":
                inside -= {str(p["var"]) for p in node["projection"] if "var" in p}
            assert not inside, name
        if getattr(node, "name", "") == "Builtin_BOUND":
            assert str(node["arg"]) not in variables, name


def _is_var(node: Any) -> bool:
    return type(node).__name__ == "Variable"


def _walk(node: Any) -> Any:
    yield node
    if isinstance(node, dict):
        for child in node.values():
            yield from _walk(child)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for child in node:
            yield from _walk(child)


def test_readme_lists_the_catalog_as_kg_queries_does() -> None:
    """queries/README.md carries the output of `kg queries`, kept fresh by this test."""
    import os
    import re

    from typer.testing import CliRunner

    from kg.cli import app

    readme = default_dir() / "README.md"
    listing = CliRunner().invoke(app, ["queries"]).stdout
    text = readme.read_text(encoding="utf-8")
    block = re.compile(r"(<!-- catalog:[^\n]*-->\n```text\n)(.*?)(```\n<!-- end catalog -->)",
                       re.DOTALL)
    match = block.search(text)
    assert match, "queries/README.md lost its catalog markers"
    if os.environ.get("KG_REGENERATE"):
        readme.write_text(block.sub(lambda m: m[1] + listing + m[3], text), encoding="utf-8")
        return
    assert match[2] == listing, ("queries/README.md is stale; regenerate with "
                                 "KG_REGENERATE=1 pytest tests/test_catalog.py")
