"""Content negotiation at /id/<kind>/<slug>: the right representation for each Accept header,
parseable and equal to the record's named graph; 406 otherwise; Vary: Accept. Tested on the
function the HTTP layer calls and through `kg serve`."""

from __future__ import annotations

import urllib.error
import urllib.request

import pyoxigraph as ox
import pytest

from kg.namespaces import GRAPH
from kg.site.negotiate import choose, respond

RECORDS = ["person/kassym-jomart-tokayev", "event/central-asia-consultative-meeting-6",
           "document/central-asia-regional-cooperation-roadmap-2025-2027"]
FORMATS = [("text/turtle", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
           ("application/n-triples", "application/n-triples; charset=utf-8", ox.RdfFormat.N_TRIPLES),
           ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD)]
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def store(real_store) -> ox.Store:
    return real_store


def _named_graph(store: ox.Store, record: str) -> set[ox.Triple]:
    return {q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH + record))}


@pytest.mark.parametrize("record", RECORDS)
@pytest.mark.parametrize(("accept", "media", "fmt"), FORMATS)
def test_rdf_representations_equal_the_named_graph(built_site, store, record, accept, media, fmt):
    answer = respond(built_site[0], f"/id/{record}", accept)
    assert (answer.status, answer.media_type) == (200, media)
    assert answer.headers["Vary"] == "Accept"
    graph = _named_graph(store, record)
    assert graph  # a record with data
    # no blank nodes in the data: isomorphism is equality of the triple sets
    assert {q.triple for q in ox.parse(answer.body, format=fmt)} == graph


@pytest.mark.parametrize("accept", [None, "", "*/*", "text/html", BROWSER,
                                    "text/turtle;q=0.5, text/html"])
def test_browsers_and_anything_get_the_page(built_site, accept):
    answer = respond(built_site[0], "/id/person/kassym-jomart-tokayev", accept)
    assert (answer.status, answer.media_type) == (200, "text/html; charset=utf-8")
    assert b"<h1><span lang=\"en\">Kassym-Jomart Tokayev</span></h1>" in answer.body
    assert answer.headers["Vary"] == "Accept"


def test_preference_follows_q_values():
    offered = ["text/html", "text/turtle", "application/ld+json"]
    assert choose("application/ld+json;q=0.9, text/turtle;q=0.5", offered) == "application/ld+json"
    assert choose("text/*;q=0.3, text/turtle", offered) == "text/turtle"
    assert choose("text/html;q=0, */*", offered) == "text/turtle"
    assert choose("image/png", offered) is None


@pytest.mark.parametrize("accept", ["image/png", "application/rdf+xml", "text/html;q=0, */*;q=0"])
def test_nothing_acceptable_is_406(built_site, accept):
    answer = respond(built_site[0], "/id/person/kassym-jomart-tokayev", accept)
    assert answer.status == 406
    assert answer.headers == {"Vary": "Accept"}
    assert answer.body.startswith(b"406 Not Acceptable: /id/person/kassym-jomart-tokayev is available as "
                                  b"text/html, application/xhtml+xml, text/turtle")


def test_claims_indexes_files_and_unknown_paths(built_site):
    site = built_site[0]
    claim = respond(site, "/id/person/kassym-jomart-tokayev/post-holding/kazakhstan-president", BROWSER)
    assert claim.status == 303
    assert claim.headers["Location"] == ("/id/person/kassym-jomart-tokayev.html"
                                         "#person/kassym-jomart-tokayev/post-holding/kazakhstan-president")
    as_data = respond(site, "/id/person/kassym-jomart-tokayev/post-holding/kazakhstan-president", "text/turtle")
    assert (as_data.status, as_data.headers["Location"]) == (303, "/id/person/kassym-jomart-tokayev")
    assert respond(site, "/id/person").headers == {"Location": "/id/person/"}
    assert b"Persons" in respond(site, "/id/person/").body
    assert respond(site, "/static/style.css").media_type == "text/css; charset=utf-8"
    for missing in ("/id/person/nobody", "/../pyproject.toml", "/static/../../x", "/nothing.html"):
        assert respond(site, missing).status == 404, missing


def test_served_by_kg_serve(served_site):
    """The same answers from `kg serve` on 127.0.0.1, beside its SPARQL endpoint."""
    iri = f"{served_site.base}/id/event/central-asia-consultative-meeting-6"
    for accept, media, fmt in FORMATS:
        request = urllib.request.Request(iri, headers={"Accept": accept})
        with _DIRECT.open(request, timeout=10) as answer:
            assert answer.headers["Content-Type"] == media
            assert answer.headers["Vary"] == "Accept"
            assert ox.parse(answer.read(), format=fmt)
    with _DIRECT.open(urllib.request.Request(iri, headers={"Accept": BROWSER}), timeout=10) as page:
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(urllib.error.HTTPError) as refused:
        _DIRECT.open(urllib.request.Request(iri, headers={"Accept": "image/png"}), timeout=10)
    assert (refused.value.code, refused.value.headers["Vary"]) == (406, "Accept")
    with _DIRECT.open(f"{served_site.base}/id/person/", timeout=10) as index:
        assert b"Kassym-Jomart Tokayev" in index.read()
    with _DIRECT.open(f"{served_site.base}/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", timeout=10) as ask:
        assert b"true" in ask.read()  # the SPARQL endpoint is still there
    assert "entity pages:" in "".join(served_site.stdout)
    assert not any("wrote the entity pages" in line for line in served_site.stderr)  # fresh
