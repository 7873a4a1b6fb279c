"""`kg diff`: claim-level changes between data folders and git revisions, in three formats."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.cli import app

from .conftest import VALID

EVENT = "events/2024/example-summit.yaml"


def _edit(folder: Path, relative: str, old: str, new: str) -> None:
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def sides(tmp_path) -> tuple[Path, Path]:
    """The valid fixture, and a copy with one change of each kind a reviewer must see."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(VALID, old)
    shutil.copytree(VALID, new)
    _edit(new, EVENT, "    status: signed\n", "    status: expected\n")        # a signing's status
    _edit(new, EVENT, "date: 2024-08-09\n", "date: 2024-08\n")                   # the event's date precision
    _edit(new, EVENT, "    role: head-of-delegation\n", "    role: guest-of-honour\n")  # a participation's role
    _edit(new, EVENT, "    quote: signed the roadmap\n", "    quote: the roadmap was signed\n")
    _edit(new, "places/astana.yaml", "  ru: Астана\n", "  ru: Астана\nalt_names:\n  kk: [Астана қаласы]\n")
    (new / "places" / "almaty.yaml").write_text(
        "name:\n  en: Almaty\n  ru: Алматы\ntype: city\nstate: kazakhstan\nsources: [example-news]\n",
        encoding="utf-8")
    return old, new


def test_each_change_kind_in_text(runner, sides):
    old, new = sides
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"""kg diff: {old} → {new}
records: 1 added, 0 removed, 2 changed; claims: 0 added, 0 removed, 2 changed

~ event/example-summit — 1st Example Union summit
    date: 2024-08-09 → 2024-08
    ~ participation kassym-jomart-tokayev
        role: head-of-delegation → guest-of-honour
    ~ signing example-roadmap--kassym-jomart-tokayev
        status: signed → expected
        quote from source/example-news: "signed the roadmap" → "the roadmap was signed"

+ place/almaty — Almaty
    inState: state/kazakhstan (Kazakhstan)
    placeType: city
    name en: "Almaty"
    name ru: "Алматы"
    sources: source/example-news (Leaders sign a roadmap in Astana)

~ place/astana — Astana
    alternative name kk: + "Астана қаласы"
"""


def test_markdown_and_json(runner, sides):
    old, new = sides
    markdown = runner.invoke(app, ["diff", str(old), str(new), "--format", "markdown"])
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout.splitlines()[:9] == [
        f"### Data changes: `{old}` → `{new}`",
        "",
        "**Records:** 1 added, 0 removed, 2 changed; **Claims:** 0 added, 0 removed, 2 changed",
        "",
        "#### ~ event/example-summit — 1st Example Union summit (changed)",
        "",
        "- date: 2024-08-09 → 2024-08",
        "- ~ **participation** `kassym-jomart-tokayev` (changed)",
        "  - role: head-of-delegation → guest-of-honour",
    ]
    data = json.loads(runner.invoke(app, ["diff", str(old), str(new), "--format", "json"]).stdout)
    assert data["summary"] == {"records_added": 1, "records_removed": 0, "records_changed": 2,
                               "records_unreadable": 0,
                               "claims_added": 0, "claims_removed": 0, "claims_changed": 2}
    signing = data["records"][0]["claims"][1]
    assert signing["kind"] == "signing"
    status = next(f for f in signing["fields"] if f["field"] == "status")
    assert status["old"][0]["iri"].endswith("/signed") and status["new"][0]["iri"].endswith("/expected")


