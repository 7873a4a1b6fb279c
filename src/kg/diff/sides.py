"""A side of a diff: an existing data folder, or the data folder of a git revision."""

from __future__ import annotations

import contextlib
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import UsageError


@dataclass(frozen=True)
class Side:
    spec: str          # what the user typed, shown in the output
    folder: Path       # the data folder to compile
    revision: str | None = None  # the commit, for a git side
    shown: str = "data"          # how the data folder's paths are shown in findings


@contextlib.contextmanager
def open_side(spec: str | None, data_dir: Path) -> Iterator[Side]:
    """Yield the side named by `spec`: None is the working tree's `data_dir`, an existing folder
    is used as it is, anything else is a git revision whose `data_dir` is extracted to a
    temporary folder (removed afterwards)."""
    if spec is None:
        if not data_dir.is_dir():
            raise UsageError(f"data folder '{data_dir}' does not exist; pass --data DIR")
        yield Side("working tree", data_dir, shown=data_dir.as_posix())
        return
    if Path(spec).is_dir():
        yield Side(spec, Path(spec), shown=spec.rstrip("/"))
        return
    root = _git_root(data_dir)
    commit = _resolve(root, spec)
    inside = _inside_repo(root, data_dir)
    with tempfile.TemporaryDirectory(prefix="kg-diff-") as tmp:
        _extract(root, commit, inside, Path(tmp))
        folder = Path(tmp) / inside
        if not folder.is_dir():
            raise UsageError(f"revision '{spec}' has no folder {inside}/; nothing to compare")
        yield Side(spec, folder, commit, shown=inside)


def _git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; compare two data folders instead "
                         "(kg diff OLD_DIR NEW_DIR)") from None


def _git_root(data_dir: Path) -> Path:
    start = data_dir if data_dir.is_dir() else Path.cwd()
    done = _git(start.resolve(), "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise UsageError(f"'{data_dir}' is not in a git repository, and the revision is not a folder; "
                         "give two data folders (kg diff OLD_DIR NEW_DIR) or run inside a clone")
    return Path(done.stdout.decode().strip())


def _resolve(root: Path, spec: str) -> str:
    if spec.startswith("-"):
        raise UsageError(f"'{spec}' is not a revision or a folder")
    done = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}")
    if done.returncode == 0:
        return done.stdout.decode().strip()
    shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.decode().strip() == "true"
    hint = (" This clone is shallow: fetch the revision first, e.g. `git fetch --depth=1 origin "
            f"{_fetchable(spec)}` (or check out with fetch-depth: 0 in GitHub Actions)."
            if shallow else f" Fetch it first (e.g. `git fetch origin {_fetchable(spec)}`) or check the name.")
    raise UsageError(f"revision '{spec}' is not in this clone and is not a folder.{hint}")


def _fetchable(spec: str) -> str:
    return spec.removeprefix("origin/")


def _inside_repo(root: Path, data_dir: Path) -> str:
    try:
        return data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"data folder '{data_dir}' is outside the git repository at {root}") from None


def _extract(root: Path, commit: str, inside: str, into: Path) -> None:
    archive = into / "side.tar"
    done = _git(root, "archive", "--format=tar", f"--output={archive}", commit, "--", inside)
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(f"could not read {inside}/ at {commit[:12]}: "
                         f"{message[-1] if message else 'git archive failed'}")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()
