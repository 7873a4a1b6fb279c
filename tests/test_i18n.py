"""Answers in Russian (#11.3): statuses, roles, types, date matches and headers."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal
from typer.testing import CliRunner

from kg.cli import app
from kg.query.catalog import load_catalog
from kg.query.i18n import COLUMN_SCHEMES, HEADERS, header, localize, vocabulary_labels
from kg.query.local import LocalEngine, engine_for_data
from kg.query.run import run_named
from tests.conftest import DATA, VALID

CATALOG = load_catalog()


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return engine_for_data(DATA)


def english_words() -> set[str]:
    """Every English label and notation of the vocabularies that has a different Russian one."""
    out = set()
    for (_scheme, notation), labels in vocabulary_labels().items():
        if labels.get("ru") and labels["ru"] != labels.get("en"):
            out |= {notation, labels.get("en", notation)}
    return out


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_named_query_answers_in_russian(engine: LocalEngine, name: str) -> None:
    query = CATALOG[name]
    values = {p.name: p.example for p in query.params}
    table = localize(run_named(query, values, engine, "ru").table, name, "ru", in_place=True)
    assert table.rows, f"{name}: the example answers nothing on data/"
    english = english_words()
    for column in table.columns:
        assert header(column, "ru") != column or column.removesuffix("_label") in HEADERS["ru"], column
        if column in COLUMN_SCHEMES or column in ("relation", "claim_type", "kind", "basis"):
            left = {r[table.columns.index(column)].value for r in table.rows  # type: ignore[union-attr]
                    if isinstance(r[table.columns.index(column)], Literal)} & english
            assert not left, f"{name}: English values left in {column}: {sorted(left)}"


def test_table_in_russian_and_csv_with_labels_beside() -> None:
    runner = CliRunner()
    args = ["query", "chair-of", "-p", "organization=EU-X", "-p", "date=2024-09-01", "--data",
            str(VALID), "--lang", "ru"]
    table = runner.invoke(app, args, env={"COLUMNS": "250"})
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split() == [
        "председатель", "председатель:", "название", "статус", "начало", "окончание",
        "подтверждено", "начало", "на", "событии", "начало", "на", "событии:", "название",
        "оспаривается", "совпадение", "дат"]
    assert "осуществляется" in table.stdout and "в пределах периода" in table.stdout
    assert " held " not in table.stdout and "certain" not in table.stdout
    csv = runner.invoke(app, [*args, "--format", "csv"])
    header_line, row = csv.stdout.splitlines()
    assert header_line.startswith("chair,chair_label,status,status_label,")
    assert header_line.endswith(",date_match,date_match_label")
    assert ",held," in row and row.endswith(",certain,в пределах периода")


def test_english_tables_read_right() -> None:
    result = CliRunner().invoke(app, ["query", "chair-of", "-p", "organization=EU-X", "-p",
                                      "date=2024-09-01", "--data", str(VALID)],
                                env={"COLUMNS": "250"})
    assert "date_match" in result.stdout.splitlines()[0]
    assert "within the period" in result.stdout


def test_a_source_without_a_title_is_labelled_by_publisher_and_date(tmp_path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    source = data / "sources" / "example-news.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title:\n  en: Leaders sign a roadmap in Astana\n", ""), encoding="utf-8")
    result = CliRunner().invoke(app, ["query", "sources-of", "-p", "entity=kazakhstan",
                                      "--format", "csv", "--data", str(data)])
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()[1:]
    assert rows and all(',"Example Agency, 2024-08-10",' in row for row in rows), rows


def test_attestations_of_one_holding_are_one_row() -> None:
    from pyoxigraph import NamedNode

    from kg.query.engine import Table
    from kg.query.merge import merge_attestations

    post, other = NamedNode("https://w3id.org/tcdkg/id/post/p"), NamedNode(
        "https://w3id.org/tcdkg/id/post/q")
    table = Table(["post", "start", "attested", "date_match"], [
        [post, None, Literal("2024-02-06"), Literal("possible")],
        [post, None, None, Literal("undated")],
        [post, None, Literal("2023-11-03"), Literal("certain")],
        [post, Literal("2020"), None, None],  # another holding: its own period
        [other, None, Literal("2024-02-06"), None]])
    merged = merge_attestations("posts-of", table)
    assert [[None if t is None else t.value for t in r] for r in merged.rows] == [
        [post.value, None, "2023-11-03; 2024-02-06", "certain"],
        [post.value, "2020", None, None],
        [other.value, None, "2024-02-06", None]]
    assert merge_attestations("events-of", table) is table
