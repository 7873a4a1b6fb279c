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
COVERAGE = ROOT / "tests" / "fixtures" / "coverage"


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
        self.duplicates: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                if value in self.ids:
                    self.duplicates.append(value)
                self.ids.add(value)
            if name in ("href", "src", "action", "data-endpoint") and value is not None:
                self.refs.append((tag, name, value))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_cli_writes_the_site_and_reports(built):
    out, output = built
    assert re.fullmatch(r"wrote \d+ pages for \d+ records in \d+ languages "
                        r"\(en, ru(, [a-z]{2,3}(-[A-Za-z]+)?)+\) to .*/\n", output)
    assert (out / TOKAYEV).is_file() and (out / "ru" / TOKAYEV).is_file()


def test_record_page_shows_names_claims_sources_and_timeline(site):
    html = (site / TOKAYEV).read_text(encoding="utf-8")
    assert '<h1><span lang="en">Kassym-Jomart Tokayev</span></h1>' in html
    assert '<td lang="ru">Касым-Жомарт Токаев</td>' in html
    assert '<td lang="kk-Latn">Qasym-Jomart Toqaev</td>' in html
    assert re.search(r'<h3 id="group-\d+">Signing <span class="count">\(\d+\)</span></h3>', html)
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
    forum = (site / "id/event/world-urban-forum-13.html").read_text(encoding="utf-8")
    assert ('</p>\n<p class="status-line">Status: <span class="status status-scheduled">scheduled</span></p>'
            '<p class="data-links">') in forum  # the record's own status, under its name
    ru = (site / "ru/id/event/world-urban-forum-13.html").read_text(encoding="utf-8")
    assert 'Статус: <span class="status status-planned">запланировано</span>' in ru


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


def test_a_source_without_a_headline_is_named_by_publisher_and_date(site):
    html = (site / "ru/index.html").read_text(encoding="utf-8")
    assert ('<a href="id/source/azertac-2025-11-24-ots-ngo-solidarity-forum.html">'
            '<span lang="ru">АЗЕРТАДЖ, 24 ноября 2025</span></a>') in html


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
        broken += [f"{page.relative_to(site)}: duplicate id {i}" for i in links.duplicates]
        for tag, attribute, value in links.refs:
            split = urlsplit(value)
            if split.scheme == "data":
                continue  # inline, not fetched
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


@pytest.fixture(scope="module")
def coverage_site(tmp_path_factory) -> Path:
    """The site of the coverage fixture: contested values, former names, identifiers, three
    languages, 15 records (small, so that builds repeated for a test stay fast)."""
    out = tmp_path_factory.mktemp("coverage-site") / "site"
    build_site(COVERAGE, out)
    return out


def test_byte_identical_across_builds_and_hash_seeds(coverage_site, tmp_path):
    other = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "kg", "site", "--data", str(COVERAGE), "--out", str(other)],
                   check=True, env=env, cwd=ROOT, capture_output=True)
    assert len(_tree(other)) > 100
    assert _tree(coverage_site) == _tree(other)


def test_failed_build_leaves_previous_site_untouched(coverage_site, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(coverage_site, out)
    before = _tree(out)
    with pytest.raises(RuntimeError, match="injected failure"):
        build_site(COVERAGE, out, fail_after="id/person/kassym-jomart-tokayev.html")
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


def test_refuses_to_replace_a_folder_kg_did_not_write(runner, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["site", "--data", str(DATA), "--out", str(mine)])
    assert result.exit_code == 2
    assert "is a folder kg did not write" in result.output
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_contested_values_are_shown_side_by_side(coverage_site):
    """Every sourced value of a contested field, preferred first, each with its sources; the
    page of another data folder builds even though the catalog's example names are not in it."""
    out = coverage_site
    page = out / "id/event/example-summit-2010.html"
    html = page.read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(html)
    assert '<dt>date <span class="status status-contested">contested</span></dt>' in html
    table = html.split('<caption>Sources disagree: date</caption>')[1].split("</table>")[0]
    preferred, other = table.split("<tbody>")[1].split("</tr>")[:2]
    assert '<time datetime="2010-09-16"' in preferred and "preferred" in preferred
    assert "The organization&#39;s own list of summits gives 16 September." in preferred
    assert "«16 September 2010, Bishkek»" in preferred
    assert '<time datetime="2010-09-15"' in other and "normal" in other
    assert "«15 September 2010»" in other
    assert ('Status: <span class="status status-attested">attested</span> '
            '<span class="status status-contested">contested</span>') in html
    query = (out / "query.html").read_text(encoding="utf-8")
    assert "no format or organization is named &#39;OTS&#39;" in query
    union = (out / "id/organization/example-union.html").read_text(encoding="utf-8")
    assert ('<p class="former">Former name from <time datetime="2009-10-03" title="precision: day">'
            '3 October 2009</time> until <time datetime="2021-11-12" title="precision: day">'
            '12 November 2021</time>: <span lang="en">Cooperation Council of Example States</span>') in union
    index = (out / "static/search-index.js").read_text(encoding="utf-8")
    entry = index.split('"example-union",{')[1].split(']]')[0]
    assert '"ces"' in entry  # CCES, a former short name, is searchable


def test_ensure_site_rebuilds_only_when_inputs_change(tmp_path):
    from kg.site.build import ensure_site

    data = tmp_path / "data"
    shutil.copytree(COVERAGE, data)
    out = tmp_path / "site"
    assert ensure_site(data, out) is not None
    assert ensure_site(data, out) is None  # fresh: served as it is
    place = data / "places" / "bishkek.yaml"
    place.write_text(place.read_text(encoding="utf-8").replace("Bishkek", "Bishkek city", 1),
                     encoding="utf-8")
    assert ensure_site(data, out) is not None
    assert "Bishkek city" in (out / "id/place/bishkek.html").read_text(encoding="utf-8")
