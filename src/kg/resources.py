"""Folders shipped with tcdkg (SHACL shapes, check queries): found in the source checkout,
else in the copy `pip install` puts under `<prefix>/share/tcdkg/`."""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[2]


def shipped_dir(name: str) -> Path:
    """`shapes` or `queries/checks`: the checkout's folder when it exists, else the installed one."""
    here = _CHECKOUT / name
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "tcdkg" / name