def test_long_markdown_collapses_each_record(runner, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(VALID, old)
    empty = tmp_path / "empty"
    for kind in ("events", "persons"):
        (empty / kind).mkdir(parents=True)
    result = runner.invoke(app, ["diff", str(old), str(empty), "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout.count("<details><summary>") == 11
    assert "<summary>- event/example-summit — 1st Example Union summit (removed)</summary>" in result.stdout


def test_removed_participant_and_added_claim(runner, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(VALID, old)
    shutil.copytree(VALID, new)
    _edit(new, EVENT, """participants:
  - participant: person/kassym-jomart-tokayev
    role: head-of-delegation
    on_behalf_of: state/kazakhstan
    capacity: post/kazakhstan-president
    sources: [example-news]
""", """participants:
  - participant: state/kazakhstan
    role: host
    sources: [example-news]
""")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n\n", 1)[1] == """~ event/example-summit — 1st Example Union summit
    - participation kassym-jomart-tokayev
        capacity: post/kazakhstan-president (President of Kazakhstan)
        event: event/example-summit (1st Example Union summit)
        onBehalfOf: state/kazakhstan (Kazakhstan)
        participant: person/kassym-jomart-tokayev (Kassym-Jomart Tokayev)
        role: head-of-delegation
        status: attested
        sources: source/example-news (Leaders sign a roadmap in Astana)
    + participation kazakhstan
        event: event/example-summit (1st Example Union summit)
        participant: state/kazakhstan (Kazakhstan)
        role: host
        status: attested
        sources: source/example-news (Leaders sign a roadmap in Astana)
"""


def test_identical_sides_have_no_changes_and_exit_code_flag(runner, sides):
    old, new = sides
    same = runner.invoke(app, ["diff", str(old), str(old), "--exit-code"])
    assert same.exit_code == 0
    assert same.stdout == f"kg diff: {old} → {old}\nno changes\n"
    assert runner.invoke(app, ["diff", str(old), str(new), "--exit-code"]).exit_code == 1
    assert runner.invoke(app, ["diff", str(old), str(new)]).exit_code == 0


def test_a_side_with_errors_is_reported(runner, sides):
    old, new = sides
    _edit(new, EVENT, "ordinal: 1\n", "ordinal: x\n")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1:4] == [
        f"warning: {new} has 1 error(s) in its fact files; records that could not be loaded there are "
        "marked ! and not compared:",
        f"  {new}/{EVENT}:8:10: error E203 'ordinal' must be a whole number, not 'x'",
        # the rest of the broken event is loaded (kg.partial), so references to it still resolve
        # on that side: only the event itself is not compared
        "records: 1 added, 0 removed, 1 changed, 1 not compared; claims: 0 added, 0 removed, 0 changed",
    ]
    assert "! event/example-summit — 1st Example Union summit (has errors on one side; not compared)" in lines


def test_output_is_deterministic(runner, sides):
    old, new = sides
    outputs = {runner.invoke(app, ["diff", str(old), str(new), "--format", f]).stdout
               for f in ("json",) for _ in range(3)}
    assert len(outputs) == 1


def test_unknown_format_exits_2(runner, sides):
    old, new = sides
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "html"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: unknown format 'html'; use one of: text, markdown, json"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                               "HOME": str(repo), "PATH": "/usr/bin:/bin"})
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository with two commits: the valid fixture, then a signing's status changed."""
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo / "data")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "first")
    _edit(repo / "data", EVENT, "    status: signed\n", "    status: expected\n")
    _git(repo, "commit", "-qam", "second")
    monkeypatch.chdir(repo)
    return repo


def test_two_git_revisions(runner, repo):
    first, second = _git(repo, "rev-parse", "HEAD~1"), _git(repo, "rev-parse", "HEAD")
    result = runner.invoke(app, ["diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"""kg diff: HEAD~1 ({first[:12]}) → HEAD ({second[:12]})
records: 0 added, 0 removed, 1 changed; claims: 0 added, 0 removed, 1 changed

~ event/example-summit — 1st Example Union summit
    ~ signing example-roadmap--kassym-jomart-tokayev
        status: signed → expected
"""
    working = runner.invoke(app, ["diff", "HEAD"])  # against the working tree
    assert working.stdout.endswith("no changes\n")


def test_missing_revision_says_what_to_fetch(runner, repo):
    result = runner.invoke(app, ["diff", "origin/main"])
    assert result.exit_code == 2
    assert result.output.strip() == ("error: revision 'origin/main' is not in this clone and is not a folder. "
                                     "Fetch it first (e.g. `git fetch origin main`) or check the name.")


def test_missing_revision_in_a_shallow_clone(runner, repo, tmp_path, monkeypatch):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth=1", f"file://{repo}", str(shallow)], check=True)
    monkeypatch.chdir(shallow)
    result = runner.invoke(app, ["diff", "HEAD~1"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: revision 'HEAD~1' is not in this clone and is not a folder. This clone is shallow: fetch the "
        "revision first, e.g. `git fetch --depth=1 origin HEAD~1` (or check out with fetch-depth: 0 in GitHub "
        "Actions).")


def test_outside_a_repository_a_revision_is_an_error(runner, tmp_path, monkeypatch):
    shutil.copytree(VALID, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", "HEAD~1"])
    assert result.exit_code == 2
    assert result.output.strip() == ("error: 'data' is not in a git repository, and the revision is not a "
                                     "folder; give two data folders (kg diff OLD_DIR NEW_DIR) or run inside a clone")
