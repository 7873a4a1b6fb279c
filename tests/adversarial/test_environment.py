"""Faults of the environment: one error line naming the path, exit 2, nothing else touched (#10.2)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.atomic import atomic_dir, clean_leftovers, exchange, replace_dir
from kg.cli import app

from ..conftest import VALID as VALID_DATA
from .conftest import last_line, remount, snapshot, tmpfs

NOT_REPLACED = "nothing was replaced (the previous output, if any, is unchanged)"


def _strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".new-" in p.name or ".old-" in p.name)


def test_build_into_a_read_only_file_system(runner, repo):
    with tmpfs(repo / "ro", "ro,size=256k"):
        before = snapshot(repo)
        result = runner.invoke(app, ["build", "--out", "ro/dist"])
        assert result.exit_code == 2, result.output
        assert last_line(result.output) == f"error: cannot write ro/dist: the file system is read-only; {NOT_REPLACED}"
        assert "Traceback" not in result.output
        assert snapshot(repo) == before


def test_rebuild_on_a_file_system_made_read_only_keeps_the_old_output(runner, repo):
    with tmpfs(repo / "mnt", "size=1m") as mnt:
        assert runner.invoke(app, ["build", "--out", "mnt/dist"]).exit_code == 0
        remount(mnt, "ro")
        before = snapshot(repo)
        for args, shown in ((["build", "--out", "mnt/dist"], "mnt/dist"),
                            (["export", "--format", "ttl", "--out", "mnt/dist/tcdkg.ttl"], "mnt/dist/tcdkg.ttl"),
                            (["schema", "--out", "mnt/schemas"], "mnt/schemas/document.schema.json")):
            result = runner.invoke(app, args)
            assert result.exit_code == 2, result.output
            assert last_line(result.output) == (f"error: cannot write {shown}: the file system is read-only; "
                                                f"{NOT_REPLACED}")
        assert snapshot(repo) == before


def test_build_on_a_full_disk_keeps_the_old_output_and_leaves_no_staging(runner, repo):
    with tmpfs(repo / "small", "size=480k") as small:  # one build fits (with ontology.trig), two do not
        assert runner.invoke(app, ["build", "--out", "small/dist"]).exit_code == 0
        before = snapshot(repo)
        result = runner.invoke(app, ["build", "--out", "small/dist"])
        assert result.exit_code == 2, result.output
        assert last_line(result.output) == f"error: cannot write small/dist: no space left on the device; {NOT_REPLACED}"
        assert snapshot(repo) == before
        assert _strays(small) == []


def test_export_on_a_full_disk(runner, repo):
    with tmpfs(repo / "tiny", "size=8k") as tiny:
        result = runner.invoke(app, ["export", "--format", "nt", "--out", "tiny/graph.nt"])
        assert result.exit_code == 2, result.output
        assert last_line(result.output) == f"error: cannot write tiny/graph.nt: no space left on the device; {NOT_REPLACED}"
        assert list(tiny.iterdir()) == []


@pytest.fixture
def as_nobody(tmp_path, monkeypatch):
    """A data folder readable by anyone; the test body runs with the effective uid of
    'nobody' (root reads any folder whatever its mode, so chmod alone proves nothing)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to an unprivileged user id")
    from kg.resources import shipped_dir

    checks = shipped_dir("queries/checks")
    if any(not folder.stat().st_mode & 0o001 for folder in [checks, *checks.parents]):
        pytest.skip(f"'nobody' cannot enter {checks} (the checkout sits in a folder closed to other "
                    "users), and kg reads its checks there")
    root = Path(os.environ.get("TMPDIR", "/tmp")) / f"kg-nobody-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(mode=0o755)
    shutil.copytree(VALID_DATA, root / "data")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    monkeypatch.chdir(root)

    class Switch:
        folder = root

        def __enter__(self) -> None:
            # modules Python imports lazily on the way, while the interpreter's own folders are
            # still readable (they may sit under /root, closed to 'nobody')
            import importlib.readers
            import importlib.resources.readers  # noqa: F401

            os.seteuid(65534)

        def __exit__(self, *exc: object) -> None:
            os.seteuid(0)

    yield Switch()
    shutil.rmtree(root, ignore_errors=True)


