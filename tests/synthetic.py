"""Synthetic corpora from bench/generate.py, written once per test session."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from types import ModuleType

from .conftest import ROOT


@cache
def generator() -> ModuleType:
    """bench/generate.py as a module (it puts bench/ on sys.path for its `synth` package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(root: Path, triples: int, seed: int, errors: int = 0) -> tuple[Path, list[dict]]:
    """Write a corpus under `root`; its data folder and the errors injected into it."""
    gen = generator()
    texts, injected = gen.generate(triples, seed, errors)
    out = root / f"c{triples}-s{seed}-e{errors}"
    gen.write(out, texts, injected)
    assert json.loads((out / "injected.json").read_text(encoding="utf-8")) == injected
    return out / "data", injected
