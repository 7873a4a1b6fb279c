"""`kg query`, `kg queries` and `kg search` in-process over the fixtures, with exact output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.query.catalog import load_catalog
from kg.query.local import engine_for_data
from kg.query.run import run_named
from tests.conftest import VALID

ID = "https://w3id.org/tcdkg/id/"
HEADER = ("document,document_label,event,event_label,date,status,on_behalf_of,"
          "on_behalf_of_label\n")
ROW = (f"{ID}document/example-roadmap,Example Roadmap 2025–2027,{ID}event/example-summit,"
       f"1st Example Union summit,2024-08-09,signed,{ID}state/kazakhstan,Kazakhstan\n")


def kg(runner: CliRunner, *args: str, data: Path = VALID) -> object:
    return runner.invoke(app, [*args, "--data", str(data)])


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture plus a chairmanship before Kazakhstan's and a year-precise post."""
    folder = tmp_path_factory.mktemp("dated") / "data"
    shutil.copytree(VALID, folder)
    (folder / "states" / "kyrgyzstan.yaml").write_text(
        "name: {en: Kyrgyzstan, ru: Кыргызстан}\niso_code: KG\nsources: [example-news]\n",
        encoding="utf-8")
    union = folder / "organizations" / "example-union.yaml"
    union.write_text(union.read_text(encoding="utf-8").replace(
        "chairmanships:\n", "chairmanships:\n  - chair: kyrgyzstan\n    start: 2023\n"
        "    sources: [example-news]\n"), encoding="utf-8")
    person = folder / "persons" / "kassym-jomart-tokayev.yaml"
    person.write_text(person.read_text(encoding="utf-8") + (
        "  - post: example-union-secretary-general\n    attested: 2024\n"
        "    sources: [example-news]\n"), encoding="utf-8")
    return folder


