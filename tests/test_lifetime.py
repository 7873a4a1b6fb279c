"""`kg` as a process ends right after a command that holds a big graph (`kg.lifetime`): its
output is complete, its exit code is the command's, and nothing is held in-process."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import kg.lifetime
from kg.cli import app

from .conftest import FIXTURES, ROOT, VALID

INVALID = FIXTURES / "invalid"


def _kg(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


def test_validate_as_a_process_prints_every_finding_and_exits_1(runner):
    data = INVALID / "ref-unknown-did-you-mean" / "data"
    process = _kg("validate", "--data", str(data), "--format", "json")
    in_process = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert process.returncode == 1, process.stderr
    assert json.loads(process.stdout) == json.loads(in_process.stdout)
    assert json.loads(process.stdout)["errors"] >= 1


def test_build_as_a_process_writes_everything_and_exits_0(tmp_path):
    out = tmp_path / "dist"
    process = _kg("build", "--data", str(VALID), "--out", str(out), "--quiet")
    assert process.returncode == 0, process.stderr
    assert process.stdout.splitlines()[-1].endswith(f"files to {out}/")
    assert (out / "tcdkg.nq").stat().st_size > 0


def _command_line(body: str, imports: str = "import sys") -> subprocess.CompletedProcess[str]:
    """A process whose command line (`body`, a function's statements) runs under
    `kg.lifetime.run_then_exit`, as `kg` runs its commands."""
    script = (f"{imports}\nfrom kg.lifetime import hold, run_then_exit\n"
              f"def command_line():\n{textwrap.indent(textwrap.dedent(body), '    ')}\n"
              "run_then_exit(command_line)\n")
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=False)


def test_a_large_output_is_flushed_before_the_quick_exit():
    """A command that holds a graph and writes more than any pipe buffer holds."""
    process = _command_line("""
        hold('graph', object())
        sys.stdout.write('x' * 1_000_000)
        sys.stderr.write('done')
        raise SystemExit(3)
    """)
    assert process.returncode == 3
    assert len(process.stdout) == 1_000_000
    assert process.stderr == "done"


def test_nothing_is_held_in_process(runner):
    """Tests and library callers never turn holding on: a graph is freed as usual."""
    result = runner.invoke(app, ["validate", "--data", str(VALID)])
    assert result.exit_code == 0, result.output
    assert kg.lifetime._held == {}


def test_objects_made_in_a_pause_are_frozen_only_when_held_to_the_end():
    """The first collection after a pause walks everything made in it (1 s at a million
    triples); when that is held until the process ends it is frozen out instead."""
    process = _command_line("""
        with paused_gc():
            made = [[i] for i in range(1000)]
        print(gc.get_freeze_count(), end=' ')
        hold('graph', made)
        with paused_gc():
            more = [[i] for i in range(1000)]
        print(gc.get_freeze_count() >= 2000, gc.isenabled())
        raise SystemExit(0)
    """, imports="import gc\nfrom kg.pipeline import paused_gc")
    assert process.returncode == 0, process.stderr
    assert process.stdout == "0 True True\n"
