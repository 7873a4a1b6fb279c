"""`kg site`: the static website, written atomically and byte-identically from the graph."""

from __future__ import annotations

import importlib.resources
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pyoxigraph as ox
from pyoxigraph import NamedNode

from kg.atomic import atomic_dir
from kg.errors import UsageError
from kg.outputs import claim_folder, write_marker
from kg.query.catalog import load_catalog
from kg.resources import shipped_dir
from kg.site import querypage
from kg.site.graphdata import KIND_ORDER, SiteData, read_site_data
from kg.site.rdf import DataFormat, record_triples, serialize
from kg.site.search import search_index
from kg.site.view import END, NOTE, RANK, REASON, START, STATUS, VALUE, View, page_path, record_path

_PACKAGE = importlib.resources.files("kg.site")
LATEST = 8
STAMP = ".tcdkg-site-inputs"


@dataclass
class SiteResult:
    out_dir: Path
    pages: int
    records: int
    languages: list[str]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kg.site", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(STATUS=STATUS, NOTE=NOTE, RANK=RANK, REASON=REASON, VALUE=VALUE,
                       START=START, END=END, NamedNode=NamedNode)
    return env


def ontology_store() -> ox.Store:
    store = ox.Store()
    folder = shipped_dir("ontology")
    for path in sorted(folder.glob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def build_site(data_dir: Path, out_dir: Path, *, fail_after: str | None = None,
               notify: Callable[[str], None] = lambda _m: None) -> SiteResult:
    """Read the validated graph from the query store (rebuilt, with a note through `notify`,
    when stale), write every page and data file into `out_dir`.

    Raises OutputError before any work when `out_dir` holds files kg did not write, DataError
    (writing nothing) when the data has errors; a failure part-way leaves the previous site
    untouched (`fail_after` names a file after which to fail, for tests).
    """
    claim_folder(out_dir, protect=(data_dir,))
    store, triples = _data_store(data_dir, notify)
    catalog = load_catalog()
    if "timeline" not in catalog:
        raise UsageError("the query catalog has no 'timeline' query; the site needs it")
    data = read_site_data(store, ontology_store(), catalog["timeline"].text)
    languages = data.languages()
    with atomic_dir(out_dir) as staging:
        writer = _Writer(staging, data, languages, environment(), fail_after)
        writer.static(search_index(data, languages))
        writer.record_data(store)
        for lang in languages:
            writer.pages(lang, triples,
                         querypage.examples(store, catalog) if lang == languages[0] else None)
        writer.ontology()
        write_marker(staging, "site")
        # the inputs it was built from: `kg serve` (ensure_site) serves it as it is if unchanged
        (staging / STAMP).write_text(site_inputs(data_dir) + "\n", encoding="utf-8")
    return SiteResult(out_dir, writer.count, len(data.records), languages)


def _data_store(data_dir: Path, notify: Callable[[str], None]) -> tuple[ox.Store, int]:
    """The data graphs in memory, as a compile gives them, and their distinct triples."""
    from kg.query.checked import checked_store
    from kg.query.store import data_quads

    quads = data_quads(checked_store(data_dir, "no site was written", notify).store)
    store = ox.Store()
    store.bulk_extend(quads)
    return store, len({q.triple for q in quads})


def site_inputs(data_dir: Path) -> str:
    """A digest of everything a site is built from: the build's inputs and the query catalog."""
    import hashlib

    from kg.store import inputs_digest

    digest = hashlib.sha256(inputs_digest(data_dir).encode())
    for path in sorted(shipped_dir("queries").glob("*.rq")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def ensure_site(data_dir: Path, out_dir: Path,
                notify: Callable[[str], None] = lambda _m: None) -> SiteResult | None:
    """Build the site unless `out_dir` already holds one built from the same inputs
    (for `kg serve`); returns the new build, or None when the site was fresh."""
    stamp = site_inputs(data_dir)
    try:
        if (out_dir / STAMP).read_text(encoding="utf-8").strip() == stamp:
            return None
    except OSError:
        pass
    return build_site(data_dir, out_dir, notify=notify)


class _Writer:
    def __init__(self, root: Path, data: SiteData, languages: list[str], env: jinja2.Environment,
                 fail_after: str | None) -> None:
        self.root, self.data, self.languages, self.env = root, data, languages, env
        self.fail_after = fail_after
        self.count = 0
        self._examples: list[querypage.Example] = []

    def write(self, path: str, body: bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        if path == self.fail_after:
            raise RuntimeError(f"injected failure after writing {path}")

    def render(self, template: str, lang: str, path: str, **context: object) -> None:
        full = page_path(lang, path)
        view = View(self.data, lang, full, self.languages)
        html = self.env.get_template(template).render(
            v=view, self_path=path, kinds=KIND_ORDER, role=self._role(view), **context)
        self.write(full, html.encode("utf-8"))
        self.count += 1

    def static(self, index: bytes) -> None:
        static = _PACKAGE / "static"
        for item in sorted(_walk(static)):
            self.write(f"static/{item}", (static / item).read_bytes())
        self.write("static/search-index.js", index)

    def ontology(self) -> None:
        """The ontology and vocabularies, so `https://w3id.org/tcdkg/ontology#...` and
        `.../vocab/...` IRIs can be redirected to a file of the site too."""
        for path in sorted(shipped_dir("ontology").glob("*.ttl")):
            self.write(f"ontology/{path.name}", path.read_bytes())

    def record_data(self, store: ox.Store) -> None:
        for record in self.data.records.values():
            triples = record_triples(store, record)
            for fmt in DataFormat:
                self.write(f"id/{record.kind}/{record.slug}.{fmt.value}", serialize(triples, fmt))

    def pages(self, lang: str, triples: int, examples: list[querypage.Example] | None) -> None:
        if examples is not None:
            self._examples = examples
        counts = Counter(r.kind for r in self.data.records.values())
        by_kind = {k: sorted(self.data.by_kind(k), key=lambda r: self._sort_name(r, lang))
                   for k in KIND_ORDER}
        latest = [(k, sorted((r for r in by_kind[k] if r.node.sort_date),
                             key=lambda r: (r.node.sort_date, r.slug), reverse=True)[:LATEST])
                  for k in ("event", "source")]
        self.render("home.html", lang, "index.html", counts=[(k, counts[k]) for k in KIND_ORDER],
                    claims=len(self.data.claims), triples=triples, latest=latest)
        self.render("query.html", lang, "query.html", examples=self._examples,
                    default_query=querypage.default_query())
        for kind in KIND_ORDER:
            self.render("kind.html", lang, f"id/{kind}/index.html", kind=kind, records=by_kind[kind])
            for record in by_kind[kind]:
                self.render("record.html", lang, record_path(kind, record.slug), record=record,
                            data_path=f"id/{kind}/{record.slug}",
                            timeline=self.data.timelines.get(record.iri, []),
                            incoming=self.data.incoming.get(record.iri, []))

    def _sort_name(self, record: object, lang: str) -> tuple[str, str]:
        name = View(self.data, lang, "", self.languages).name(record)[0]  # type: ignore[arg-type]
        return (name.casefold(), record.slug)  # type: ignore[attr-defined]

    @staticmethod
    def _role(view: View):  # type: ignore[no-untyped-def]
        """A timeline role or status in the page's language (the catalogue, else as written)."""
        def role(value: str) -> str:
            try:
                return view.t(f"tl_{value}")
            except KeyError:
                return _vocab_label(view, value)
        return role


def _vocab_label(view: View, local: str) -> str:
    for iri in sorted(view.data.terms):
        if iri.rsplit("/", 1)[-1] == local and "/vocab/role/" in iri:
            return view.term_label(iri)
    return local.replace("-", " ")


def _walk(folder: importlib.resources.abc.Traversable, prefix: str = "") -> list[str]:
    out = []
    for item in folder.iterdir():
        if item.is_dir():
            out += _walk(item, f"{prefix}{item.name}/")
        elif not item.name.startswith("."):
            out.append(f"{prefix}{item.name}")
    return out
