"""Catalog queries rewritten for speed give the same rows as their plain formulation.

The plain text of each tuned query is kept in tests/reference_queries/; both run over a
generated corpus for every pair among its busiest actors (persons, states, organizations),
and over the real data for every pair of actors that took part in an event. The texts tuned
for in-process Oxigraph (queries/oxigraph/) are compared with the catalog's portable ones.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from kg.pipeline import compile_data
from kg.query.catalog import load_catalog
from kg.query.entities import EngineLookup
from kg.query.local import LocalEngine
from kg.query.params import bind

from .conftest import ROOT
from .synthetic import corpus

REFERENCE = ROOT / "tests" / "reference_queries"
TCD = "https://w3id.org/tcdkg/ontology#"
ACTORS = f"""PREFIX tcd: <{TCD}> PREFIX schema: <https://schema.org/>
SELECT ?actor (COUNT(*) AS ?n) WHERE {{
  {{ ?c tcd:participant|tcd:onBehalfOf ?actor }} UNION {{ ?e tcd:host|schema:organizer|tcd:chair ?actor }}
}} GROUP BY ?actor ORDER BY DESC(?n) ?actor"""


def _rows(engine: LocalEngine, text: str, bindings: dict[str, ox.NamedNode]) -> list[tuple[str, ...]]:
    return [tuple(str(v) for v in row) for row in engine.run(text, bindings).rows]


def _with_sub_events(data: Path) -> None:
    """Every other held summit of the corpus gets a reception (`part_of` it) attended by a head
    of delegation of another summit, and every fourth reception a panel (`part_of` the
    reception) attended by a third: meetings in sub-events, one and two levels down."""
    summits = []
    for path in sorted(data.glob("events/*/*summit*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record.get("status") == "held" and record.get("participants"):
            summits.append((path, record))
    def sub(n: int, record: dict, kind: str, of: str, guest: int) -> dict[str, object]:
        head = summits[(2 * n + guest) % len(summits)][1]["participants"][0]
        return {"name": {"en": f"{kind} {n}", "ru": f"{kind} {n} (ru)"}, "translated": ["ru"],
                "type": kind.lower(), "status": "held", "part_of": f"event/{of}",
                "date": record["date"], "sources": record["sources"][:1],
                "participants": [{"participant": head["participant"], "role": "guest-of-honour",
                                  "sources": record["sources"][:1]}]}

    for n, (path, record) in enumerate(summits[::2]):
        reception = f"{path.stem}-reception"
        (path.parent / f"{reception}.yaml").write_text(
            yaml.safe_dump(sub(n, record, "Reception", path.stem, 1), allow_unicode=True), encoding="utf-8")
        if n % 2 == 0:
            (path.parent / f"{path.stem}-panel.yaml").write_text(
                yaml.safe_dump(sub(n, record, "Panel", reception, 3), allow_unicode=True), encoding="utf-8")


def _tuned_texts(name: str) -> list[str]:
    """The catalog text and, when there is one, the text tuned for in-process Oxigraph."""
    query = load_catalog()[name]
    return [query.text, *([query.oxigraph_text] if query.oxigraph_text else [])]


def _same_rows_for_pairs(engine: LocalEngine, name: str, top: int) -> int:
    tuned = _tuned_texts(name)
    plain = (REFERENCE / f"{name}.rq").read_text(encoding="utf-8")
    actors = [row[0] for row in engine.run(ACTORS).rows][:top]
    found = 0
    for actor, other in itertools.permutations(actors, 2):
        bindings = {"actor": actor, "other": other}
        expected = sorted(_rows(engine, plain, bindings))  # ORDER BY leaves ties in any order
        catalog = _rows(engine, tuned[0], bindings)
        assert sorted(catalog) == expected, (actor, other)
        for text in tuned[1:]:  # the same ORDER BY as the catalog text: the same order
            assert _rows(engine, text, bindings) == catalog, (actor, other)
        found += len(expected)
    return found


@pytest.mark.parametrize("name", ["meetings-between"])
def test_tuned_query_matches_plain_formulation_on_generated_corpus(tmp_path, name):
    data, _ = corpus(tmp_path, 10000, seed=7)
    engine = LocalEngine(compile_data(data).graph.store())
    assert _same_rows_for_pairs(engine, name, top=14) > 50


@pytest.mark.parametrize("name", ["meetings-between"])
def test_tuned_query_matches_plain_formulation_with_sub_events(tmp_path, name):
    data, _ = corpus(tmp_path, 3000, seed=11)
    _with_sub_events(data)
    compiled = compile_data(data)
    assert not compiled.report.errors
    engine = LocalEngine(compiled.graph.store())
    assert _same_rows_for_pairs(engine, name, top=14) > 50
    table = engine.run(load_catalog()[name].text)  # every pair: parameters unbound
    for text in _tuned_texts(name)[1:]:
        assert sorted(_rows(engine, text, {})) == sorted(_rows(engine, load_catalog()[name].text, {}))
    columns = [table.columns.index(c) for c in ("actor_sub_event", "other_sub_event")]
    subs = {str(row[i]).rpartition("-")[2] for row in table.rows for i in columns if row[i]}
    assert subs == {"reception>", "panel>"}  # meetings one and two levels down


@pytest.mark.parametrize("name", ["meetings-between"])
def test_tuned_query_matches_plain_formulation_on_real_data(name):
    engine = LocalEngine(compile_data(ROOT / "data").graph.store())
    assert _same_rows_for_pairs(engine, name, top=20) > 20


DATES = (*(str(year) for year in range(2000, 2027)), "2015-03-03", "2023-11", "2023-11-04")


def _same_rows_for_bodies(engine: LocalEngine, name: str, dates: tuple[str, ...] = DATES) -> int:
    """The catalog's portable query and the Oxigraph-tuned one, for every body and date."""
    query = load_catalog()[name]
    assert query.oxigraph_text is not None
    bodies = [row[0] for row in engine.run(
        f"SELECT DISTINCT ?b WHERE {{ ?c <{TCD}chairedBody> ?b }} ORDER BY ?b").rows]
    found = 0
    for body, date in itertools.product(bodies, dates):
        terms = bind(query, {"organization": body.value, "date": date},  # type: ignore[union-attr]
                     EngineLookup(engine)).terms
        expected = [tuple(str(v) for v in row) for row in engine.run(query.text, terms).rows]
        assert _rows(engine, query.oxigraph_text, terms) == expected, (body, date)
        found += len(expected)
    return found


