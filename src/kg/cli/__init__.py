"""The `kg` command line: thin typer commands over the library, one module per area."""

from kg.cli.app import app
from kg.cli import build as _build  # noqa: F401  (registers commands)

__all__ = ["app"]


def main() -> None:  # pragma: no cover
    app()
