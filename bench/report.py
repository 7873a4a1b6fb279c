"""The benchmark's markdown table: medians, peak memory, ratio to the baseline, growth exponent."""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Row:
    """One measured thing; `runs[size]` holds (seconds or None for a timeout, peak MB) pairs."""

    section: str
    name: str
    baseline: str | None = None  # name of the row it is compared with
    target: tuple[float, float | None] | None = None  # (seconds, MB) at the largest size
    beat_baseline: bool = False  # the target: faster than the baseline at every size
    runs: dict[str, list[tuple[float | None, float]]] = field(default_factory=dict)
    note: str = ""

    def median(self, size: str) -> float | None:
        times = [t for t, _m in self.runs.get(size, [])]
        if not times or any(t is None for t in times):
            return None
        return statistics.median(times)  # type: ignore[type-var]

    def memory(self, size: str) -> float | None:
        mems = [m for _t, m in self.runs.get(size, [])]
        return statistics.median(mems) if mems else None


def slope(x1: float, y1: float | None, x2: float, y2: float | None) -> float | None:
    """The log-log slope between two sizes (1.0 = linear); None where a time is missing."""
    if y1 is None or y2 is None or min(x1, x2, y1, y2) <= 0 or x1 == x2:
        return None
    return math.log(y2 / y1) / math.log(x2 / x1)


def _s(seconds: float | None, ran: bool) -> str:
    if seconds is None:
        return "timeout" if ran else "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def compared(took: float | None, other: float | None) -> str:
    """How a median compares with its baseline's: `2.3× faster` or `1.2× slower`."""
    if not took or other is None:
        return ""
    if other >= took:
        return f"{other / took:,.1f}× faster"
    return f"{took / other:,.1f}× slower"


def target_cell(row: Row, sizes: list[str], base: Row | None = None) -> str:
    """The target column: each target met or missed by how much, at the largest size (time,
    peak memory); a row that must beat its baseline is marked at every size."""
    parts = []
    if row.target is not None:
        secs, mb = row.target
        size = sizes[-1]
        took, mem = row.median(size), row.memory(size)
        if took is None:
            parts.append(f"< {secs:g} s: not measured")
        else:
            parts.append(f"< {secs:g} s: " + ("met" if took < secs else f"missed by {_s(took - secs, True)}"))
        if mb is not None and mem is not None:
            parts.append(f"< {mb / 1024:g} GiB: " + ("met" if mem < mb else f"missed by {mem - mb:,.0f} MB"))
    if row.beat_baseline:
        marks = []
        for size in sizes:
            took = row.median(size)
            other = base.median(size) if base is not None else None
            if took is None or other is None:
                marks.append(f"{size} not measured")
            else:
                marks.append(f"{size} " + ("met" if took < other else f"missed ({compared(took, other)})"))
        name = base.name.split(" (")[0] if base is not None else row.baseline
        parts.append(f"faster than {name}: " + ", ".join(marks))
    return "; ".join(parts)


def table(rows: list[Row], sizes: list[str], triples: dict[str, int]) -> str:
    """Markdown: per size the median time and peak memory (and × faster than the baseline)."""
    by_name = {r.name: r for r in rows}
    head = ["measurement", *(f"{s} ({triples.get(s, 0):,} triples)" for s in sizes)]
    pairs = list(itertools.pairwise(sizes))
    head += [f"exponent {a}→{b}" for a, b in pairs] + [f"target at {sizes[-1]}"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    order = {name: n for n, name in enumerate(dict.fromkeys(r.section for r in rows))}
    section = None
    for row in sorted(rows, key=lambda r: order[r.section]):
        if row.section != section:
            section = row.section
            lines.append(f"| **{section}** |" + " |" * (len(head) - 1))
        cells = [row.name + (f" ({row.note})" if row.note else "")]
        base = by_name.get(row.baseline) if row.baseline else None
        for size in sizes:
            took, mem = row.median(size), row.memory(size)
            cell = _s(took, size in row.runs)
            if mem is not None:
                cell += f", {mem:,.0f} MB"
            if base is not None and took and size in base.runs:
                other = base.median(size)
                cell += f", **{compared(took, other)}**" if other else ", baseline timed out"
            cells.append(cell)
        for a, b in pairs:
            k = slope(triples.get(a, 0), row.median(a), triples.get(b, 0), row.median(b))
            cells.append("" if k is None else f"{k:.2f}")
        cells.append(target_cell(row, sizes, base))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def as_json(rows: list[Row]) -> list[dict[str, Any]]:
    return [{"section": r.section, "name": r.name, "baseline": r.baseline, "runs": r.runs}
            for r in rows]
