"""Where kg keeps its caches (`$KG_CACHE_DIR`, one folder per data folder) and the digest of
its own code that invalidates them; no heavy imports, so every command can ask cheaply."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import kg

_FORMAT = 1


def code_digest() -> str:
    """Changes when the `kg` package (hence the mapping) changes."""
    root = Path(kg.__file__).parent
    h = hashlib.sha256(f"{_FORMAT} {kg.__version__}".encode())
    for path in sorted(root.rglob("*.py")):
        stat = path.stat()
        h.update(f"{path.relative_to(root)} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return h.hexdigest()


def cache_dir(data_dir: Path) -> Path:
    base = Path(os.environ.get("KG_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tcdkg")
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return base / key
