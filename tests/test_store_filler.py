"""The validation store filled while the quads are mapped holds exactly the mapped quads."""

from __future__ import annotations

from kg.graph import StoreFiller
from kg.pipeline import compile_data

from .conftest import VALID
from .synthetic import corpus


def _quads(store) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(q) for q in store}


def test_store_filled_while_mapping_equals_the_store_of_the_quads(tmp_path, monkeypatch):
    monkeypatch.setattr(StoreFiller, "CHUNK", 100)  # many chunks, handed over mid-record too
    data, _ = corpus(tmp_path, 5000, seed=5)
    for folder, ordered in ((VALID, True), (data, False)):
        compiled = compile_data(folder, ordered=ordered, with_store=True)
        filled = compiled.graph.take_store()
        assert _quads(filled) == _quads(compiled.graph.store())
        assert len(filled) == len(set(compiled.graph.quads)) > 100
        assert compiled.graph.take_store() is not filled  # handed to the first caller only


def test_new_quads_drop_the_filled_store():
    compiled = compile_data(VALID, with_store=True)
    compiled.graph.quads = compiled.graph.quads[:10]
    assert len(compiled.graph.take_store()) == 10
