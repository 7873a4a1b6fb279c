"""Output safety: a command replaces only what an earlier `kg` run wrote, never a user's files.

Every folder `kg` writes carries a marker file (`.tcdkg-output`); `kg build` folders also
carry their manifest. Every single-file RDF export starts with a comment line naming the
project. Before anything is written, `claim_folder` / `claim_file` check the target and raise
`OutputError` (exit 2, nothing touched) when it holds something we did not write.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kg.errors import KgError

#: written into every folder kg replaces as a whole
MARKER = ".tcdkg-output"
#: first line of every text RDF export kg writes (a comment in Turtle, TriG, N-Triples, N-Quads)
FILE_SIGNATURE = "# tcdkg export"
_BASE_IRI = "https://w3id.org/tcdkg/"


class OutputError(KgError):
    """An output path holds something kg did not write: nothing was written."""


def marker_text(kind: str) -> str:
    """The content of the marker file of a folder of `kind` (dist, csv, schemas, site ...)."""
    return json.dumps({"written_by": "kg", "kind": kind}, sort_keys=True) + "\n"


def write_marker(folder: Path, kind: str) -> None:
    (folder / MARKER).write_text(marker_text(kind), encoding="utf-8")


def claim_folder(target: Path, *, protect: tuple[Path, ...] = ()) -> None:
    """Allow `target` to be replaced as a whole, or raise OutputError saying why not.

    Allowed: missing, an empty folder, or a folder an earlier kg run wrote (its marker, or the
    manifest of an earlier build). `protect` lists folders (the data folder) that must be
    neither the target, inside it, nor contain it.
    """
    shown = target.as_posix()
    for inner in protect:
        if _overlaps(target, inner):
            raise OutputError(f"--out {shown} overlaps the input folder {inner.as_posix()}; "
                              "choose an output folder outside it (e.g. --out dist)")
    if target.is_symlink() and not target.exists():
        raise OutputError(f"--out {shown} is a dangling symbolic link; remove it or choose another folder")
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputError(f"--out {shown} is a file, not a folder; nothing was written. "
                          "Choose a new or empty folder (e.g. --out dist)")
    if _written_by_kg(target):
        return
    try:
        empty = not any(os.scandir(target))
    except OSError as exc:
        raise OutputError(f"cannot read --out {shown}: {exc.strerror or exc}") from None
    if not empty:
        raise OutputError(f"--out {shown} is a folder kg did not write (it has no {MARKER} marker "
                          "and no kg manifest.json) and is not empty; nothing was written. "
                          "Choose a new or empty folder, or remove it yourself if it is disposable")


def claim_file(target: Path, *, protect: tuple[Path, ...] = (), json_kind: str | None = None,
               header: bytes | None = None) -> None:
    """Allow the file `target` to be replaced, or raise OutputError saying why not.

    Allowed: missing, empty, or an earlier export of kg (its signature line, for JSON outputs a
    JSON document naming the project's IRIs, for tables the exact `header` line).
    """
    shown = target.as_posix()
    for inner in protect:
        if _overlaps(target, inner):
            raise OutputError(f"--out {shown} is inside the input folder {inner.as_posix()}; "
                              "write the export outside it")
    if not target.exists() and not target.is_symlink():
        return
    if target.is_dir():
        raise OutputError(f"--out {shown} is a folder; give a file name (e.g. --out {shown.rstrip('/')}/tcdkg.ttl)")
    if not target.is_file():
        raise OutputError(f"--out {shown} is not a regular file; choose another path")
    try:
        with target.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise OutputError(f"cannot read --out {shown}: {exc.strerror or exc}") from None
    if not head or _is_our_file(head, json_kind) or (header is not None and head.startswith(header + b"\n")):
        return
    raise OutputError(f"--out {shown} exists and is not an export written by kg; nothing was written. "
                      "Choose a new file name, or remove the file yourself if it is disposable")


def _written_by_kg(folder: Path) -> bool:
    if (folder / MARKER).is_file():
        return True
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("name") == "tcdkg" and "files" in manifest


def _is_our_file(head: bytes, json_kind: str | None) -> bool:
    if head.startswith(FILE_SIGNATURE.encode()):
        return True
    if json_kind is None:
        return False
    text = head.decode("utf-8", errors="replace").lstrip()
    return text[:1] in ("{", "[") and (_BASE_IRI in text or json_kind in text)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links: where the link itself is
        return path.absolute()


def _overlaps(a: Path, b: Path) -> bool:
    ra, rb = _resolved(a), _resolved(b)
    return ra == rb or ra in rb.parents or rb in ra.parents
