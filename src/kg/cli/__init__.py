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

__all__ = ["app"]
