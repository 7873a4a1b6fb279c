"""The `kg` command line: thin typer commands over the library, one module per area.

Every module in this package registers its commands on `kg.cli.app.app` when imported;
all of them are imported here, so a new area needs only a new module.
"""

import importlib
import pkgutil

from kg.cli.app import app

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module != "app":
        importlib.import_module(f"{__name__}.{_module}")



def main() -> None:
    """The `kg` command: the app, then a quick exit that skips freeing a held graph."""
    from kg.lifetime import run_then_exit

    run_then_exit(app)


__all__ = ["app", "main"]
