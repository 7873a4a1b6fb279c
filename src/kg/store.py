"""The on-disk Oxigraph store that `kg serve` reads: the data folder's query store.

`kg serve` serves the same store `kg query`, `kg search`, `kg site` and `kg diff` read
(`kg.query.store`, under `$KG_CACHE_DIR`): when it is fresh and its inputs passed validation
(`kg.query.checked`), nothing is compiled or loaded and the server opens it read-only at once;
otherwise the fact files are compiled and validated once and the store is rebuilt from that
compile. The `kg serve` process holds the store's lock while it runs, so no other `kg` process
removes it from under the server even when a newer store replaces it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoreInfo:
    """A store folder ready for `oxigraph serve-read-only --location db`."""

    db: Path
    quads: int
    rebuilt: bool


def ensure_store(data_dir: Path, echo: Callable[[str], None] = lambda _m: None) -> StoreInfo:
    """The query store of `data_dir` (the data and the ontology graphs), rebuilt only when
    stale; raises DataError with the validation report when the fact files have errors."""
    from kg.query.checked import checked_store

    found = checked_store(data_dir, "nothing was served", echo)
    return StoreInfo(found.path / "db", found.quads, found.rebuilt)


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).parts
        if path.is_file() and not any(part.startswith(".") for part in rel) \
                and "__pycache__" not in rel:
            yield path


def input_roots(data_dir: Path) -> list[tuple[str, Path]]:
    """The folders whose content decides what the build produces."""
    import kg
    from kg.resources import shipped_dir

    roots = [("data", data_dir), ("kg", Path(kg.__file__).parent)]
    roots += [(name, shipped_dir(name)) for name in ("ontology", "shapes", "queries/checks")]
    return roots


def inputs_digest(data_dir: Path) -> str:
    """SHA-256 over the relative path and bytes of every input file, and the version
    (`kg site` stamps the site it writes with it)."""
    from kg import __version__

    digest = hashlib.sha256(f"tcdkg {__version__}\n".encode())
    for name, root in input_roots(data_dir):
        if not root.is_dir():
            continue
        for path in _files(root):
            digest.update(f"{name}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
