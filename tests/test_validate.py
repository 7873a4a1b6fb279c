"""`kg validate` end to end: clean data, pinned output formats, exit codes, --changed-only."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from kg.cli import app

from .conftest import DATA, VALID
from .test_validate_fixtures import INVALID, prepare

MIXED = "mixed-error-and-warning"
PERSON = "data/persons/kassym-jomart-tokayev.yaml"
EVENT = "data/events/2024/example-summit.yaml"
W441 = ("a held event has no date: add `date:` (or `start:`) with the precision the source "
        "gives, e.g. 2024 or 2024-08, or a `note:` saying that the sources give none")
E402 = ("no Russian name: add `ru: ...` under `name:` (`title:` for a document); mark it "
        "`translated: [ru]` if it is your own translation")


@pytest.fixture
def mixed(tmp_path, monkeypatch):
    """A data tree with an error in the person file and a warning in the event file."""
    prepare(INVALID / MIXED, tmp_path, monkeypatch)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_valid_fixture_has_no_findings():
    result = invoke("validate", "--data", str(VALID))
    assert result.output == "0 errors, 0 warnings\n"
    assert result.exit_code == 0


@pytest.mark.skipif(not any(DATA.rglob("*.yaml")), reason="data/ has no fact files yet")
def test_real_data_has_no_errors():
    result = invoke("validate", "--data", str(DATA))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("0 errors, ")


def test_text_format_is_pinned(mixed):
    result = invoke("validate")
    assert result.output == (f"{EVENT}:6:1: warning W441 {W441}\n"
                             f"{PERSON}:1:1: error E402 {E402}\n"
                             "1 error, 1 warning\n")
    assert result.exit_code == 1


def test_json_format_is_pinned(mixed):
    result = invoke("validate", "--format", "json")
    assert result.output == (
        '{\n  "errors": 1,\n  "warnings": 1,\n  "findings": [\n'
        f'    {{\n      "path": "{EVENT}",\n      "line": 6,\n      "col": 1,\n'
        f'      "severity": "warning",\n      "code": "W441",\n      "message": "{W441}"\n    }},\n'
        f'    {{\n      "path": "{PERSON}",\n      "line": 1,\n      "col": 1,\n'
        f'      "severity": "error",\n      "code": "E402",\n      "message": "{E402}"\n    }}\n'
        '  ]\n}\n')
    assert json.loads(result.output)["errors"] == 1
    assert result.exit_code == 1


def test_github_format_is_pinned(mixed):
    result = invoke("validate", "--format", "github")
    assert result.output == (
        f"::warning file={EVENT},line=6,col=1,title=W441::W441 {W441}\n"
        f"::error file={PERSON},line=1,col=1,title=E402::E402 {E402}\n")
    assert result.exit_code == 1


def test_github_format_of_clean_data_prints_nothing():
    result = invoke("validate", "--data", str(VALID), "--format", "github")
    assert (result.output, result.exit_code) == ("", 0)


def test_invisible_characters_are_shown_escaped(tmp_path, monkeypatch):
    shutil.copytree(VALID, tmp_path / "data")
    place = tmp_path / "data" / "places" / "astana.yaml"
    place.write_text(place.read_text(encoding="utf-8").replace("type: city", "ty\u202epe: city"),
                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    lines = invoke("validate").output.splitlines()
    assert "data/places/astana.yaml:4:1: error E201 unknown field 'ty\\u202epe' (did you mean " \
           "'type'?)" in lines
    assert not any("\u202e" in line for line in lines)


# --- exit code 2: the run could not start ------------------------------------------------

def test_missing_data_folder_exits_2(tmp_path):
    result = invoke("validate", "--data", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.output == f"error: data folder '{tmp_path / 'nope'}' does not exist; pass --data DIR\n"


def test_unknown_format_exits_2():
    result = invoke("validate", "--data", str(VALID), "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.output


def test_unreadable_shapes_file_exits_2(tmp_path):
    (tmp_path / "broken.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y ",
                                         encoding="utf-8")
    result = invoke("validate", "--data", str(VALID), "--shapes", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith(f"error: cannot read shapes file '{tmp_path / 'broken.ttl'}': ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("constraint", "problem"), [
    ('sh:minCount "one"', "are not valid SHACL: MinCountConstraintComponent sh:minCount must be "
                          "a literal with datatype xsd:integer."),
    ("sh:pattern 5", "SHACL validation could not run on the shapes in "),
])
def test_shapes_that_are_not_shacl_exit_2(tmp_path, monkeypatch, constraint, problem):
    monkeypatch.setenv("KG_SHACL_ENGINE", "pyshacl")
    (tmp_path / "bad.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
        "ex:S a sh:NodeShape ; sh:targetClass <https://w3id.org/tcdkg/ontology#Person> ;\n"
        f"    sh:property [ sh:path ex:p ; {constraint} ] .\n", encoding="utf-8")
    result = invoke("validate", "--data", str(VALID), "--shapes", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith("error: ")
    assert problem in result.output
    assert "Traceback" not in result.output


def test_missing_shapes_folder_exits_2(tmp_path):
    result = invoke("validate", "--data", str(VALID), "--shapes", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == f"error: no SHACL shapes (*.ttl) in '{tmp_path}'; pass --shapes DIR\n"


@pytest.mark.parametrize(("text", "problem"), [
    ("# severity: error\n# message: m\nSELECT ?focus {}", "check header lacks code"),
    ("# code: E501\n# severity: error\n# message: m\n# colour: red\nSELECT ?focus {}",
     "unexpected header key 'colour'"),
    ("# code: W501\n# severity: error\n# message: m\nSELECT ?focus {}",
     "code 'W501' must be E5xx for an error, W5xx for a warning"),
    ("# code: E501\n# severity: fatal\n# message: m\nSELECT ?focus {}",
     "severity must be error or warning, not 'fatal'"),
    ("# code: E501\n# severity: error\n# message: m\nSELECT ?focus WHERE { ?focus }",
     "the query does not parse"),
    ("# code: E501\n# severity: error\n# message: m\nASK {}", "a check is a SELECT query"),
    ("# code: E501\n# severity: error\n# message: {who}\nSELECT ?focus {}",
     "the query does not select ?who"),
])
def test_broken_check_exits_2(tmp_path, text, problem):
    (tmp_path / "bad.rq").write_text(text, encoding="utf-8")
    result = invoke("validate", "--data", str(VALID), "--checks", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {tmp_path / 'bad.rq'}")
    assert problem in result.output


# --- PATHS and --changed-only ----------------------------------------------------------

def test_changed_only_reports_only_findings_in_the_given_files(mixed):
    result = invoke("validate", "--changed-only", PERSON)
    assert result.output == f"{PERSON}:1:1: error E402 {E402}\n1 error, 0 warnings\n"
    assert result.exit_code == 1
    result = invoke("validate", "--changed-only", EVENT)
    assert result.output == f"{EVENT}:6:1: warning W441 {W441}\n0 errors, 1 warning\n"
    assert result.exit_code == 0


def test_changed_only_checks_against_the_whole_graph(tmp_path, monkeypatch):
    """The post holding changed in the person file; the finding it causes is in the event file."""
    prepare(INVALID / "check-signatory-post-ended", tmp_path, monkeypatch)
    assert invoke("validate", "--changed-only", PERSON).output == "0 errors, 0 warnings\n"
    result = invoke("validate", "--changed-only", EVENT)
    assert result.output.splitlines()[0].startswith(f"{EVENT}:20:5: error E501 ")
    assert result.exit_code == 1


def test_changed_only_skips_deleted_and_non_fact_files(mixed):
    result = invoke("validate", "--changed-only", "data/persons/gone.yaml", "README.md")
    assert (result.output, result.exit_code) == ("0 errors, 0 warnings\n", 0)


def test_paths_must_exist_without_changed_only(mixed):
    result = invoke("validate", "data/persons/gone.yaml")
    assert result.exit_code == 2
    assert result.output == ("error: 'data/persons/gone.yaml' does not exist; "
                             "pass fact files or folders to report on\n")


def test_a_folder_path_reports_the_files_under_it(mixed):
    result = invoke("validate", "data/persons")
    assert result.output == f"{PERSON}:1:1: error E402 {E402}\n1 error, 0 warnings\n"


# --- the build refuses what validate rejects ---------------------------------------------

def test_build_refuses_to_export_on_shape_errors(tmp_path, monkeypatch):
    prepare(INVALID / "shacl-name-without-russian", tmp_path, monkeypatch)
    result = invoke("build", "--out", "dist")
    assert result.exit_code == 1
    assert f"{PERSON}:1:1: error E402 {E402}" in result.output
    assert not (tmp_path / "dist").exists()


def test_build_refuses_to_export_on_check_errors(tmp_path, monkeypatch):
    prepare(INVALID / "check-chairmanships-overlap", tmp_path, monkeypatch)
    result = invoke("build", "--out", "dist")
    assert result.exit_code == 1
    assert " error E505 " in result.output
    assert not (tmp_path / "dist").exists()


def test_validate_lives_in_its_own_cli_module():
    import kg.cli.build
    import kg.cli.validate

    assert not hasattr(kg.cli.build, "validate")
    assert kg.cli.validate.validate.__module__ == "kg.cli.validate"


def test_pyshacl_runs_offline_on_the_data_graph_alone(monkeypatch, valid_compiled):
    """No ontology mixed in, no inference, no imports; shapes passed as their own graph."""
    import pyshacl

    from kg.validation.shacl import shacl_findings

    seen = {}

    def spy(data, **options):
        seen.update(options, data=data)
        return real(data, **options)

    real = pyshacl.validate
    monkeypatch.setenv("KG_SHACL_ENGINE", "pyshacl")
    monkeypatch.setattr(pyshacl, "validate", spy)
    assert shacl_findings(valid_compiled) == []
    assert seen["inference"] == "none"
    assert seen["advanced"] is True
    assert seen["ont_graph"] is None
    assert seen["do_owl_imports"] is False
    namespaces = {str(p).rsplit("#", 1)[0] for p in seen["data"].predicates()}
    assert "http://www.w3.org/ns/shacl" not in namespaces
    assert "http://www.w3.org/2002/07/owl" not in namespaces
    assert len(seen["data"]) == len(valid_compiled.graph.triples())
