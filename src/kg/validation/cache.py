"""A cache of the mapped graph for `kg validate --changed-only`, kept fresh file by file.

Under `$KG_CACHE_DIR` (default `~/.cache/tcdkg`), one folder per data folder holds an
Oxigraph store on disk (one named graph per fact file, as `kg build` maps them) and a
manifest: each file's size and modification time, its kind and slug, the posts it declares,
a source's language, whether it loaded and was mapped, and the slugs it refers to. Mapping a
file depends on other files only through those slugs (which record kinds exist, which posts,
a cited source's language), so a file is re-read when its own stamp changed or when the
summary of a file it refers to changed. The cache is rebuilt from scratch when the `kg`
package changes, and is used by one process at a time.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.cachedir import cache_dir, code_digest

__all__ = ["Entry", "GraphCache", "cache_dir", "code_digest", "stamp"]


@dataclass
class Entry:
    """What the cache knows about one fact file (a path relative to the data folder)."""

    stamp: tuple[int, int]
    kind: str
    slug: str
    loaded: bool = False
    mapped: bool = False
    posts: list[str] = field(default_factory=list)
    language: str | None = None
    refs: list[str] = field(default_factory=list)

    def summary(self) -> tuple[Any, ...]:
        """What other files' mapping may depend on."""
        return (self.kind, self.slug, self.loaded, self.mapped, self.posts, self.language)


class GraphCache:
    """The on-disk store and manifest of one data folder (open it with `with`)."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = cache_dir(data_dir)
        self.entries: dict[str, Entry] = {}
        #: the data folder's fact files as `discover` found them, and the folders' times
        self.listing: dict[str, Any] = {}
        self._lock: IO[str] | None = None
        self.store: ox.Store | None = None

    def __enter__(self) -> GraphCache:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.folder / "lock", "w")
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        manifest = self.folder / "manifest.json"
        digest = code_digest()
        try:
            saved = json.loads(manifest.read_text(encoding="utf-8"))
            if saved.get("code") != digest or (self.folder / "dirty").exists():
                raise ValueError("the kg package changed, or an update was interrupted")
            self.entries = {k: Entry(stamp=tuple(v.pop("stamp")), **v)  # type: ignore[arg-type]
                            for k, v in saved["files"].items()}
            self.listing = saved.get("listing", {})
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}
            self.listing = {}
            self._clear()
        self.digest = digest
        self.store = ox.Store(str(self.folder / "store"))
        return self

    def _clear(self) -> None:
        (self.folder / "manifest.json").unlink(missing_ok=True)
        if (self.folder / "store").exists():
            shutil.rmtree(self.folder / "store")
        (self.folder / "dirty").unlink(missing_ok=True)

    def changing(self) -> None:
        """Mark the store as being changed: until `save`, a crash means start over."""
        (self.folder / "dirty").touch()

    def save(self) -> None:
        """Write the manifest (after the store is up to date), atomically."""
        assert self.store is not None
        self.store.flush()
        files = {k: {**vars(e), "stamp": list(e.stamp)} for k, e in sorted(self.entries.items())}
        tmp = self.folder / "manifest.json.tmp"
        tmp.write_text(json.dumps({"code": self.digest, "files": files, "listing": self.listing}),
                       encoding="utf-8")
        tmp.replace(self.folder / "manifest.json")
        (self.folder / "dirty").unlink(missing_ok=True)

    def __exit__(self, *exc: object) -> None:
        self.store = None
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()


def stamp(path: Path | str) -> tuple[int, int]:
    stat = os.stat(path)
    return (stat.st_mtime_ns, stat.st_size)
