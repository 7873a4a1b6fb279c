"""A small, byte-stable YAML writer for fact files: block mappings, flow lists of scalars."""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0400-\u04ff][^:#\[\]{},\"'\n]*")
_RESERVED = re.compile(r"(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|"
                       r"yes|no|on|off|Yes|No|On|Off|y|n)")


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _RESERVED.fullmatch(text) and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[Any]) -> str | None:
    if not all(isinstance(i, (str, int)) for i in items):
        return None
    text = "[" + ", ".join(scalar(i) for i in items) + "]"
    return text if len(text) <= 80 else None


def _lines(data: dict[str, Any], indent: str, out: list[str], first: str | None = None) -> None:
    for n, (key, value) in enumerate(data.items()):
        lead = first if (first is not None and n == 0) else indent
        if isinstance(value, dict):
            out.append(f"{lead}{key}:")
            _lines(value, indent + "  ", out)
        elif isinstance(value, list):
            flow = _flow(value)
            if flow is not None:
                out.append(f"{lead}{key}: {flow}")
                continue
            out.append(f"{lead}{key}:")
            for item in value:
                if isinstance(item, dict):
                    _lines(item, indent + "    ", out, first=indent + "  - ")
                else:
                    out.append(f"{indent}  - {scalar(item)}")
        else:
            out.append(f"{lead}{key}: {scalar(value)}")


def dump(record: dict[str, Any]) -> str:
    """The fact file's text: keys in the order given, two-space indentation, UTF-8 friendly."""
    out: list[str] = []
    _lines(record, "", out)
    return "\n".join(out) + "\n"