def test_documents_signed_by_in_every_format(runner: CliRunner) -> None:
    result = kg(runner, "query", "documents-signed-by", "-p", "person=Токаев", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == HEADER + ROW
    assert result.stderr == "person = person/kassym-jomart-tokayev (Kassym-Jomart Tokayev)\n"
    tsv = kg(runner, "query", "documents-signed-by", "-p", "person=Toqaev", "--format", "tsv")
    assert tsv.stdout == (HEADER + ROW).replace(",", "\t")
    table = runner.invoke(app, ["query", "documents-signed-by", "-p", "person=tokayev",
                                "--data", str(VALID)], env={"COLUMNS": "250"})
    assert table.stdout.splitlines()[0].split() == HEADER.strip().split(",")
    assert table.stdout.splitlines()[2].split() == [
        "document/example-roadmap", "Example", "Roadmap", "2025–2027", "event/example-summit",
        "1st", "Example", "Union", "summit", "2024-08-09", "signed", "state/kazakhstan",
        "Kazakhstan"]
    assert table.stdout.endswith("\n1 row\n")


def test_json_and_russian_labels(runner: CliRunner) -> None:
    result = kg(runner, "query", "documents-signed-by", "-p", "person=Kassym-Jomart Tokayev",
                "--format", "json", "--lang", "ru")
    document = json.loads(result.stdout)
    assert document["query"] == "documents-signed-by"
    assert document["parameters"] == {"person": f"{ID}person/kassym-jomart-tokayev"}
    assert document["rows"] == [{
        "document": f"{ID}document/example-roadmap", "document_label": "Дорожная карта 2025–2027",
        "event": f"{ID}event/example-summit", "event_label": "1-й саммит Пример союза",
        "date": "2024-08-09", "status": "signed", "status_label": "подписано",
        "on_behalf_of": f"{ID}state/kazakhstan", "on_behalf_of_label": "Казахстан"}]
    fallback = kg(runner, "query", "documents-signed-by", "-p", "person=Tokayev", "--format",
                  "csv", "--lang", "kk")
    assert fallback.stdout == (HEADER + ROW).replace(  # no Kazakh labels: English
        "status,", "status,status_label,").replace("signed,", "signed,signed,")


def test_other_catalog_queries_on_the_fixture(runner: CliRunner) -> None:
    participants = kg(runner, "query", "event-participants", "-p", "event=example-summit",
                      "--format", "csv")
    assert participants.stdout == (
        "participant,participant_label,role,on_behalf_of,on_behalf_of_label,capacity,"
        "capacity_label,status,contested\n"
        f"{ID}person/kassym-jomart-tokayev,Kassym-Jomart Tokayev,head-of-delegation,"
        f"{ID}state/kazakhstan,Kazakhstan,{ID}post/kazakhstan-president,President of Kazakhstan,"
        "attested,no\n")
    documents = kg(runner, "query", "documents-of-event", "-p", "event=1st Example Union summit",
                   "--format", "csv")
    assert documents.stdout == (
        "document,document_label,relation,status,approved_by,contested\n"
        f"{ID}document/example-roadmap,Example Roadmap 2025–2027,adoption,adopted,,no\n"
        f"{ID}document/example-roadmap,Example Roadmap 2025–2027,signing,signed,,no\n")
    members = kg(runner, "query", "members-of", "-p", "organization=EU-X", "--format", "csv")
    assert members.stdout == (
        "member,member_label,role,start,end,attested,date_match\n"
        f"{ID}state/kazakhstan,Kazakhstan,member,,,2024-08-10,\n")
    events = kg(runner, "query", "events-at", "-p", "place=Астана", "--format", "csv")
    assert events.stdout.splitlines()[1].startswith(f"{ID}event/example-summit,")


def _rows(data: Path, name: str, **values: str) -> list[tuple[str, ...]]:
    engine = engine_for_data(data)
    answer = run_named(load_catalog()[name], values, engine)
    wanted = [c for c in ("chair", "post", "date_match") if c in answer.table.columns]
    return [tuple(answer.table.column(c)[i].value if answer.table.column(c)[i] else ""  # type: ignore[union-attr]
                  for c in wanted) for i in range(len(answer.table.rows))]


@pytest.mark.parametrize(("date", "expected"), [
    ("2022-12-31", []),
    ("2023-05-01", [(f"{ID}state/kyrgyzstan", "possible")]),
    ("2024-01-15", [(f"{ID}state/kyrgyzstan", "certain")]),
    ("2024-08-15", [(f"{ID}state/kyrgyzstan", "possible"), (f"{ID}state/kazakhstan", "possible")]),
    ("2024-09-10", [(f"{ID}state/kazakhstan", "certain")]),
    ("2024", [(f"{ID}state/kyrgyzstan", "certain"), (f"{ID}state/kazakhstan", "certain")]),
])
def test_chair_of_with_partial_dates_and_supersession(dated: Path, date: str,
                                                      expected: list[tuple[str, str]]) -> None:
    """Kyrgyzstan chairs from `2023` with no end; Kazakhstan's start `2024-08` supersedes it."""
    assert _rows(dated, "chair-of", organization="example-union", date=date) == expected


def test_posts_of_with_partial_dates(dated: Path) -> None:
    president = f"{ID}post/kazakhstan-president"
    secretary = f"{ID}post/example-union-secretary-general"
    assert _rows(dated, "posts-of", person="Tokayev") == [(secretary, ""), (president, "")]
    assert _rows(dated, "posts-of", person="Tokayev", date="2024-05-01") == [
        (secretary, "possible")]
    assert _rows(dated, "posts-of", person="Tokayev", date="2024-08-10") == [
        (secretary, "possible"), (president, "certain")]
    assert _rows(dated, "posts-of", person="Tokayev", date="2024") == [
        (secretary, "certain"), (president, "certain")]
    assert _rows(dated, "posts-of", person="Tokayev", date="2025") == []


def test_parameter_errors_exit_2_without_output(runner: CliRunner) -> None:
    cases = {
        ("query", "no-such-query"): "error: no named query 'no-such-query'; see kg queries",
        ("query", "posts-of"): "error: query 'posts-of' needs -p person=... "
                               "(e.g. -p person=Omuraliev)",
        ("query", "posts-of", "-p", "persn=Tokayev"):
            "error: query 'posts-of' has no parameter 'persn'; it takes: "
            "person=entity(person) date=date?",
        ("query", "posts-of", "-p", "person"): "error: parameter 'person' is not key=value",
        ("query", "posts-of", "-p", "person=Tokayev", "-p", "person=Toqaev"):
            "error: parameter 'person' is given twice",
        ("query", "posts-of", "-p", "person=Tokayev", "-p", "date=2024-13"):
            "error: parameter 'date': '2024-13' has no month 13; months run 01 to 12",
        ("query", "posts-of", "-p", "person=Kazakhstan"):
            "error: parameter 'person': no person is named 'Kazakhstan'",
        ("query", "posts-of", "-p", "person=Tokayev", "--format", "xml"):
            "error: --format 'xml' is not one of: table, csv, tsv, json",
        ("query",): "error: give a query name, a FILE.rq, or --sparql TEXT (exactly one)",
        ("search", "x", "--kind", "planet"): "error: --kind 'planet' is not one of: person, "
                                             "state, organization, place, format, event, "
                                             "document, source, post",
    }
    for args, message in cases.items():
        result = kg(runner, *args)
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert result.stderr.startswith(message), (args, result.stderr)


def test_data_with_errors_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(VALID, tmp_path / "data")
    (tmp_path / "data" / "persons" / "broken.yaml").write_text("name: {en: X}\nsurname: Y\n",
                                                                encoding="utf-8")
    result = kg(runner, "query", "posts-of", "-p", "person=Tokayev", data=tmp_path / "data")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "broken.yaml" in result.stderr
    assert "error(s); fix them (see kg validate) before querying" in result.stderr
    missing = kg(runner, "query", "posts-of", "-p", "person=x", data=tmp_path / "nowhere")
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr


def test_kg_queries_lists_the_catalog(runner: CliRunner) -> None:
    result = runner.invoke(app, ["queries"])
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "chair-of -p organization=<entity(organization|format)> -p date=<date>\n"
        "  Which state chaired an organization at a date.\n")
    names = [line.split()[0] for line in result.stdout.splitlines()
             if line and not line.startswith(" ")]
    assert names == sorted(load_catalog())
    assert "  e.g. kg query documents-signed-by -p person=Tokayev\n" in result.stdout


