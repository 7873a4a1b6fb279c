"""`kg validate --changed-only` through the cache (kg.validation.incremental) reports what a
full validation reports in the same files, also after other files changed, appeared or went."""

from __future__ import annotations

import json
import shutil

import pytest

from kg.cli import app
from kg.errors import relpath
from kg.pipeline import compile_data
from kg.render import ReportFormat, render
from kg.validation import validate

from .synthetic import corpus


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))


def _full(data, files):
    only = {relpath(f) for f in files}
    return render(validate(compile_data(data), only=only), ReportFormat.JSON)


def _changed(runner, data, files):
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json",
                                 "--changed-only", *map(str, files)])
    assert result.exit_code in (0, 1), result.output
    return result.stdout.strip()


def test_same_findings_as_a_full_validation_in_every_planted_file(tmp_path, runner):
    data, injected = corpus(tmp_path, 10000, seed=11, errors=1)
    files = [data.parent / e["file"] for e in injected]
    files.append(sorted((data / "persons").glob("*.yaml"))[0])  # and a clean one
    for file in files:
        assert _changed(runner, data, [file]) == _full(data, [file]), file
    assert _changed(runner, data, files) == _full(data, files)
    assert json.loads(_changed(runner, data, files))["errors"] >= len(injected)


def test_cache_follows_edits_to_other_files(tmp_path, runner):
    data, _ = corpus(tmp_path, 10000, seed=12)
    event = sorted((data / "events").rglob("*.yaml"))[3]
    assert json.loads(_changed(runner, data, [event]))["findings"] == []

    def codes(files):
        changed = _changed(runner, data, files)
        assert changed == _full(data, files)
        return sorted({f["code"] for f in json.loads(changed)["findings"]})

    record = event.read_text(encoding="utf-8")
    cited = record.split("\nsources: [")[1].split("]")[0].split(", ")
    for slug in cited:  # its sources now appear years before the event
        source = data / "sources" / f"{slug}.yaml"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("published: 20", "published: 19"), encoding="utf-8")
    assert "E504" in codes([event])

    person = next(line.split("person/")[1] for line in record.splitlines() if "person/" in line)
    shutil.move(data / "persons" / f"{person}.yaml", tmp_path / "gone.yaml")
    assert codes([event]) == ["E301"]  # graph-level findings wait until it is fixed

    town = data / "places" / "new-town.yaml"
    town.write_text("name:\n  en: New Town\ntype: city\nstate: kazakhstan\nsources: [nowhere]\n",
                    encoding="utf-8")
    assert codes([event, town]) == ["E301"]
    town.write_text("name:\n  en: New Town\ntype: city\nstate: kazakhstan\n"
                    f"sources: [{cited[0]}]\n", encoding="utf-8")
    assert codes([town]) == ["E402"]  # no Russian name

    shutil.move(tmp_path / "gone.yaml", data / "persons" / f"{person}.yaml")
    assert "E504" in codes([event]) and "E301" not in codes([event])


def test_without_a_usable_cache_it_validates_the_whole_folder(tmp_path, runner, monkeypatch):
    data, injected = corpus(tmp_path, 5000, seed=13, errors=1)
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "file" / "cache"))
    file = data.parent / injected[0]["file"]
    assert _changed(runner, data, [file]) == _full(data, [file])
