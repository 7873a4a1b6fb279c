"""The YAML examples of data/README.md §11 load as fact files (the ordinal one as an event)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.load import load_file
from kg.model.kinds import Kind

from .conftest import DATA

SECTION = (DATA / "README.md").read_text(encoding="utf-8").split("## 11. ", 1)[1].split("## 12. ")[0]
EXAMPLES = re.findall(r"```yaml\n(.*?)```", SECTION, re.S)
HEAD = "name:\n  en: An event\ntype: summit\nstatus: held\nsources: [example-news]\n"


def test_there_are_examples() -> None:
    assert len(EXAMPLES) == 4


@pytest.mark.parametrize("number", range(4))
def test_each_example_loads(tmp_path: Path, number: int) -> None:
    text = EXAMPLES[number]
    kind = (Kind.DOCUMENT if text.startswith("title:") else
            Kind.ORGANIZATION if "former_names:" in text else Kind.EVENT)
    if text.startswith("ordinal:"):
        text = HEAD + text
    file = tmp_path / "example.yaml"
    file.write_text(text, encoding="utf-8")
    record, findings = load_file(file, kind)
    assert [str(f) for f in findings] == []
    assert record is not None
