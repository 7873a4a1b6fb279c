"""`kg site`: the pages show what the graph says, are valid HTML with working links, need nothing
from the network, and are written deterministically and atomically."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest

from kg.cli import app
from kg.query.fold import fold
from kg.site.build import build_site
from kg.site.search import fold_like_js, fold_table

from .conftest import DATA, ROOT

TOKAYEV = "id/person/kassym-jomart-tokayev.html"


@pytest.fixture
def built(built_site) -> tuple[Path, str]:
    return built_site


@pytest.fixture
def site(built_site) -> Path:
    return built_site[0]


def _checked_pages(site: Path) -> list[Path]:
    """Every English and Russian page, and the home, indexes and one record page of each other
    language (the same templates; only labels differ): validity and links are checked here."""
    def wanted(page: Path) -> bool:
        parts = page.relative_to(site).parts
        return (parts[0] in ("id", "index.html", "query.html", "ru") or len(parts) == 2
                or page.relative_to(site).as_posix().endswith(TOKAYEV)
                or parts[-1] == "index.html")
    return sorted(p for p in site.rglob("*.html") if wanted(p))


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class _Links(HTMLParser):
    """hrefs and srcs of a page, the ids it defines, and url() references in inline styles."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src", "action", "data-endpoint") and value is not None:
                self.refs.append((tag, name, value))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_cli_writes_the_site_and_reports(built):
    out, output = built
    assert re.fullmatch(r"wrote \d+ pages for \d+ records in 9 languages "
                        r"\(en, ru, az, hu, kk, ky, tk, tr, uz\) to .*/\n", output)
    assert (out / TOKAYEV).is_file() and (out / "ru" / TOKAYEV).is_file()


def test_record_page_shows_names_claims_sources_and_timeline(site):
    html = (site / TOKAYEV).read_text(encoding="utf-8")
    assert '<h1><span lang="en">Kassym-Jomart Tokayev</span></h1>' in html
    assert '<td lang="ru">Касым-Жомарт Токаев</td>' in html
    assert '<td lang="kk-Latn">Qasym-Jomart Toqaev</td>' in html
    assert re.search(r'<h3 id="group-2">Signing <span class="count">\(\d+\)</span></h3>', html)
    assert 'Status: <span class="status status-signed">signed</span>' in html
    assert ('<blockquote lang="ru">«Президент Казахстана Касым-Жомарт Токаев»</blockquote>' in html)
    assert 'href="https://www.newscentralasia.net/2024/08/09/' in html
    assert '<time datetime="2024-08-09" title="precision: day">9 August 2024</time>' in html
    assert '<h2 id="timeline">Timeline</h2>' in html
    assert 'href="kassym-jomart-tokayev.ttl"' in html and 'href="kassym-jomart-tokayev.jsonld"' in html


def test_translated_names_and_plans_are_marked(site):
    html = (site / "id/event/central-asia-consultative-meeting-6.html").read_text(encoding="utf-8")
    assert ('<td lang="en">VI Consultative Meeting of the Heads of State of Central Asia</td>'
            '<td><code>en</code></td><td>preferred · <span class="translated">curators&#39; '
            'translation</span></td>') in html
    expected = [p for p in (site / "id/document").glob("*.html")
                if 'status-expected">expected</span>' in p.read_text(encoding="utf-8")]
    assert expected, "an expected signing or plan is shown as expected"


def test_month_precision_is_not_made_a_day(site):
    html = (site / "id/event/national-urban-forum-azerbaijan-2023.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-09" title="precision: month">September 2023</time>' in html
    ru = (site / "ru/id/event/national-urban-forum-azerbaijan-2023.html").read_text(encoding="utf-8")
    assert '<time datetime="2023-09" title="точность: месяц">сентябрь 2023</time>' in ru


def test_russian_pages_translate_the_interface(site):
    html = (site / "ru" / TOKAYEV).read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="ru">')
    assert '<h1><span lang="ru">Касым-Жомарт Токаев</span></h1>' in html
    assert '<h2 id="names">Названия</h2>' in html and '<h2 id="claims">Утверждения</h2>' in html
    assert '<a href="../../../id/person/kassym-jomart-tokayev.html" hreflang="en" lang="en">English</a>' in html
    kk = (site / "kk" / TOKAYEV).read_text(encoding="utf-8")
    assert '<h1><span lang="kk">Қасым-Жомарт Тоқаев</span></h1>' in kk


def test_indexes_and_home(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    count = len(list((DATA / "persons").glob("*.yaml")))
    assert f'<a href="id/person/index.html">Persons</a></td><td>{count}</td>' in home
    persons = (site / "id/person/index.html").read_text(encoding="utf-8")
    assert persons.split("<main")[1].count("<li><a href=\"") == count
    assert (site / "id/post/kazakhstan-president.html").is_file()


def test_search_folds_every_name_as_kg_query_fold_does(site):
    index = (site / "static/search-index.js").read_text(encoding="utf-8")
    names = re.findall(r'<td lang="[^"]+">([^<]+)</td>', "".join(
        p.read_text(encoding="utf-8") for p in (site / "id").glob("*/*.html")))
    table = fold_table(names)
    for name in set(names) | {"Токаев", "Тоқаев", "Əliyev", "İlham", "Oʻzbekiston"}:
        assert fold_like_js(name, table) == fold(name), name
    assert '"tokaev"' in index or "tokaev" in index


def test_every_page_is_valid_html(site):
    parser = html5lib.HTMLParser(strict=True)
    pages = _checked_pages(site)
    assert len(pages) > 250
    for page in pages:
        try:
            parser.parse(page.read_bytes())
        except html5lib.html5parser.ParseError as exc:
            pytest.fail(f"{page.relative_to(site)}: {exc}")


def test_every_internal_link_resolves_and_no_asset_comes_from_the_network(site):
    parsed = {p: _parse(p) for p in _checked_pages(site)}
    broken, remote = [], []
    for page, links in parsed.items():
        for tag, attribute, value in links.refs:
            split = urlsplit(value)
            if split.scheme or value.startswith("//"):
                if tag != "a":  # a hyperlink to a source is fine; an asset is not
                    remote.append(f"{page.relative_to(site)}: <{tag} {attribute}={value}>")
                continue
            if attribute in ("action", "data-endpoint"):
                continue  # the query endpoint exists only when served
            target = (page.parent / unquote(split.path)).resolve() if split.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {value}")
            elif split.fragment and target.suffix == ".html" and \
                    unquote(split.fragment) not in (parsed.get(target) or _parse(target)).ids:
                broken.append(f"{page.relative_to(site)}: {value} (no such id)")
    assert not broken, "\n".join(broken[:20])
    assert not remote, "\n".join(remote[:20])
    for asset in [*site.rglob("*.css"), *site.rglob("*.js")]:
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), asset
        assert "sourceMappingURL" not in text, asset
        assert not re.search(r"""src\s*=\s*['"]https?://|@import""", text), asset  # hyperlinks are fine


def test_byte_identical_across_builds_and_hash_seeds(site, tmp_path):
    other = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "kg", "site", "--data", str(DATA), "--out", str(other)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    assert _tree(site) == _tree(other)


def test_failed_build_leaves_previous_site_untouched(site, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(site, out)
    before = _tree(out)
    with pytest.raises(RuntimeError, match="injected failure"):
        build_site(DATA, out, fail_after=TOKAYEV)
    assert _tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_data_errors_write_nothing(runner, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "persons" / "kassym-jomart-tokayev.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["site", "--data", str(data), "--out", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert "no site was written" in result.output
    assert not (tmp_path / "site").exists()
