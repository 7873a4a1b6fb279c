"""Content negotiation over a built site folder, for whatever HTTP layer serves it.

`respond(site, path, accept)` answers one GET: a record IRI path `/id/<kind>/<slug>` gets the
representation the `Accept` header prefers (HTML page, Turtle, N-Triples or JSON-LD: the
record's named graph), 406 when none fits, always with `Vary: Accept`; a claim IRI
(`/id/<kind>/<slug>/<claim>...`) is 303 See Other to its record; `/id/<kind>/` is the kind's
index; any other path is a file of the site (pages, data files, styles, scripts) or 404.
Nothing outside the site folder is ever read.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

HTML = "text/html; charset=utf-8"
#: representations of a record: media type -> file extension, in the server's preference order
REPRESENTATIONS: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
}
_SERVED_AS = {"html": HTML, "ttl": "text/turtle; charset=utf-8",
              "nt": "application/n-triples; charset=utf-8", "jsonld": "application/ld+json"}
_STATIC = {**_SERVED_AS, "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
           "png": "image/png", "svg": "image/svg+xml", "txt": "text/plain; charset=utf-8",
           "": "text/plain; charset=utf-8"}
_SLUG = r"[a-z0-9][a-z0-9-]*"
_RECORD = re.compile(rf"/id/(?P<kind>[a-z]+)/(?P<slug>{_SLUG})(?P<claim>(?:/[^/]+)*)")
_KIND = re.compile(r"/id/(?P<kind>[a-z]+)/?")


@dataclass(frozen=True)
class Response:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """(media range, q) pairs; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """q of the most specific range matching `media` (exact > type/* > */*), 0 if none."""
    major = media.split("/")[0]
    best: tuple[int, float] | None = None
    for pattern, q in ranges:
        rank = 3 if pattern == media else 2 if pattern == f"{major}/*" else 1 if pattern == "*/*" else 0
        if rank and (best is None or rank > best[0]):
            best = (rank, q)
    return best[1] if best else 0.0


def choose(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type with the highest q (the earliest on ties), or None."""
    ranges = parse_accept(accept)
    scored = [(q, -i, m) for i, m in enumerate(offered) if (q := _quality(m, ranges)) > 0]
    return max(scored)[2] if scored else None


def respond(site: Path, path: str, accept: str | None = None) -> Response:
    """The answer to `GET path` with this Accept header, from the built site folder."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(path).path) or "/"
    if not path.startswith("/") or any(seg in ("..", ".") or "\\" in seg or "\x00" in seg
                                       for seg in path.split("/")):
        return _not_found(path)
    record = _RECORD.fullmatch(path)
    if record and "." not in record["slug"] and (site / "id" / record["kind"]).is_dir():
        return _record(site, record["kind"], record["slug"], record["claim"], accept)
    kind = _KIND.fullmatch(path)
    if kind and (site / "id" / kind["kind"] / "index.html").is_file():
        if not path.endswith("/"):
            return Response(301, HTML, b"", {"Location": f"{path}/"})
        return _file(site / "id" / kind["kind"] / "index.html")
    target = site / path.lstrip("/")
    if target.is_dir():
        if not path.endswith("/"):
            return Response(301, HTML, b"", {"Location": f"{path}/"})
        target = target / "index.html"
    return _file(target) if target.is_file() else _not_found(path)


def answer(site: Path, path: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """`respond` as (status, headers with Content-Type, body), the shape an HTTP layer sends."""
    r = respond(site, path, accept)
    return r.status, {"Content-Type": r.media_type, **r.headers}, r.body


def _record(site: Path, kind: str, slug: str, claim: str, accept: str | None) -> Response:
    base = site / "id" / kind / slug
    if not base.with_suffix(".html").is_file():
        return _not_found(f"/id/{kind}/{slug}")
    chosen = choose(accept, list(REPRESENTATIONS))
    vary = {"Vary": "Accept"}
    if chosen is None:
        offered = ", ".join(dict.fromkeys(m for m in REPRESENTATIONS))
        return Response(406, "text/plain; charset=utf-8",
                        f"406 Not Acceptable: /id/{kind}/{slug} is available as {offered}\n".encode(),
                        vary)
    ext = REPRESENTATIONS[chosen]
    if claim:  # a claim is described in its record's data and shown on its record's page
        anchor = f"#{kind}/{slug}{claim}" if ext == "html" else ""
        location = f"/id/{kind}/{slug}.html{anchor}" if ext == "html" else f"/id/{kind}/{slug}"
        return Response(303, "text/plain; charset=utf-8", f"See {location}\n".encode(),
                        {**vary, "Location": location})
    return Response(200, _SERVED_AS[ext], base.with_suffix(f".{ext}").read_bytes(),
                    {**vary, "Content-Location": f"/id/{kind}/{slug}.{ext}"})


def _file(target: Path) -> Response:
    ext = target.suffix.lstrip(".")
    media = _STATIC.get(ext, "application/octet-stream")
    return Response(200, media, target.read_bytes())


def _not_found(path: str) -> Response:
    return Response(404, "text/plain; charset=utf-8", f"404 Not Found: {path}\n".encode())
