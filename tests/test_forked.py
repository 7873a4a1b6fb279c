"""kg.forked: work in a forked child hands back its value, or its exception, to the parent."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.forked import Receive, forked


def test_the_child_value_and_its_writes_reach_the_parent(tmp_path: Path) -> None:
    def work(_receive: Receive) -> dict[str, int]:
        (tmp_path / "child.txt").write_text("written by the child")
        return {"rows": 3}

    with forked(work) as pending:
        assert pending.result() == {"rows": 3}
    assert (tmp_path / "child.txt").read_text() == "written by the child"


def test_the_child_exception_is_raised_in_the_parent(tmp_path: Path) -> None:
    def work(_receive: Receive) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "events.csv"))

    with forked(work) as pending, pytest.raises(OSError, match="No space left"):
        pending.result()


def test_a_failing_parent_ends_the_child(tmp_path: Path) -> None:
    def work(_receive: Receive) -> None:
        import time

        time.sleep(30)
        (tmp_path / "late.txt").write_text("too late")

    with pytest.raises(RuntimeError, match="parent failed"), forked(work):
        raise RuntimeError("parent failed")
    assert not (tmp_path / "late.txt").exists()


def test_the_child_prepares_then_writes_where_the_parent_says(tmp_path: Path) -> None:
    def work(receive: Receive) -> str:
        rows = "prepared before the parent knew where"
        folder = receive()
        (folder / "rows.txt").write_text(rows)
        return str(folder)

    (tmp_path / "out").mkdir()
    with forked(work) as pending:
        pending.send(tmp_path / "out")
        assert pending.result() == str(tmp_path / "out")
    assert (tmp_path / "out" / "rows.txt").read_text() == "prepared before the parent knew where"


def test_a_parent_failing_before_sending_leaves_nothing_written(tmp_path: Path) -> None:
    def work(receive: Receive) -> None:
        folder = receive()
        (folder / "rows.txt").write_text("too late")

    with pytest.raises(RuntimeError, match="validation failed"), forked(work):
        raise RuntimeError("validation failed")
    assert list(tmp_path.iterdir()) == []


def test_a_child_hears_its_parent_while_a_later_child_still_waits() -> None:
    """The later child holds none of the parent's pipe ends to the earlier one: otherwise the
    earlier child would wait for the later one to end before it heard what was sent."""
    import signal

    def first(receive: Receive) -> str:
        return f"first got {receive()}"

    def second(receive: Receive) -> str:
        return f"second got {receive()}"

    def stuck(_signum: int, _frame: object) -> None:
        raise TimeoutError("the first child never heard its parent")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    try:
        with forked(first) as one, forked(second) as two:
            one.send("a")
            assert one.result() == "first got a"  # while the second still waits
            two.send("b")
            assert two.result() == "second got b"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