def test_kg_search(runner: CliRunner) -> None:
    result = kg(runner, "search", "тоқаев")
    assert (result.exit_code, result.stdout) == (0, (
        "person/kassym-jomart-tokayev  Kassym-Jomart Tokayev | Касым-Жомарт Токаев | Tokayev | "
        "Toqaev | Токаев | Қасым-Жомарт Тоқаев\n"))
    states = kg(runner, "search", "Қазақстан", "--kind", "state")
    assert states.stdout == "state/kazakhstan  Kazakhstan | Казахстан | Қазақстан\n"
    nothing = kg(runner, "search", "Zzyzx")
    assert (nothing.exit_code, nothing.stdout, nothing.stderr) == (
        1, "", "nothing is named like 'Zzyzx'\n")


def test_ad_hoc_and_file_queries(runner: CliRunner, tmp_path: Path) -> None:
    ask = kg(runner, "query", "--sparql", "ASK { ?s ?p ?o }", "--format", "csv")
    assert ask.stdout == "ask\ntrue\n"
    states = kg(runner, "query", "--sparql",
                "SELECT ?s WHERE { ?s a <https://w3id.org/tcdkg/ontology#State> }",
                "--format", "csv")
    assert states.stdout == f"s,s_label\n{ID}state/kazakhstan,Kazakhstan\n"
    construct = kg(runner, "query", "--sparql", "CONSTRUCT WHERE { ?s <https://w3id.org/tcdkg/"
                   "ontology#isoCode> ?o }", "--format", "csv")
    assert construct.stdout == (
        "subject,subject_label,predicate,object\n"
        f"{ID}state/kazakhstan,Kazakhstan,https://w3id.org/tcdkg/ontology#isoCode,KZ\n")
    plain = tmp_path / "states.rq"
    plain.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c FILTER(STRSTARTS(STR(?s), "
                     "STR(tcdr:))) }", encoding="utf-8")  # records and claims, not vocabularies
    assert kg(runner, "query", str(plain), "--format", "csv").stdout == "n\n27\n"
    with_header = tmp_path / "iso.rq"
    with_header.write_text(
        "#+ name: iso\n#+ title: ISO code\n#+ description: The ISO code of a state.\n"
        "#+ param: state: entity(state) ; example: Kazakhstan\n"
        "SELECT ?state ?code WHERE { ?state <https://w3id.org/tcdkg/ontology#isoCode> ?code }\n",
        encoding="utf-8")
    iso = kg(runner, "query", str(with_header), "-p", "state=Казахстан", "--format", "csv")
    assert iso.stdout == "code\nKZ\n"
    refused = kg(runner, "query", str(plain), "-p", "x=1")
    assert refused.exit_code == 2
    assert "declares no parameters" in refused.stderr
    missing = kg(runner, "query", str(tmp_path / "missing.rq"))
    assert missing.exit_code == 2
    assert "cannot read query file" in missing.stderr
