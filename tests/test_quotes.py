"""`kg verify-quotes`: quotes against the archived texts their sources point at by SHA-256."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.quotes import normalise

from .conftest import DATA, SEEDS, VALID

ARTICLE = ("ASTANA, August 9. The leaders signed\u00a0the roadmap\nin Astana on Friday.\n\n"
           "  Kazakhstan   took the chair of the Example Union, the agency reports.\n")
NEWS = "data/sources/example-news.yaml"
EVENT = "data/events/2024/example-summit.yaml"
UNION = "data/organizations/example-union.yaml"
ZEROS = "0" * 64


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    """The valid fixture, with its source pointing at an archived article in archive/."""
    shutil.copytree(VALID, tmp_path / "data")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    set_sha(tmp_path, hashlib.sha256(ARTICLE.encode()).hexdigest())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def set_sha(root: Path, sha: str | None) -> None:
    source = root / NEWS
    text = source.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("sha256:"))
    source.write_text(text.replace(line + "\n", "" if sha is None else f"sha256: {sha}\n"),
                      encoding="utf-8")


def replace(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def verify(*args: str):
    return CliRunner().invoke(app, ["verify-quotes", "--archive", "archive", *args])


def test_quotes_found_up_to_whitespace(tree):
    result = verify()
    assert result.stdout == "0 errors, 0 warnings\n"
    assert result.stderr == "checked 2 quotes from 1 sources against archive/\n"
    assert result.exit_code == 0


def test_a_changed_quote_is_reported_at_its_line(tree):
    replace(tree, EVENT, "quote: signed the roadmap", "quote: signed the road map")
    result = verify()
    assert result.stdout.splitlines() == [
        f"{EVENT}:26:16: error E601 quote not found verbatim in archive/article.txt, the "
        "archived text of 'source/example-news' (it matches up to '…signed the road' and "
        "differs from there); copy it exactly (only whitespace may differ)",
        "1 error, 0 warnings",
    ]
    assert result.exit_code == 1


def test_typographic_quotes_are_not_normalised(tree):
    replace(tree, EVENT, "quote: signed the roadmap", "quote: 'signed “the roadmap”'")
    replace(tree, "archive/article.txt", "signed\u00a0the roadmap", 'signed "the roadmap"')
    set_sha(tree, hashlib.sha256((tree / "archive" / "article.txt").read_bytes()).hexdigest())
    result = verify()
    assert result.stdout.splitlines()[0] == (
        f"{EVENT}:26:16: error E601 quote not found verbatim in archive/article.txt, the "
        "archived text of 'source/example-news' (it differs only in quotation marks or "
        "dashes); copy it exactly (only whitespace may differ)")
    assert result.exit_code == 1


FIX = ("this quote cannot be checked: source 'example-news' has no archived text; archive its "
       "plain text and record its `sha256` in data/sources/example-news.yaml, or keep the quote "
       "and mark that source `unverifiable_quotes: true`")


def test_a_source_with_quotes_but_no_hash_is_reported_at_each_quote(tree):
    set_sha(tree, None)
    result = verify()
    assert result.stdout.splitlines() == [
        f"{EVENT}:26:16: error E602 {FIX}",
        f"{UNION}:25:16: error E602 {FIX}",
        "2 errors, 0 warnings",
    ]
    assert result.exit_code == 1
    validated = CliRunner().invoke(app, ["validate"])  # kg validate warns at the same places
    assert validated.stdout.splitlines() == [
        f"{EVENT}:26:16: warning W606 {FIX}",
        f"{UNION}:25:16: warning W606 {FIX}",
        "0 errors, 2 warnings",
    ]
    assert validated.exit_code == 0


def test_a_source_marked_unverifiable_keeps_its_quotes_unchecked(tree):
    set_sha(tree, None)
    replace(tree, NEWS, "note:", "unverifiable_quotes: true\nnote:")
    result = verify()
    assert (result.exit_code, result.stdout) == (0, "0 errors, 0 warnings\n")
    assert result.stderr == ("checked 0 quotes from 0 sources against archive/; 2 quotes of "
                             "web pages without archived text not checked\n")
    validated = CliRunner().invoke(app, ["validate"])
    assert (validated.exit_code, validated.stdout) == (0, "0 errors, 0 warnings\n")
    stats = CliRunner().invoke(app, ["stats"])
    assert "quotes:\n  checkable against archived text  0\n  unverifiable                     2\n" \
        in stats.stdout


def test_a_source_cannot_be_archived_and_unverifiable(tree):
    replace(tree, NEWS, "note:", "unverifiable_quotes: true\nnote:")
    validated = CliRunner().invoke(app, ["validate"])
    assert validated.exit_code == 1
    assert "a source with `sha256` has archived text, so its quotes can be checked; remove " \
        "`unverifiable_quotes`" in validated.stdout


def test_quotes_of_a_web_page_without_archived_text_are_counted_not_checked(tree):
    set_sha(tree, None)
    replace(tree, NEWS, "type: news-article", "type: web-page")
    result = verify()
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 0 warnings\n"
    assert result.stderr.startswith("checked 0 quotes from 0 sources against archive/; "
                                    "2 quotes of web pages without archived text not checked")


def test_a_hash_that_matches_no_archived_file_is_reported(tree):
    set_sha(tree, ZEROS)
    result = verify()
    assert result.stdout.splitlines() == [
        f"{NEWS}:7:9: error E603 2 quotes cite this source, but no archived file has this "
        "SHA-256: archive the article's plain text, or correct `sha256`",
        "1 error, 0 warnings",
    ]
    assert result.exit_code == 1


def test_an_archived_text_that_is_not_utf8_is_reported(tree):
    raw = "Kazakhstan took the chair".encode("cp1251") + b"\xff"
    (tree / "archive" / "article.txt").write_bytes(raw)
    set_sha(tree, hashlib.sha256(raw).hexdigest())
    result = verify()
    assert result.stdout.splitlines()[0] == (
        f"{NEWS}:7:9: error E604 the archived text archive/article.txt is not UTF-8; archive it "
        "as UTF-8 plain text")
    assert result.exit_code == 1


def test_json_output(tree):
    replace(tree, UNION, "quote: Kazakhstan took the chair", "quote: Kazakhstan took over")
    result = verify("--format", "json")
    payload = json.loads(result.stdout)
    assert payload["errors"] == 1
    assert [(f["path"], f["line"], f["col"], f["code"]) for f in payload["findings"]] == [
        (UNION, 25, 16, "E601")]
    assert result.exit_code == 1


def test_missing_archive_exits_2(tree):
    result = CliRunner().invoke(app, ["verify-quotes", "--archive", "nowhere"])
    assert result.exit_code == 2
    assert result.output == "error: archive folder 'nowhere' does not exist; pass --archive DIR\n"


def test_fact_files_with_errors_are_reported_too(tree):
    replace(tree, EVENT, "status: held", "status: hold")
    result = verify()
    assert result.exit_code == 1
    assert f"{EVENT}:6:9: error E204 " in result.stdout


def test_whitespace_normalisation():
    assert normalise(" a\u00a0 b\n\tc\u2003d  ") == "a b c d"
    assert normalise("“quoted” — text") == "“quoted” — text"


@pytest.mark.skipif(not SEEDS.is_dir() or not any(DATA.rglob("*.yaml")),
                    reason="needs data/ and the archived seed articles")
def test_real_quotes_are_in_the_seed_articles():
    result = CliRunner().invoke(app, ["verify-quotes", "--archive", str(SEEDS),
                                      "--data", str(DATA)])
    assert result.stdout == "0 errors, 0 warnings\n", result.stdout
    assert result.exit_code == 0
