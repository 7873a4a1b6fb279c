"""Small things a user notices (#11.8): --help, stats alignment, install advice, no machine
paths in documents."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import UsageError
from kg.stats import render_stats
from tests.conftest import ROOT


@pytest.mark.parametrize("command", [[], ["query"], ["validate"], ["build"], ["serve"]])
def test_help_has_no_type_markers_for_flags(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "--help" in result.stdout and "<bool>" not in result.stdout


def test_stats_columns_align_for_long_names() -> None:
    text = render_stats({"triples": 3, "quads": 3, "classes": {"Event": 12, "Source": 3},
                         "claims citing each source": {"a-very-long-source-slug-" * 3: 7, "b": 120},
                         "coverage": {"Event": {"records": 12}}})
    rows = [line for line in text.splitlines() if line.startswith("  ")]
    source_rows = rows[2:4]
    assert len({len(line) for line in source_rows}) == 1, source_rows  # counts right-aligned
    assert source_rows[1].endswith("  120") and source_rows[0].endswith("    7")


def test_serve_install_advice_works_from_a_clone(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.serve.process as process

    monkeypatch.setattr(process.shutil, "which", lambda *_a, **_k: None)
    with pytest.raises(UsageError) as caught:
        process.oxigraph_binary()
    assert str(caught.value) == ("the Oxigraph server is not installed; install it with: pip "
                                 "install 'oxigraph>=0.5,<0.6' (or, in your clone of tcdkg, pip "
                                 "install '.[serve]')")


def test_no_document_names_a_machine_path() -> None:
    documents = [p for p in ROOT.rglob("*.md") if ".venv" not in p.parts and "dist" not in p.parts
                 and not any(part.startswith(".") for part in p.relative_to(ROOT).parts)]
    assert documents
    machine = re.compile(r"(?<![\w.])/(?:work|home|Users|tmp|root)/\S+")
    found = {str(p.relative_to(ROOT)): machine.findall(p.read_text(encoding="utf-8"))
             for p in documents}
    assert {k: v for k, v in found.items() if v} == {}