def test_oxigraph_tuned_chair_of_matches_the_portable_query(tmp_path):
    data, _ = corpus(tmp_path, 10000, seed=7)
    assert _same_rows_for_bodies(LocalEngine(compile_data(data).graph.store()), "chair-of") > 20
    real = LocalEngine(compile_data(ROOT / "data").graph.store())
    assert _same_rows_for_bodies(real, "chair-of") > 10


def _with_open_chairmanships(data: Path) -> None:
    """Chairmanships in every shape chair-of reads: without an end (superseded by the next
    one's start), started only at an event (its date), and with a year for a start."""
    for path in sorted(data.glob("organizations/*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, chairmanship in enumerate(record.get("chairmanships", [])):
            chairmanship.pop("end", None)
            if n % 3 == 1 and "started_at" in chairmanship:
                chairmanship.pop("start", None)
            elif n % 3 == 2 and "start" in chairmanship:
                chairmanship["start"] = str(chairmanship["start"])[:4]
        path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")


def test_oxigraph_tuned_chair_of_matches_on_open_and_partial_chairmanships(tmp_path):
    data, _ = corpus(tmp_path, 10000, seed=7)
    _with_open_chairmanships(data)
    engine = LocalEngine(compile_data(data).graph.store())
    mid_year = tuple(f"{year}-07-01" for year in range(2000, 2027))  # inside a year-only start
    assert _same_rows_for_bodies(engine, "chair-of", DATES + mid_year) > 20


def _same_rows_for_entities(engine: LocalEngine, name: str, top: int) -> int:
    """The catalog's portable query and the Oxigraph-tuned one, for the records with the most
    claims about them (every kind, with and without quotes)."""
    query = load_catalog()[name]
    assert query.oxigraph_text is not None
    entities = [row[0] for row in engine.run("""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?e (COUNT(*) AS ?n) WHERE { ?c prov:wasDerivedFrom ?s ; ?p ?e . FILTER(isIRI(?e)) }
        GROUP BY ?e ORDER BY DESC(?n) ?e""").rows][:top]
    found = 0
    for entity in entities:
        terms = {"entity": entity}
        expected = _rows(engine, query.text, terms)  # type: ignore[arg-type]
        assert _rows(engine, query.oxigraph_text, terms) == expected, entity  # type: ignore[arg-type]
        found += sum(1 for row in expected if row[-1] != "None")  # rows with a quote
    return found


def test_oxigraph_tuned_sources_of_matches_the_portable_query(tmp_path):
    data, _ = corpus(tmp_path, 10000, seed=7)
    assert _same_rows_for_entities(LocalEngine(compile_data(data).graph.store()), "sources-of", 150) > 20
    real = LocalEngine(compile_data(ROOT / "data").graph.store())
    assert _same_rows_for_entities(real, "sources-of", 400) > 50


def _same_rows_as_plain_for_parties(engine: LocalEngine, name: str, top: int) -> int:
    """The catalog text and the plain formulation, for the states and organizations that are
    parties to or signed on behalf of the most documents."""
    text = load_catalog()[name].text
    plain = (REFERENCE / f"{name}.rq").read_text(encoding="utf-8")
    parties = [row[0] for row in engine.run(f"""PREFIX tcd: <{TCD}>
        SELECT ?o (COUNT(*) AS ?n) WHERE {{ ?d tcd:party|tcd:onBehalfOf ?o }}
        GROUP BY ?o ORDER BY DESC(?n) ?o""").rows][:top]
    found = 0
    for party in parties:
        terms = {"organization": party}
        expected = sorted(_rows(engine, plain, terms))  # type: ignore[arg-type]
        assert sorted(_rows(engine, text, terms)) == expected, party  # type: ignore[arg-type]
        found += len(expected)
    return found


def test_tuned_partners_of_matches_plain_formulation(tmp_path):
    data, _ = corpus(tmp_path, 10000, seed=7)
    assert _same_rows_as_plain_for_parties(LocalEngine(compile_data(data).graph.store()),
                                           "partners-of", 40) > 100
    real = LocalEngine(compile_data(ROOT / "data").graph.store())
    assert _same_rows_as_plain_for_parties(real, "partners-of", 60) > 20
