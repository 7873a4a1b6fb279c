"""Validation of a compiled data folder: every layer, one report."""

from __future__ import annotations

from kg.errors import Report
from kg.pipeline import Compiled


def validate(compiled: Compiled) -> Report:
    """All findings: YAML, record schema and references (collected while compiling)."""
    return compiled.report
