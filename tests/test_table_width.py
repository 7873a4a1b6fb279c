"""Tables that fit (#11.4): 80 and 100 columns, IRIs as kind/slug, --columns, piped output."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode
from typer.testing import CliRunner

from kg.cli import app
from kg.query.engine import Table
from kg.query.render import OutputFormat, render
from tests.conftest import DATA, VALID

ID = "https://w3id.org/tcdkg/id/"
QUOTE = ("Премьер-министр Республики Казахстан Олжас Бектенов принял участие во встрече глав "
         "правительств стран Организации тюркских государств (ОТГ) в Бишкеке")
TABLE = Table(
    ["participant", "participant_label", "role", "on_behalf_of", "on_behalf_of_label",
     "capacity", "capacity_label", "status", "quote"],
    [[NamedNode(f"{ID}person/kubanychbek-omuraliev"), Literal("Kubanychbek Omuraliev"),
      Literal("participant"), NamedNode(f"{ID}organization/organization-of-turkic-states"),
      Literal("Organization of Turkic States"), NamedNode(f"{ID}post/ots-secretary-general"),
      Literal("Secretary General of the Organization of Turkic States"), Literal("attested"),
      Literal(QUOTE)]] * 3)


SHOWN = ["participant_label", "role", "on_behalf_of_label", "capacity_label", "status", "quote"]


@pytest.mark.parametrize(("width", "hidden"), [(80, ", capacity_label, quote"), (100, "")])
def test_tables_fit_the_terminal(width: int, hidden: str) -> None:
    text = render(TABLE, OutputFormat.TABLE, width=width)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    assert lines[0].split() == [c for c in SHOWN if c not in hidden]
    caption = " ".join(lines[len(lines) - lines[::-1].index(""):])  # after the last blank
    assert caption == (f"3 rows; hidden to fit {width} columns: participant, on_behalf_of, "
                       f"capacity{hidden} (see --columns)")
    assert "attested" in text and ("Бектенов" in text) == (not hidden)  # text wraps, never cut


def test_wide_terminals_show_every_column_with_short_iris() -> None:
    lines = render(TABLE, OutputFormat.TABLE, width=400).splitlines()
    assert lines[0].split()[:2] == ["participant", "participant_label"]
    assert lines[2].split()[0] == "person/kubanychbek-omuraliev"
    assert lines[-1] == "3 rows"


def test_csv_keeps_the_full_values() -> None:
    text = render(TABLE, OutputFormat.CSV)
    assert f"{ID}person/kubanychbek-omuraliev" in text and QUOTE in text


def test_piped_tables_are_bounded_and_columns_can_be_chosen() -> None:
    runner = CliRunner()
    piped = runner.invoke(app, ["query", "sources-of", "-p", "entity=kazakhstan", "--data",
                                str(DATA)], env={"COLUMNS": None})  # type: ignore[dict-item]
    assert piped.exit_code == 0, piped.output
    assert max(len(line) for line in piped.stdout.splitlines()) <= 100
    chosen = runner.invoke(app, ["query", "documents-signed-by", "-p", "person=Tokayev",
                                 "--columns", "document_label,date,status", "--data", str(VALID)])
    assert chosen.stdout == (
        "  document_label              date         status\n"
        " ─────────────────────────────────────────────────\n"
        "  Example Roadmap 2025–2027   2024-08-09   signed\n"
        "\n"
        "1 row\n")
    csv = runner.invoke(app, ["query", "documents-signed-by", "-p", "person=Tokayev",
                              "--columns", "date,document", "--format", "csv", "--data",
                              str(VALID)])
    assert csv.stdout == f"date,document\n2024-08-09,{ID}document/example-roadmap\n"
    wrong = runner.invoke(app, ["query", "documents-signed-by", "-p", "person=Tokayev",
                                "--columns", "dates", "--data", str(VALID)])
    assert wrong.exit_code == 2
    assert wrong.stderr.endswith(
        "error: --columns: no column 'dates'; the answer has: document, document_label, event, "
        "event_label, date, status, on_behalf_of, on_behalf_of_label\n")
