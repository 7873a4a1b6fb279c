"""`kg validate --changed-only` on big data: the asked-for files against the cached whole graph.

Only files whose stamp changed, the asked-for files, and files whose mapping depends on a
changed file are read again (see `kg.validation.cache`); their named graphs are replaced in
the cached store. The report is that of `validate(compile_data(data), only=...)`: the files'
own YAML, schema and reference findings, then the shapes and the checks with the focus on
the subjects written in those files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox

from kg.errors import Finding, Report, Severity, SourceLocation, relpath
from kg.graph import BuiltGraph
from kg.load import Record, discover, load_files
from kg.mapping import map_record
from kg.model import Kind, Source
from kg.namespaces import graph_iri
from kg.pipeline import Compiled, paused_gc
from kg.pipeline import _first_to_declare as first_to_declare
from kg.references import build_index, check_references, iter_refs, split_ref
from kg.structure import check_structure
from kg.validation.cache import Entry, GraphCache, stamp
from kg.validation.fast import Unsupported, add_quads
from kg.validation.focused import graph_findings
from kg.yamlio import Locations


@dataclass(frozen=True)
class _Post:
    id: str


@dataclass(frozen=True)
class _Stub:
    """Stands for the model of a file not read this time: its kind, slug and posts suffice."""

    posts: list[_Post] = field(default_factory=list)


@dataclass
class _Read:
    record: Record | None
    findings: list[Finding]


def _refs(record: Record) -> list[str]:
    """The slugs whose records the mapping of `record` depends on (and its own ids)."""
    slugs = {split_ref(ref)[1] for _key, ref, _at in iter_refs(record.model)}
    slugs.add(record.slug)
    slugs.update(p.id for p in getattr(record.model, "posts", []) if hasattr(p, "id"))
    return sorted(slugs)


def _entry(record: Record | None, kind: Kind, slug: str, at: tuple[int, int]) -> Entry:
    if record is None:
        return Entry(at, kind.value, slug)
    posts = [p.id for p in getattr(record.model, "posts", []) if hasattr(p, "id")]
    language = record.model.language if isinstance(record.model, Source) else None
    return Entry(at, kind.value, slug, True, False, posts, language, _refs(record))


class _Refresh:
    """One pass of bringing the cache up to date with the data folder."""

    def __init__(self, cache: GraphCache, files: dict[str, Kind], data_dir: Path) -> None:
        self.cache = cache
        self.data_dir = data_dir
        self.files = files  # key (the path under data_dir) -> kind
        base = os.path.join(data_dir, "")
        self.stamps = {key: stamp(base + key) for key in files}
        self.read: dict[str, _Read] = {}
        self.stale: set[str] = set()  # files whose graph and entry must be replaced
        shown = relpath(data_dir)
        self.prefix = "" if shown == "." else shown + "/"  # where stubs say they are

    def path(self, key: str) -> Path:
        return self.data_dir / key

    def keys(self, paths: set[str]) -> set[str]:
        """The files (keys) among `paths` as findings show them."""
        keys = set()
        for path in paths:
            try:
                key = Path(path).resolve().relative_to(self.data_dir.resolve()).as_posix()
            except (ValueError, OSError, RuntimeError):  # outside the data, or a link loop
                continue
            if key in self.files and relpath(self.path(key)) == path:
                keys.add(key)
        return keys

    def run(self, asked: set[str]) -> tuple[list[Record], Any, list[Finding]]:
        """Read the asked files, the changed ones and those depending on them (until no
        more change); `self.stale` ends up naming the files whose graph must be replaced."""
        old = self.cache.entries
        stale = {k for k, kind in self.files.items() if k not in old
                 or old[k].stamp != self.stamps[k] or old[k].kind != kind.value}
        gone = {s for k in old.keys() - self.files.keys() for s in [old[k].slug, *old[k].posts]}
        while True:
            todo = sorted((stale | asked) - self.read.keys())
            files = [(self.path(k), self.files[k]) for k in todo]
            for key, loaded in zip(todo, load_files(files), strict=True):
                self.read[key] = _Read(*loaded)
            records, index, duplicates = self._index()
            changed = set(gone)
            for key, read in self.read.items():
                new, before = self._new_entry(key, read, index), old.get(key)
                if before is None or new.summary() != before.summary():
                    stale.add(key)
                    changed.update([new.slug, *new.posts])
                    if before is not None:
                        changed.update([before.slug, *before.posts])
            more = {k for k, e in old.items() if k in self.files and k not in stale
                    and (changed.intersection(e.refs) or self._flips(k, e, index))}
            if not more:
                self.stale = stale
                return records, index, duplicates
            stale |= more

    def _index(self) -> tuple[list[Record], Any, list[Finding]]:
        records = []
        self.by_key: dict[str, Record] = {}
        for key, kind in self.files.items():
            if key in self.read:
                record = self.read[key].record
            else:
                entry = self.cache.entries[key]
                shown = self.prefix + key
                record = Record(kind, entry.slug, shown, cast(Any, _Stub(
                    [_Post(p) for p in entry.posts])), Locations(shown)) if entry.loaded else None
            if record is not None:
                records.append(record)
                self.by_key[key] = record
        index, duplicates = build_index(records)
        return records, index, duplicates

    def _new_entry(self, key: str, read: _Read, index: Any) -> Entry:
        file, kind = self.path(key), self.files[key]
        entry = _entry(read.record, kind, file.stem, self.stamps[key])
        entry.mapped = read.record is not None and first_to_declare(read.record, index)
        return entry

    def _flips(self, key: str, entry: Entry, index: Any) -> bool:
        """Whether an unread file's mapped status changes (a duplicate id moved)."""
        stub = self.by_key.get(key)
        return stub is not None and first_to_declare(stub, index) != entry.mapped


