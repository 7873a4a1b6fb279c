"""A persistent Oxigraph store of the compiled data, so a local query does not re-read YAML.

Under `$KG_CACHE_DIR` (default `~/.cache/tcdkg`), in the data folder's cache folder
(`kg.cachedir.cache_dir`)::

    query-store/<fingerprint>/db/        the store (RocksDB), never written once published
    query-store/<fingerprint>/stamp.json {"fingerprint": ..., "quads": N, "files": N}
    query-store/<fingerprint>/lock       held shared by every process reading this store
    query-store/<fingerprint>/verdict.json     validation passed (kg.query.checked)
    query-store/<fingerprint>/entities-*.json  entities and name keys (kg.query.entity_index)
    query-store/.new-PID-XXXX/           a store being built (removed if building fails)

The fingerprint covers every file under the data folder (relative path, size, modification
time), the `kg` package's code (`code_digest`) and the ontology, shapes and queries folders;
any change gives a new fingerprint, hence a rebuild: a stale store is never read. A store is built in a staging
folder and renamed to its fingerprint's name in one step; older stores are removed when no
process holds their lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.atomic import process_alive
from kg.errors import DataError, UsageError
from kg.ontology import GRAPHS, ontology_quads

if TYPE_CHECKING:
    from kg.pipeline import Compiled

FOLDER = "query-store"
#: shipped folders whose files the fingerprint covers besides the data folder
INPUTS = ("ontology", "shapes", "queries")
_VERSION = re.compile(r"[0-9a-f]{32}")
_STAGING = re.compile(r"\.(?:new|old)-(\d+)-.+")
#: locks of the stores this process has open (kept for the life of the process)
_HELD: dict[Path, int] = {}


@dataclass(frozen=True)
class QueryStore:
    store: ox.Store
    path: Path
    rebuilt: bool
    quads: int


def fingerprint(data_dir: Path) -> str:
    """Changes whenever a fact file, the `kg` package, the ontology, a shape or a query changes
    (shapes and queries decide the validation verdict kept beside the store, `kg.query.checked`)."""
    from kg.cachedir import code_digest
    from kg.resources import shipped_dir

    digest = hashlib.sha256(f"query-store 2 {code_digest()}\n".encode())
    roots = [("data", data_dir), *((name, shipped_dir(name)) for name in INPUTS)]
    for name, root in roots:
        for rel, size, mtime in _listing(root):
            digest.update(f"{name}/{rel}\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()[:32]


def _listing(root: Path) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime_ns) of every file below `root`, dot-files skipped."""
    found: list[tuple[str, int, int]] = []
    stack = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = f"{prefix}{entry.name}"
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((rel + "/", entry.path))
                else:
                    stat = entry.stat()
                    found.append((rel, stat.st_size, stat.st_mtime_ns))
            except OSError:
                found.append((rel, -1, -1))
    return sorted(found)


def location(data_dir: Path) -> Path:
    """The folder of the store of `data_dir`'s current content (it may not exist yet)."""
    if not data_dir.is_dir():
        raise UsageError(f"data folder '{data_dir}' does not exist; pass --data DIR")
    from kg.cachedir import cache_dir

    return cache_dir(data_dir) / FOLDER / fingerprint(data_dir)


def is_fresh(live: Path) -> bool:
    """Whether `live` (from `location`) holds a published store."""
    stamp = _read_stamp(live)
    return stamp is not None and stamp.get("fingerprint") == live.name


def open_query_store(data_dir: Path, notify: Callable[[str], None] = lambda _m: None, *,
                     live: Path | None = None, compiled: Compiled | None = None) -> QueryStore:
    """The store of `data_dir`'s current content: opened read-only when fresh, else rebuilt
    (from `compiled` when the caller has compiled the data already).

    Raises DataError (exit 1) when the fact files have errors, as a compile does."""
    live = live if live is not None else location(data_dir)
    base, key = live.parent, live.name
    stamp = _read_stamp(live)
    rebuilt = False
    if stamp is None or stamp.get("fingerprint") != key:
        stamp = _build(data_dir, base, key, notify, compiled)
        rebuilt = True
    _hold(live)
    if rebuilt:
        _remove_old(base, keep=key)
    return QueryStore(ox.Store.read_only(str(live / "db")), live, rebuilt, int(str(stamp.get("quads", 0))))


