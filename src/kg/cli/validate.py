"""`kg validate`: every layer of checks over the fact files, findings as text, JSON or GitHub."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.app import DATA_OPTION, QUIET_OPTION, app, handle_errors
from kg.errors import UsageError, relpath
from kg.render import ReportFormat, render


@app.command()
@handle_errors
def validate(
    paths: list[Path] = typer.Argument(None, help="Fact files or folders to report on "
                                                  "(default: all)."),
    data: Path = DATA_OPTION,
    fmt: ReportFormat = typer.Option(ReportFormat.TEXT, "--format", help="Output format."),
    changed_only: bool = typer.Option(
        False, "--changed-only",
        help="PATHS are the files a change touched: report only findings in them, checked "
             "against the whole graph (kept in a cache, $KG_CACHE_DIR or ~/.cache/tcdkg, "
             "and brought up to date file by file); paths that no longer exist are skipped."),
    shapes: Path | None = typer.Option(None, "--shapes", help="Folder of SHACL shapes "
                                                              "(default: the shipped shapes/)."),
    checks: Path | None = typer.Option(None, "--checks", help="Folder of check queries "
                                                              "(default: queries/checks/)."),
    quiet: bool = QUIET_OPTION,
) -> None:
    """Check YAML, record schema, references, SHACL shapes and cross-record rules.

    Exit 0 when there are no errors, 1 when there are, 2 when the check could not run.
    """
    from kg.lifetime import hold
    from kg.pipeline import compile_data, paused_gc
    from kg.progress import progress, set_quiet
    from kg.validation import validate as run_validation

    set_quiet(quiet)
    only = _selected(paths or [], changed_only)
    with progress(f"validating {data.as_posix()}/"):
        if changed_only and only is not None:  # against a cached graph, re-read file by file
            from kg.validation.incremental import validate_changed

            report = validate_changed(data, only, shapes_dir=shapes, checks_dir=checks)
        else:
            with paused_gc():  # to the end: its first collection would walk every quad (1 s at 1M)
                compiled = compile_data(data, ordered=False, with_store=True)
                hold("graph", compiled)
                report = run_validation(compiled, only=only, shapes_dir=shapes,
                                        checks_dir=checks, hold_store=True)
    output = render(report, fmt)
    if output:
        typer.echo(output)
    raise typer.Exit(report.exit_code())


def _selected(paths: list[Path], changed_only: bool) -> set[str] | None:
    """Fact-file paths (as findings print them) to report on; None means all."""
    if not paths and not changed_only:
        return None
    selected: set[str] = set()
    for path in paths:
        if path.is_dir():
            selected.update(relpath(p) for p in path.rglob("*") if p.is_file())
        elif path.is_file() or changed_only:
            selected.add(relpath(path))
        else:
            raise UsageError(f"'{path}' does not exist; pass fact files or folders to report on")
    return selected
