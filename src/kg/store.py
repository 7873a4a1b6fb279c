"""The on-disk Oxigraph store that `kg serve` reads: built beside the live one, swapped in.

Layout under OUT (default `dist/`)::

    store/db/          the Oxigraph (RocksDB) folder; never written once it is live
    store/stamp.json   {"inputs": digest, "quads": N, "nq_sha256": ...}
    .store.new-PID-*/  a store being loaded (removed if loading fails, or by the next run
                       when the process was killed)

A store is fresh when its stamp records the digest of the current inputs: every file under
the data folder, the shipped ontology/, shapes/ and queries/checks/ folders, the `kg`
package's own source and its version (dot-files are skipped). A fresh store is served as
it is; otherwise `kg build` rewrites OUT, `OUT/tcdkg.nq` is loaded into a new store by
`oxigraph load`, its quad count is checked against the manifest, and it is renamed into
place. Servers already reading an older store keep their open files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.atomic import clean_leftovers, replace_dir
from kg.errors import EndpointError

LIVE = "store"
STAMP = "stamp.json"
LOAD_TIMEOUT = 3600.0


@dataclass(frozen=True)
class StoreInfo:
    """A live store folder ready for `oxigraph serve-read-only --location db`."""

    db: Path
    quads: int
    rebuilt: bool


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
    """SHA-256 over the relative path and bytes of every input file, and the version."""
    from kg import __version__

    digest = hashlib.sha256(f"tcdkg {__version__}\n".encode())
    for name, root in input_roots(data_dir):
        if not root.is_dir():
            continue
        for path in _files(root):
            digest.update(f"{name}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def read_stamp(live: Path) -> dict[str, object] | None:
    try:
        stamp = json.loads((live / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def ensure_store(data_dir: Path, out_dir: Path, oxigraph: str,
                 echo: Callable[[str], None] = lambda _m: None) -> StoreInfo:
    """The live store for `data_dir`, rebuilding `out_dir` and reloading only when stale."""
    digest = inputs_digest(data_dir)
    live = out_dir / LIVE
    stamp = read_stamp(live)
    if stamp is not None and stamp.get("inputs") == digest and (live / "db").is_dir():
        return StoreInfo(live / "db", int(str(stamp.get("quads", 0))), rebuilt=False)
    from kg.builder import build

    echo(f"building {out_dir}/ from {data_dir}/ (inputs changed or no store yet)")
    result = build(data_dir, out_dir)
    files = result.manifest["files"]
    quads = int(str(result.manifest["quads"])) + int(files["ontology.trig"]["quads"])  # type: ignore[index]
    nq_sha = files["tcdkg.nq"]["sha256"]  # type: ignore[index]
    with _staging(out_dir) as staging:
        load_nquads(oxigraph, [out_dir / "tcdkg.nq", out_dir / "ontology.trig"], staging / "db",
                    quads)
        stamp_text = json.dumps({"inputs": digest, "quads": quads, "nq_sha256": nq_sha},
                                indent=2) + "\n"
        (staging / STAMP).write_text(stamp_text, encoding="utf-8")
        try:
            swap_in(staging, live)
        except OSError as exc:  # another `kg serve` may have put the same store in place
            if (read_stamp(live) or {}).get("inputs") != digest:
                raise EndpointError(f"could not put the new store in place at {live}: "
                                    f"{exc}") from None
    echo(f"loaded {quads} quads into {live}/db")
    return StoreInfo(live / "db", quads, rebuilt=True)


@contextlib.contextmanager
def _staging(out_dir: Path) -> Iterator[Path]:
    clean_leftovers(out_dir / LIVE)
    staging = Path(tempfile.mkdtemp(prefix=f".{LIVE}.new-{os.getpid()}-", dir=out_dir))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def load_nquads(oxigraph: str, files: list[Path], db: Path, expected: int) -> None:
    """`oxigraph load` into a new folder, then check it holds exactly `expected` quads."""
    command = [oxigraph, "load", "--location", str(db), "--file", *map(str, files)]
    nq = " and ".join(map(str, files))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=LOAD_TIMEOUT,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EndpointError(f"could not run '{oxigraph} load': {exc}") from None
    errors = " ".join(line for line in done.stderr.splitlines() if "rror" in line)[:500]
    if done.returncode != 0:
        raise EndpointError(f"'oxigraph load' failed on {nq} (exit {done.returncode}): {errors}")
    found = count_quads(db)
    if found != expected:
        raise EndpointError(f"'oxigraph load' stored {found} quads from {nq}, but the "
                            f"manifest lists {expected}; {errors or 'no error was reported'}")


def count_quads(db: Path) -> int:
    """Quads in a closed store folder, opened read-only and released before returning."""
    from pyoxigraph import Store

    return len(Store.read_only(str(db)))


def swap_in(staging: Path, live: Path) -> None:
    """Put `staging` at `live` in one step (see kg.atomic.replace_dir); the old one is removed."""
    replace_dir(staging, live)
