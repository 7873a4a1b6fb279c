"""The site served by `kg serve`, in a real headless Chromium (Debian's chromium and
chromium-driver, via Selenium, offline): names and claims, links between records, the language switch, the search box with a
Cyrillic name, and a named query run from the query page. Skipped only when no Chromium is
installed; `.ci/run` sets KG_REQUIRE_BROWSER=1, which turns that skip into a failure.

KG_SCREENSHOTS=1 also writes docs/screenshots/person.png and summit.png."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator

import pytest

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
TIMEOUT = 20


def _missing() -> str | None:
    if CHROMIUM is None or DRIVER is None:
        return "no Chromium found (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    reason = _missing()
    if reason:
        if os.environ.get("KG_REQUIRE_BROWSER"):
            pytest.fail(f"KG_REQUIRE_BROWSER is set but {reason}")
        pytest.skip(reason)
    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1100,1400", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(TIMEOUT)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def base(served_site) -> str:
    """`kg serve` on 127.0.0.1: the site, and the SPARQL endpoint the query page uses."""
    return served_site.base


def _wait(driver, condition):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, TIMEOUT).until(condition)


def _by(kind: str):  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def _only_local(driver, base: str) -> None:  # type: ignore[no-untyped-def]
    """Every resource the page loaded came from `base`, and no script reported an error."""
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(r.startswith(base) for r in resources), resources
    assert resources or base.startswith("file:")  # file:// loads are not in resource timing
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_record_page_link_and_language_switch(browser, base):
    d = browser
    d.get(f"{base}/id/person/kassym-jomart-tokayev")
    assert d.find_element(_by("TAG_NAME"), "h1").text == "Kassym-Jomart Tokayev"
    names = d.find_element(_by("CSS_SELECTOR"), "table.names").text
    assert "Касым-Жомарт Токаев" in names and "Qasym-Jomart Toqaev" in names
    claims = d.find_element(_by("ID"), "claims").find_element(_by("XPATH"), "..").text
    assert re.search(r"Signing \(\d+\)", claims) and "Status: signed" in claims
    _only_local(d, base)
    d.find_element(_by("CSS_SELECTOR"),
                   "table.timeline a[href*='event/central-asia-consultative-meeting-6']").click()
    _wait(d, lambda drv: "event/central-asia-consultative-meeting-6" in drv.current_url)
    assert d.find_element(_by("TAG_NAME"), "h1").text == \
        "VI Consultative Meeting of the Heads of State of Central Asia"
    d.find_element(_by("CSS_SELECTOR"), "nav.langs a[hreflang='ru']").click()
    _wait(d, lambda drv: "/ru/" in drv.current_url)
    assert d.find_element(_by("TAG_NAME"), "html").get_attribute("lang") == "ru"
    assert d.find_element(_by("TAG_NAME"), "h1").text == \
        "VI Консультативная встреча глав государств Центральной Азии"
    assert d.find_element(_by("ID"), "names").text == "Названия"
    assert d.find_element(_by("ID"), "claims").text == "Утверждения"


def test_search_finds_a_person_by_a_cyrillic_name(browser, base):
    d = browser
    d.get(f"{base}/")
    box = d.find_element(_by("ID"), "search-box")
    box.send_keys("Токаев")
    link = _wait(d, lambda drv: drv.find_element(_by("CSS_SELECTOR"),
                                                 "#search-results a[href*='person/kassym-jomart-tokayev']"))
    assert link.text == "Kassym-Jomart Tokayev"
    link.click()
    _wait(d, lambda drv: drv.current_url.endswith("/id/person/kassym-jomart-tokayev.html"))
    box = d.find_element(_by("ID"), "search-box")
    box.send_keys("Toqaev")  # another romanization, folded like kg.query.fold
    link = _wait(d, lambda drv: drv.find_element(_by("CSS_SELECTOR"),
                                                 "#search-results a[href*='person/kassym-jomart-tokayev']"))
    assert link.text == "Kassym-Jomart Tokayev"


def test_named_query_runs_from_the_query_page(browser, base):
    d = browser
    d.get(f"{base}/query.html")
    _wait(d, lambda drv: drv.find_elements(_by("CSS_SELECTOR"), ".yasqe .CodeMirror"))
    d.find_element(_by("CSS_SELECTOR"), "button[data-example='documents-signed-by']").click()
    table = _wait(d, lambda drv: drv.find_element(_by("CSS_SELECTOR"), ".yasr table.dataTable tbody"))
    _wait(d, lambda drv: "central-asia-joint-statement-2024" in table.text)
    _only_local(d, base)
    table.find_element(_by("CSS_SELECTOR"), "a[href*='document/central-asia-joint-statement-2024']").click()
    _wait(d, lambda drv: "/id/document/central-asia-joint-statement-2024.html" in drv.current_url)
    assert "Joint Statement" in d.find_element(_by("TAG_NAME"), "h1").text


def test_pages_opened_from_files_search_offline(browser, built_site):
    d = browser
    d.get((built_site[0] / "ru" / "index.html").as_uri())
    d.find_element(_by("ID"), "search-box").send_keys("tokayev")
    link = _wait(d, lambda drv: drv.find_element(_by("CSS_SELECTOR"), "#search-results a"))
    assert link.text == "Касым-Жомарт Токаев"
    link.click()
    _wait(d, lambda drv: drv.current_url.endswith("/ru/id/person/kassym-jomart-tokayev.html"))
    assert d.find_element(_by("ID"), "timeline").text == "Хронология"
    _only_local(d, built_site[0].as_uri())


@pytest.mark.skipif(not os.environ.get("KG_SCREENSHOTS"), reason="set KG_SCREENSHOTS=1 to refresh")
def test_screenshots(browser, base):
    folder = ROOT / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for name, path in (("person", "/id/person/kassym-jomart-tokayev"),
                       ("summit", "/id/event/central-asia-consultative-meeting-6")):
        browser.get(base + path)
        browser.save_screenshot(str(folder / f"{name}.png"))