def test_an_unreadable_data_folder_is_exit_2(runner, as_nobody):
    assert runner.invoke(app, ["validate"]).exit_code == 0  # every module imported as root
    (as_nobody.folder / "data").chmod(0)
    before = snapshot(as_nobody.folder)
    with as_nobody:
        result = runner.invoke(app, ["validate"])
        build = runner.invoke(app, ["build"])
    assert snapshot(as_nobody.folder) == before
    assert (build.exit_code, build.output) == (2, "error: cannot read the data folder data: permission denied\n")
    assert result.exit_code == 2, result.output
    assert result.output == "error: cannot read the data folder data: permission denied\n"


def test_an_unreadable_subfolder_is_a_finding(runner, as_nobody):
    assert runner.invoke(app, ["validate"]).exit_code == 0
    (as_nobody.folder / "data" / "places").chmod(0)
    before = snapshot(as_nobody.folder)
    with as_nobody:
        result = runner.invoke(app, ["validate"])
    assert snapshot(as_nobody.folder) == before
    assert result.exit_code == 1, result.output
    assert "data/places:1:1: error E100 cannot read folder: permission denied" in result.output.splitlines()


def test_links_that_lead_nowhere_or_in_a_loop_are_findings(runner, repo):
    persons = repo / "data" / "persons"
    (persons / "gone.yaml").symlink_to("nowhere.yaml")
    (persons / "a.yaml").symlink_to("b.yaml")
    (persons / "b.yaml").symlink_to("a.yaml")
    (persons / "extra").symlink_to(repo / "data" / "places")
    before = snapshot(repo)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert ("data/persons/gone.yaml:1:1: error E214 dangling symbolic link: its target 'nowhere.yaml' "
            "does not exist; remove the link or fix its target") in lines
    for name, other in (("a", "b"), ("b", "a")):
        assert (f"data/persons/{name}.yaml:1:1: error E214 symbolic link in a loop (it points to "
                f"'{other}.yaml', which never reaches a file); replace the link with the file it "
                "should point to") in lines
    assert (f"data/persons/extra:1:1: warning W214 symbolic link to the folder '{repo}/data/places' is "
            "not followed; move the folder into the data folder instead of linking it") in lines
    assert snapshot(repo) == before


def test_leftovers_of_a_killed_build_are_removed_and_nothing_else(tmp_path):
    target = tmp_path / "dist"
    script = ("import os, signal, sys\nfrom pathlib import Path\nfrom kg.atomic import atomic_dir\n"
              "with atomic_dir(Path(sys.argv[1])) as staging:\n"
              "    (staging / 'half.nt').write_text('x')\n"
              "    os.kill(os.getpid(), signal.SIGKILL)\n")
    done = subprocess.run([sys.executable, "-c", script, str(target)], check=False)
    assert done.returncode == -signal.SIGKILL
    left = _strays(tmp_path)
    assert len(left) == 1 and left[0].startswith(".dist.new-")
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        keep = [f".dist.new-{live.pid}-abc", ".dist.new-mine", ".dist.newer", ".dist.old-notes",
                ".other.new-1-x", "dist.new-1-x"]
        for name in keep:
            (tmp_path / name).mkdir()
        with atomic_dir(target) as staging:
            (staging / "ok").write_text("ok")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*keep, "dist"])
    finally:
        live.kill()
        live.wait()
    assert clean_leftovers(target) == [tmp_path / f".dist.new-{live.pid}-abc"]


def test_the_output_folder_is_never_missing_during_a_swap(tmp_path):
    target = tmp_path / "dist"
    target.mkdir()
    (target / "version").write_text("0")
    if not exchange(target, target):
        pytest.skip("no atomic exchange of folders on this system (renameat2 RENAME_EXCHANGE)")
    seen: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.append((target / "version").read_text())
            except OSError as exc:
                seen.append(f"missing: {exc}")

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(1, 300):
            with atomic_dir(target) as staging:
                (staging / "version").write_text(str(n))
    finally:
        stop.set()
        thread.join()
    assert [s for s in seen if s.startswith("missing")] == []
    assert (target / "version").read_text() == "299"
    assert _strays(tmp_path) == []


