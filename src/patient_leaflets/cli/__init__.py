"""The ``leaflets`` command: a thin layer over the library, one command per library function.

Each command lives in its own module of this package and joins the group defined in ``_app``; importing the
package registers them all.
"""

from __future__ import annotations

from . import approval, build, catalogs, check, site  # noqa: F401  (registers the commands)
from ._app import Context, cli

__all__ = ["Context", "cli", "main"]


def main() -> None:
    """Run the command line."""
    cli(prog_name="leaflets")
