"""Helpers of the adversarial suite: real file-system faults (tmpfs mounts) and snapshots."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import VALID


def snapshot(root: Path) -> dict[str, str]:
    """Every entry below `root` (hidden ones too): file contents' SHA-256, links, folders."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[key] = "-> " + os.readlink(path)
        elif path.is_file():
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            out[key] = "dir"
    return out


@contextlib.contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at `where` with `options` (e.g. 'size=64k' or 'ro'), unmounted after;
    the test is skipped when this process may not mount (not root, no CAP_SYS_ADMIN)."""
    where.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command: cannot make a real read-only or full file system")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'not permitted'}): "
                    "needs root with CAP_SYS_ADMIN")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def remount(where: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(where)], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A checkout-like folder with data/ (the valid fixture) and a user's file; cwd is its root."""
    shutil.copytree(VALID, tmp_path / "data")
    (tmp_path / "notes.txt").write_text("do not lose me\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1]
