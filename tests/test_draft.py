"""`kg draft`: the source record of an article and the known names it mentions, in any form."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kg.cli import app

from .conftest import ROOT, VALID

SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles (../shared/seeds) are not beside the checkout")


def _draft(runner, article: Path, *args: str, data: Path = ROOT / "data") -> dict:
    result = runner.invoke(app, ["draft", str(article), "--dry-run", "--format", "json", "--data", str(data), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _mentions(report: dict) -> set[tuple[str, int, str]]:
    return {(m["record"], m["line"], m["text"]) for m in report["mentions"]}


@needs_seeds
@pytest.mark.parametrize(("seed", "expected"), [
    ("000_4ba2df1a8860f384.txt", {
        ("person/kubanychbek-omuraliev", 7, "Omuraliev"),
        ("place/astana", 1, "ASTANA"),
        ("document/astana-act", 13, "Astana Act"),
        ("post/ots-secretary-general", 1, "Secretary General of OTS"),
        ("state/uzbekistan", 15, "Uzbekistan's"),
    }),
    ("001_d4bade762234ddd5.txt", {
        ("person/jeyhun-bayramov", 11, "Jeyhun Bayramov"),
        ("person/kubanychbek-omuraliev", 1, "Kubanychbek Omuraliev"),
        ("post/azerbaijan-minister-of-foreign-affairs", 1, "Azerbaijani Foreign Minister"),
    }),
    ("002_5b3a33e981358050.txt", {
        ("person/kassym-jomart-tokayev", 6, "Касым-Жомарт Токаев"),
        ("post/kazakhstan-president", 6, "Президент Казахстана"),
        ("event/central-asia-consultative-meeting-6", 6, "VI Консультативной встрече глав государств Центральной Азии"),
        ("state/kazakhstan", 10, "Казахстана"),
    }),
    ("003_7622bc8831cfb35f.txt", {
        ("person/sadyr-japarov", 3, "Садыром Жапаровым"),                  # instrumental case
        ("post/kyrgyzstan-president", 3, "Президентом Кыргызской Республики"),
        ("person/olzhas-bektenov", 9, "Олжас Бектенов"),
        ("place/bishkek", 1, "Бишкеке"),                                   # prepositional case
        ("state/turkiye", 5, "Турецкой Республики"),
    }),
    ("004_f287d511737c50f9.txt", {
        ("person/ilham-aliyev", 7, "Ильхама Алиева"),                      # genitive case
        ("place/nakhchivan", 13, "Нахчыване"),
        ("state/azerbaijan", 15, "Азербайджане"),
    }),
])
def test_each_seed_article_gives_its_mentions_with_lines(runner, seed, expected):
    report = _draft(runner, SEEDS / seed)
    assert expected <= _mentions(report)


@needs_seeds
def test_the_source_record_of_a_seed_matches_the_curated_one(runner):
    report = _draft(runner, SEEDS / "002_5b3a33e981358050.txt", "--publisher", "kapital-kz")
    source = yaml.safe_load(report["source"]["yaml"])
    curated = yaml.safe_load((ROOT / "data/sources/kapital-kz-central-asia-roadmap-2027.yaml").read_text())
    assert source["sha256"] == curated["sha256"]
    assert source["language"] == curated["language"] == "ru"
    assert source["title"] == {"ru": curated["title"]["ru"]}
    assert source["publisher"] == "organization/kapital-kz"
    assert report["source"]["notes"] == []


ARTICLE = """Tokayev and partners meet in Astana
ASTANA, 9 August 2024. Kassym-Jomart Tokayev's talks in Astana were held on August 9.
Президент Касым-Жомарт Токаев провёл встречу; Токаеву вручили награду 09.08.2024.
Jane Doe of Example Union attended. The leaders discussed trade, transport and the next steps of their cooperation.
"""


def test_an_english_and_russian_article_against_the_fixture(runner, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["draft", str(article), "--data", str(VALID), "--dry-run",
                                 "--publisher", "example-agency"])
    assert result.exit_code == 0, result.output
    sha = subprocess.run(["sha256sum", str(article)], capture_output=True, text=True, check=True).stdout.split()[0]
    assert result.stdout == f"""article: {article.as_posix()} (4 lines, language en, sha256 {sha})
would write {VALID.as_posix()}/sources/example-agency-2024-08-09-tokayev-and-partners-meet-in-astana.yaml (--dry-run):
    type: news-article
    title:
      en: Tokayev and partners meet in Astana
    publisher: organization/example-agency
    language: en
    published: '2024-08-09'
    sha256: {sha}
    note: Drafted by kg draft from the article's plain text; the SHA-256 is of that text. Check the title,
      language and date against the article.

known records mentioned (3):
  organization/example-union (Example Union): 4:13 «Example Union»
  person/kassym-jomart-tokayev (Kassym-Jomart Tokayev): 1:1 «Tokayev», 2:24 «Kassym-Jomart Tokayev's», 3:11 «Касым-Жомарт Токаев», 3:47 «Токаеву»
  place/astana (Astana): 1:30 «Astana», 2:1 «ASTANA», 2:57 «Astana»

dates (3):
  2: 2024-08-09 «9 August 2024»
  2: XXXX-08-09 «August 9»
  3: 2024-08-09 «09.08.2024»

capitalised names not in the graph (1):
  4: «Jane Doe»
"""
    assert "note: published 2024-08-09 was read from the article's first lines: check it" in result.output


def test_an_article_with_no_known_names(runner, tmp_path):
    article = tmp_path / "weather.txt"
    article.write_text("Sunny weather is expected this weekend.\nTemperatures will rise.\n", encoding="utf-8")
    report = _draft(runner, article, data=VALID)
    assert report["mentions"] == [] and report["unmatched"] == [] and report["dates"] == []
    assert report["language"] == "en"


def test_writes_the_source_and_never_overwrites(runner, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    args = ["draft", str(article), "--data", str(data), "--publisher", "example-agency", "--slug", "example-news"]
    before = (data / "sources" / "example-news.yaml").read_bytes()
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        f"error: {data.as_posix()}/sources/example-news.yaml exists; kg draft never overwrites a file: "
        "choose another --slug or edit the existing source")
    assert (data / "sources" / "example-news.yaml").read_bytes() == before
    fresh = runner.invoke(app, [*args[:-1], "new-article"])
    assert fresh.exit_code == 0, fresh.output
    written = data / "sources" / "new-article.yaml"
    assert fresh.stdout.splitlines()[1] == f"wrote {written.as_posix()}"
    assert runner.invoke(app, ["validate", "--data", str(data)]).exit_code == 0
    assert runner.invoke(app, [*args[:-1], "new-article"]).exit_code == 2


def test_an_article_that_is_not_utf8(runner, tmp_path):
    article = tmp_path / "cp1251.txt"
    article.write_bytes("Токаев".encode("cp1251"))
    result = runner.invoke(app, ["draft", str(article), "--data", str(VALID), "--dry-run"])
    assert result.exit_code == 2
    assert result.output.strip() == (f"error: {article} is not UTF-8 text (byte 0); convert it first, "
                                     "e.g. iconv -f cp1251 -t utf-8")