def validate_changed(data_dir: Path, only: set[str], *, shapes_dir: Path | None = None,
                     checks_dir: Path | None = None) -> Report:
    """Findings in the `only` files, checked against the whole (cached) graph."""
    from kg.pipeline import check_data_dir

    check_data_dir(data_dir)
    try:
        if os.environ.get("KG_SHACL_ENGINE", "fast") == "pyshacl":
            raise Unsupported("pySHACL was asked for")
        return _validate_changed(data_dir, only, shapes_dir, checks_dir)
    except (Unsupported, OSError):  # pySHACL is needed, or no cache can be kept: without it
        from kg.pipeline import compile_data
        from kg.validation import validate

        return validate(compile_data(data_dir, ordered=False), only=only, shapes_dir=shapes_dir,
                        checks_dir=checks_dir)


def _validate_changed(data_dir: Path, only: set[str], shapes_dir: Path | None,
                      checks_dir: Path | None) -> Report:
    with paused_gc(), GraphCache(data_dir) as cache:
        files, problems, relisted = _discover(cache, data_dir)
        refresh = _Refresh(cache, files, data_dir)
        asked = refresh.keys(only)
        _records, index, duplicates = refresh.run(asked)
        entries = {k: refresh._new_entry(k, r, index) for k, r in refresh.read.items()}
        failed = {(Kind(e.kind), e.slug) for k, e in {**cache.entries, **entries}.items()
                  if k in refresh.files and not e.mapped}
        partial = _update(cache, refresh, entries, index, asked, relisted)
        mine = [r.record for k, r in sorted(refresh.read.items()) if k in asked and r.record]
        findings = problems + duplicates + check_references(mine, index, failed) + check_structure(mine)
        findings += [f for k in sorted(asked) for f in refresh.read[k].findings]
        compiled = Compiled(mine, index, partial, Report(findings), len(files), failed)
        findings += graph_findings(cast(ox.Store, cache.store), compiled, shapes_dir, checks_dir)
    return Report([f for f in findings if f.location.path in only])


def _discover(cache: GraphCache, data_dir: Path) -> tuple[dict[str, Kind], list[Finding], bool]:
    """`discover(data_dir)`, or its last answer when no folder's time changed since (adding,
    removing or renaming a file or folder changes its parent folder's time); and whether
    the listing is new."""
    listing = cache.listing
    folders = listing.get("folders", {})
    if folders and all(_mtime(data_dir / d) == t for d, t in folders.items()):
        kinds = {kind.value: kind for kind in Kind}
        files = {key: kinds[kind] for key, kind in listing["files"]}
        return files, [Finding(SourceLocation(*at), Severity(sev), code, message)
                       for at, sev, code, message in listing["problems"]], False
    folders = {Path(root).relative_to(data_dir).as_posix(): _mtime(Path(root))
               for root, _dirs, _files in os.walk(data_dir)}
    found, problems = discover(data_dir)
    files = {f.relative_to(data_dir).as_posix(): kind for f, kind in found}
    cache.listing = {
        "folders": dict(sorted(folders.items())),
        "files": [[key, kind.value] for key, kind in files.items()],
        "problems": [[[p.location.path, p.location.line, p.location.col], p.severity.value,
                      p.code, p.message] for p in problems]}
    return files, problems, True


def _mtime(folder: Path) -> int | None:
    try:
        return folder.stat().st_mtime_ns
    except OSError:
        return None


def _update(cache: GraphCache, refresh: _Refresh, entries: dict[str, Entry], index: Any,
            asked: set[str], relisted: bool) -> BuiltGraph:
    """Replace the graphs of stale files in the store; the asked files' graph, for locating."""
    store = cast(ox.Store, cache.store)
    gone = sorted(cache.entries.keys() - refresh.files.keys())
    if gone or refresh.stale:
        cache.changing()
    for key in gone:
        _drop(store, cache.entries.pop(key))
    languages = {e.slug: e.language for k, e in {**cache.entries, **entries}.items()
                 if e.kind == Kind.SOURCE.value and e.mapped and e.language is not None}
    partial, quads = BuiltGraph(), []
    for key in sorted(refresh.stale | asked):
        record = refresh.read[key].record
        emitter = map_record(record, index, languages) \
            if entries[key].mapped and record is not None else None  # type: ignore[arg-type]
        if key in refresh.stale:
            if key in cache.entries:
                _drop(store, cache.entries[key])
            quads += emitter.quads if emitter else []
            cache.entries[key] = entries[key]
        if key in asked and emitter is not None and record is not None:
            partial.add(record, emitter.quads, emitter.locations)
    if gone or refresh.stale or relisted:
        add_quads(store, quads)
        cache.save()
    return partial


def _drop(store: ox.Store, entry: Entry) -> None:
    if entry.mapped:
        store.remove_graph(graph_iri(entry.kind, entry.slug))
