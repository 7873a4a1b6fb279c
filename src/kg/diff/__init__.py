"""`kg diff`: claim-level changes between two versions of the data (SPEC §13).

    sides     a revision or a folder -> a data folder on disk
    snapshot  a built graph -> records, their claims and fields, keyed by IRI
    compare   two snapshots -> a Diff (records and claims added, removed, changed)
    render    a Diff -> text, Markdown or JSON
"""

from kg.diff.compare import Diff, diff_snapshots
from kg.diff.run import DiffResult, diff_sides

__all__ = ["Diff", "DiffResult", "diff_sides", "diff_snapshots"]