def _read_stamp(live: Path) -> dict[str, object] | None:
    try:
        stamp = json.loads((live / "stamp.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) and (live / "db").is_dir() else None


def _build(data_dir: Path, base: Path, key: str, notify: Callable[[str], None],
           compiled: Compiled | None) -> dict[str, object]:
    from kg.pipeline import compile_data, paused_gc
    from kg.progress import progress

    started = time.perf_counter()
    with paused_gc():  # a collection between compiling and loading would walk every quad
        if compiled is None:
            with progress(f"reading {data_dir.as_posix()}/ for the query store"):
                compiled = compile_data(data_dir, ordered=False)
        if compiled.report.errors:
            raise DataError(compiled.report, f"the fact files in '{data_dir}' have "
                            f"{len(compiled.report.errors)} error(s); fix them (see kg validate) "
                            "before querying")
        with progress("loading the query store"):
            stamp = publish(compiled.graph.quads, compiled.files, base, key)
    notify(f"note: rebuilt the query store of {data_dir.as_posix()}/ ({stamp['quads']} quads "
           f"from {compiled.files} fact files, {time.perf_counter() - started:.1f} s); "
           "later queries read it until a fact file changes")
    return stamp


def save_query_store(data_dir: Path, key: str, quads: list[ox.Quad], files: int) -> Path:
    """Publish the store of a data folder compiled elsewhere (`kg build`), so that the next
    query finds it fresh; `key` is the folder's fingerprint taken before it was read (a
    file changed since gives another fingerprint: that store is then never read). Returns
    the store's folder."""
    from kg.cachedir import cache_dir

    base = cache_dir(data_dir) / FOLDER
    if _read_stamp(base / key) is None:
        publish(quads, files, base, key)
    _remove_old(base, keep=key)
    return base / key


def publish(quads: list[ox.Quad], files: int, base: Path, key: str) -> dict[str, object]:
    """Write the quads and the ontology to a new store, published as `base/key` in one step."""
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".new-{os.getpid()}-", dir=base))
    try:
        store = ox.Store(str(staging / "db"))
        store.bulk_extend(quads)
        store.bulk_extend(ontology_quads())  # labels of every status, role and type IRI
        store.flush()
        count = len(store)
        del store
        stamp: dict[str, object] = {"fingerprint": key, "quads": count, "files": files}
        (staging / "stamp.json").write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
        (staging / "lock").touch()
        try:
            os.rename(staging, base / key)
        except OSError:  # another process published the same store meanwhile
            if _read_stamp(base / key) is None:
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return stamp


def _hold(live: Path) -> None:
    """Hold the store's lock shared, so no other process removes it while it is read."""
    if live in _HELD:
        return
    fd = os.open(live / "lock", os.O_RDONLY | os.O_CREAT, 0o644)  # held until the process ends
    fcntl.flock(fd, fcntl.LOCK_SH)
    _HELD[live] = fd


def _remove_old(base: Path, keep: str) -> None:
    """Remove other stores that no process reads, and staging folders of dead processes."""
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        staging = _STAGING.fullmatch(entry.name)
        if staging is not None and not process_alive(int(staging.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)
        elif _VERSION.fullmatch(entry.name) and entry.name != keep:
            _remove_unlocked(Path(entry.path))


def _remove_unlocked(folder: Path) -> None:
    if folder in _HELD:
        return
    try:
        fd = os.open(folder / "lock", os.O_RDONLY | os.O_CREAT, 0o644)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.rename(folder, folder.with_name(f".old-{os.getpid()}-{folder.name}"))
    except OSError:
        return  # some process still reads it
    finally:
        os.close(fd)
    shutil.rmtree(folder.with_name(f".old-{os.getpid()}-{folder.name}"), ignore_errors=True)



def quads_of(data_dir: Path) -> list[ox.Quad] | None:
    """Every quad of the data folder's query store, or None when its fact files have errors
    (the caller then compiles them to report the errors)."""
    try:
        found = open_query_store(data_dir)
    except DataError:
        return None
    return data_quads(found.store)


def data_quads(store: ox.Store) -> list[ox.Quad]:
    """The quads of a query store's data graphs (not the ontology's, which it also holds)."""
    ontology = {ox.NamedNode(g) for g in GRAPHS.values()}
    return [q for q in store.quads_for_pattern(None, None, None, None)
            if q.graph_name not in ontology]