def test_replace_dir_without_an_exchange_falls_back(tmp_path, monkeypatch):
    import kg.atomic

    monkeypatch.setattr(kg.atomic, "_renameat2", None)
    target, staging = tmp_path / "dist", tmp_path / ".dist.new-1-x"
    target.mkdir()
    (target / "old").write_text("old")
    staging.mkdir()
    (staging / "new").write_text("new")
    replace_dir(staging, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]
    assert [p.name for p in target.iterdir()] == ["new"]


def test_pipes_and_devices_named_like_fact_files_are_findings(runner, repo):
    persons = repo / "data" / "persons"
    os.mkfifo(persons / "pipe.yaml")
    (persons / "link.yaml").symlink_to("pipe.yaml")
    os.mkfifo(persons / "notes")  # not a fact file's name: left alone
    result = runner.invoke(app, ["validate"])  # would hang if a pipe were opened
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        "data/persons/link.yaml:1:1: error E214 symbolic link to something that is not a regular file "
        "(a pipe, socket or device); a fact file must be a regular file",
        "data/persons/pipe.yaml:1:1: error E214 not a regular file (a pipe, socket or device); a fact "
        "file must be a regular file",
        "2 errors, 0 warnings"]


@pytest.mark.parametrize(("args", "shown"), [
    (["build", "--out", "notes.txt/dist"], "notes.txt/dist"),
    (["export", "--format", "nt", "--out", "notes.txt/graph.nt"], "notes.txt/graph.nt"),
    (["schema", "--out", "notes.txt/schemas"], "notes.txt/schemas/document.schema.json"),
])
def test_an_output_below_a_file(runner, repo, args, shown):
    before = snapshot(repo)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert last_line(result.output) == (f"error: cannot write {shown}: notes.txt is a file, not a folder; "
                                        f"{NOT_REPLACED}")
    assert snapshot(repo) == before


def test_a_terminated_build_removes_its_staging_folder(tmp_path):
    script = ("import os, signal, sys, time\nfrom pathlib import Path\nimport typer\n"
              "from kg.atomic import atomic_dir\nfrom kg.cli.app import handle_errors\n"
              "target = Path(sys.argv.pop())\n"
              "@handle_errors\ndef main() -> None:\n"
              "    with atomic_dir(target) as staging:\n"
              "        (staging / 'half.nt').write_text('x')\n"
              "        os.kill(os.getpid(), signal.SIGTERM)\n"
              "        time.sleep(30)\n"
              "typer.run(main)\n")
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "old.nt").write_text("old")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "dist")], capture_output=True,
                          text=True, check=False, timeout=60)
    assert (done.returncode, done.stderr) == (143, "terminated\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]
    assert [p.name for p in (tmp_path / "dist").iterdir()] == ["old.nt"]


def test_an_output_folder_that_is_a_mount_point(runner, repo):
    with tmpfs(repo / "mounted", "size=1m") as mounted:
        (mounted / ".tcdkg-output").write_text('{"kind": "dist", "written_by": "kg"}\n')
        before = snapshot(repo)
        result = runner.invoke(app, ["build", "--out", "mounted"])
        assert result.exit_code == 2, result.output
        assert last_line(result.output) == (
            "error: cannot write mounted: it is a mount point, which kg cannot swap for a new folder; "
            f"write into a folder inside it (e.g. --out mounted/tcdkg); {NOT_REPLACED}")
        assert snapshot(repo) == before
        assert runner.invoke(app, ["build", "--out", "mounted/tcdkg"]).exit_code == 0


def test_a_data_folder_that_is_not_a_folder(runner, repo):
    (repo / "loop-a").symlink_to("loop-b")
    (repo / "loop-b").symlink_to("loop-a")
    cases = [("loop-a", "is a symbolic link that leads nowhere or into a loop"),
             ("notes.txt", "is a file, not a folder"), ("nowhere", "does not exist")]
    before = snapshot(repo)
    for data, what in cases:
        for args in (["validate"], ["build", "--out", "dist"], ["validate", "--changed-only", "x.yaml"]):
            result = runner.invoke(app, [*args, "--data", data])
            assert (result.exit_code, result.output) == (2, f"error: data folder '{data}' {what}; pass --data DIR\n")
    assert snapshot(repo) == before
    changed = runner.invoke(app, ["validate", "--changed-only", "loop-a"])
    assert (changed.exit_code, changed.output) == (0, "0 errors, 0 warnings\n")
