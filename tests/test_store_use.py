"""kg query, search, site and serve read the persistent query store: nothing is compiled while
it is fresh, any input (fact file, shape, query, ontology) makes it stale, and what they give
from it equals what a fresh compile gives."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from kg.cli import app
from kg.query.store import is_fresh, location, open_query_store
from kg.store import ensure_store

from .conftest import DATA, ROOT, VALID

COVERAGE = ROOT / "tests" / "fixtures" / "coverage"


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(VALID, tmp_path / "data")
    return tmp_path / "data"


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _no_compiling(monkeypatch) -> None:
    """Any compile of the fact files from now on fails the command."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the fact files were compiled")

    import kg.builder
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "compile_data", refuse)
    monkeypatch.setattr(kg.builder, "compile_data", refuse)


def test_a_fresh_store_is_read_without_compiling(runner, data, tmp_path, monkeypatch):
    first = runner.invoke(app, ["site", "--data", str(data), "--out", str(tmp_path / "s1")])
    assert first.exit_code == 0, first.output
    answer = runner.invoke(app, ["query", "posts-of", "-p", "person=Tokayev", "--data", str(data),
                                 "--format", "csv"])
    assert answer.exit_code == 0, answer.output
    _no_compiling(monkeypatch)
    again = runner.invoke(app, ["query", "posts-of", "-p", "person=Tokayev", "--data", str(data),
                                "--format", "csv"])
    assert (again.exit_code, again.stdout) == (0, answer.stdout)
    found = runner.invoke(app, ["search", "Tokayev", "--data", str(data)])
    assert found.exit_code == 0 and "person/kassym-jomart-tokayev" in found.stdout, found.output
    second = runner.invoke(app, ["site", "--data", str(data), "--out", str(tmp_path / "s2")])
    assert second.exit_code == 0, second.output
    assert _tree(tmp_path / "s2") == _tree(tmp_path / "s1")
    served = ensure_store(data)  # what `kg serve` serves
    assert served.rebuilt is False and served.db.parent == location(data)
    # an edited fact file makes the store stale: the next query has to compile again
    place = data / "places" / "astana.yaml"
    place.write_text(place.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    stale = runner.invoke(app, ["query", "posts-of", "-p", "person=Tokayev", "--data", str(data)])
    assert isinstance(stale.exception, AssertionError)
    assert "compiled" in str(stale.exception)


def test_after_kg_build_query_site_and_serve_compile_nothing(runner, data, tmp_path, monkeypatch):
    """`kg build` leaves the store and its validation's verdict: the next commands read them."""
    built = runner.invoke(app, ["build", "--data", str(data), "--out", str(tmp_path / "dist")])
    assert built.exit_code == 0, built.output
    _no_compiling(monkeypatch)
    answer = runner.invoke(app, ["query", "posts-of", "-p", "person=Tokayev", "--data", str(data),
                                 "--format", "csv"])
    assert answer.exit_code == 0, answer.output
    assert "post/kazakhstan-president,President of Kazakhstan" in answer.stdout
    site_run = runner.invoke(app, ["site", "--data", str(data), "--out", str(tmp_path / "site")])
    assert site_run.exit_code == 0, site_run.output
    served = ensure_store(data)
    assert served.rebuilt is False and served.db.parent == location(data)


@pytest.mark.parametrize("changed", ["data", "shapes", "queries", "ontology"])
def test_any_input_makes_the_store_stale(runner, data, tmp_path, monkeypatch, changed):
    import kg.resources

    shipped = {}
    for name in ("ontology", "shapes", "queries"):
        shipped[name] = tmp_path / name
        shutil.copytree(kg.resources.shipped_dir(name), shipped[name])
    original = kg.resources.shipped_dir
    monkeypatch.setattr(kg.resources, "shipped_dir",
                        lambda name: shipped.get(name) or original(name))
    args = ["query", "posts-of", "-p", "person=Tokayev", "--data", str(data), "--format", "csv"]
    answer = runner.invoke(app, args)
    assert answer.exit_code == 0, answer.output
    before = location(data)
    assert is_fresh(before)
    folder = data if changed == "data" else shipped[changed]
    edited = sorted(p for p in folder.rglob("*") if p.suffix in {".yaml", ".ttl", ".rq"})[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert location(data) != before and not is_fresh(location(data))
    again = runner.invoke(app, args)
    assert (again.exit_code, again.stdout) == (0, answer.stdout)
    assert is_fresh(location(data)) and open_query_store(data).rebuilt is False


def test_site_from_the_store_equals_a_site_from_a_fresh_compile(tmp_path, monkeypatch):
    import kg.site.build as site
    from kg.pipeline import compile_data

    site.build_site(COVERAGE, tmp_path / "from-store")
    site.build_site(COVERAGE, tmp_path / "from-store-again")  # the store fresh and validated

    def compiled_store(data_dir, _notify):
        compiled = compile_data(data_dir)
        return compiled.graph.store(), len(compiled.graph.triples())

    monkeypatch.setattr(site, "_data_store", compiled_store)
    site.build_site(COVERAGE, tmp_path / "from-compile")
    assert len(_tree(tmp_path / "from-compile")) > 100
    assert _tree(tmp_path / "from-store") == _tree(tmp_path / "from-compile") \
        == _tree(tmp_path / "from-store-again")


def test_a_store_without_a_verdict_is_validated_before_a_site_is_written(runner, tmp_path):
    """Data that compiles but fails a check query: `kg query` builds its store, `kg site`
    still validates it, refuses it, and keeps no verdict (it refuses again)."""
    invalid = VALID.parent / "invalid" / "check-approval-cycle" / "data"
    query = runner.invoke(app, ["query", "--sparql", "ASK { ?s ?p ?o }", "--data", str(invalid)])
    assert query.exit_code == 0, query.output
    assert is_fresh(location(invalid))
    for attempt in range(2):
        result = runner.invoke(app, ["site", "--data", str(invalid), "--out", str(tmp_path / "s")])
        assert result.exit_code == 1, (attempt, result.output)
        assert "no site was written" in result.output
        assert not (tmp_path / "s").exists()


def test_entities_kept_beside_the_store_equal_those_of_a_fresh_compile():
    """Name resolution and `kg search` read the entity index the first run wrote."""
    from kg.kinds import Kind
    from kg.query.entities import EngineLookup
    from kg.query.local import engine_for_compiled, engine_for_data
    from kg.query.names import search

    every = frozenset(Kind)
    expected = EngineLookup(engine_for_compiled(DATA)).all(every)
    EngineLookup(engine_for_data(DATA)).all(every)  # writes the index if it is not there yet
    indexed = engine_for_data(DATA)
    assert indexed.index is not None and (indexed.index / "entities-person.json").is_file()
    assert EngineLookup(indexed).all(every) == expected
    found = search("Токаев", every, EngineLookup(indexed), 20)
    assert found[0].ref == "person/kassym-jomart-tokayev"


def test_named_queries_by_name_from_the_store_equal_a_fresh_compile_on_a_generated_corpus(tmp_path):
    """Every named query, each entity given by its name (so resolved through the entity index
    on the store's second run), on `bench/generate.py --triples 10000 --seed 1`."""
    from kg.errors import KgError
    from kg.query.catalog import ParamType, load_catalog
    from kg.query.entities import EngineLookup
    from kg.query.local import engine_for_compiled, engine_for_data
    from kg.query.run import run_named

    from .synthetic import corpus

    data, _ = corpus(tmp_path, 10_000, 1)
    compiled = engine_for_compiled(data)
    lookup = EngineLookup(compiled)

    def answer(query, values, engine):
        try:
            return run_named(query, values, engine).table.rows
        except KgError as exc:
            return str(exc)

    checked = 0
    for query in load_catalog(None).values():
        values = {}
        for p in query.params:
            if p.type is ParamType.ENTITY:
                entities = lookup.all(p.kinds)
                values[p.name] = entities[len(entities) // 2].label() or entities[0].ref
            else:
                values[p.name] = p.example
        expected = answer(query, values, compiled)
        for _run in range(2):  # the first run writes the entity index, the second reads it
            assert answer(query, values, engine_for_data(data)) == expected, (query.name, values)
        checked += isinstance(expected, list) and len(expected) > 0
    assert checked >= 5  # most queries found something: the comparison is not of empty answers
