"""Atomic outputs: a file or a whole folder appears complete, or not at all.

A folder is built in a sibling `.NAME.new-PID-XXXX` and swapped with the live one in one
step (Linux `renameat2(RENAME_EXCHANGE)`), so the path never goes missing, not even for an
instant; the old content, now under the staging name, is removed afterwards. Where the
exchange is not available (other systems, some file systems) the old folder is renamed to
`.NAME.old-PID-XXXX` just before the new one moves in. A build killed half-way leaves its
staging folder behind: the next run removes every `.NAME.new-PID-*` / `.NAME.old-PID-*`
sibling whose process is gone (only names of this pattern, nothing else). Failures of the
file system (read-only, full, busy) become a `WriteError` naming the path, and the
previous output is left as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class WriteError(KgError):
    """The file system refused a write (read-only, full, busy ...): nothing was replaced."""


def _load_renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


_renameat2 = _load_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False when the system cannot (then nothing moved)."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def replace_dir(staging: Path, target: Path) -> None:
    """Put the folder `staging` at `target`; `target`, if it exists, is never missing."""
    if target.exists() or target.is_symlink():
        if exchange(staging, target):
            _remove(staging)
            return
        old = target.parent / f".{target.name}.old-{os.getpid()}-{os.urandom(4).hex()}"
        os.replace(target, old)
        try:
            os.replace(staging, target)
        except BaseException:
            os.replace(old, target)
            raise
        _remove(old)
        return
    os.replace(staging, target)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _leftover(name: str) -> re.Pattern[str]:
    """Names of our staging and set-aside siblings of `name`, with the process id."""
    return re.compile(rf"\.{re.escape(name)}\.(?:new|old)-(\d+)-[0-9a-z_]+")


def process_alive(pid: int) -> bool:
    """Whether process `pid` may still be running (this process counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def clean_leftovers(target: Path) -> list[Path]:
    """Remove staging siblings of `target` left by runs that were killed; returns them."""
    pattern = _leftover(target.name)
    removed: list[Path] = []
    try:
        entries = sorted(os.scandir(target.parent), key=lambda e: e.name)
    except OSError:
        return removed
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None or process_alive(int(found.group(1))):
            continue
        path = Path(entry.path)
        _remove(path)
        removed.append(path)
    return removed


def _failure(target: Path, exc: OSError) -> WriteError:
    reason = (exc.strerror or str(exc)).lower()
    if exc.errno == errno.ENOSPC:
        reason = "no space left on the device"
    elif exc.errno == errno.EROFS:
        reason = "the file system is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason = "permission denied"
    elif exc.errno in (errno.EBUSY, errno.EXDEV) and os.path.ismount(target):
        reason = (f"it is a mount point, which kg cannot swap for a new folder; write into a "
                  f"folder inside it (e.g. --out {target.as_posix().rstrip('/')}/tcdkg)")
    elif exc.errno in (errno.EEXIST, errno.ENOTDIR):
        blocker = next((p for p in reversed(target.parents) if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            reason = f"{blocker.as_posix()} is a file, not a folder"
    return WriteError(f"cannot write {target.as_posix()}: {reason}; nothing was replaced "
                      "(the previous output, if any, is unchanged)")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def normal_modes(folder: Path) -> None:
    """Folders 0755 and files 0644 (under the usual umask 022), not the 0700 / 0600 of
    temporary files: outputs are meant to be read and served by others."""
    mask = _umask()
    os.chmod(folder, 0o777 & ~mask)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o777 & ~mask)
        for name in files:
            os.chmod(os.path.join(root, name), 0o666 & ~mask)


@contextlib.contextmanager
def atomic_dir(target: Path) -> Iterator[Path]:
    """Yield a fresh sibling folder; on success it replaces `target`, on failure it vanishes.

    File-system errors (inside the block too) become a WriteError naming `target`.
    """
    shown = target
    target = target.absolute()
    staging: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-{os.getpid()}-", dir=target.parent))
        yield staging
        normal_modes(staging)
        replace_dir(staging, target)
        staging = None
    except OSError as exc:
        raise _failure(shown, exc) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary handle on a temporary sibling; on success it replaces `path`, on
    failure it vanishes (for outputs written in pieces rather than held in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write a file through a temporary sibling and an atomic rename."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.new-{os.getpid()}-", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise _failure(path, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
