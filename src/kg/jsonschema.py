"""JSON Schemas of the record kinds, generated from the pydantic models the loader uses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.atomic import write_bytes_atomic
from kg.errors import UsageError
from kg.model.kinds import KIND_DIRS, KIND_MODELS
from kg.outputs import OutputError, claim_file

_SCHEMA_BASE = "https://w3id.org/tcdkg/schema/"


def schemas(kind: str | None = None) -> dict[str, dict[str, Any]]:
    """kind name -> JSON Schema (draft 2020-12) of its fact files."""
    folders = {k: d for d, k in KIND_DIRS.items()}
    if kind is not None and kind not in {k.value for k in KIND_MODELS}:
        raise UsageError(f"unknown record kind '{kind}'; use one of: "
                         + ", ".join(k.value for k in KIND_MODELS))
    out = {}
    for k, model in KIND_MODELS.items():
        if kind is not None and k.value != kind:
            continue
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{_SCHEMA_BASE}{k.value}.schema.json"
        schema["title"] = f"tcdkg {k.value} fact file (data/{folders[k]}/)"
        out[k.value] = schema
    return out


def write_schemas(selected: dict[str, dict[str, Any]], folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` files into `folder`, replacing only schemas kg wrote before.

    Every target is checked before the first is written (OutputError, nothing written).
    """
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--out {folder.as_posix()} is a file, not a folder; nothing was written")
    for name in sorted(selected):
        claim_file(folder / f"{name}.schema.json", json_kind=_SCHEMA_BASE)
    written = []
    for name, schema in sorted(selected.items()):
        path = folder / f"{name}.schema.json"
        text = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        write_bytes_atomic(path, text.encode("utf-8"))
        written.append(path)
    return written



