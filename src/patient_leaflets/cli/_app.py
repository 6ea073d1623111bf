"""The command group every ``leaflets`` command joins, and what each command gets (its context)."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from .._version import __version__
from ..config import load_config
from ..errors import LeafletError


class Context:
    """What every command gets: the project folder, and its settings read when a command asks for them."""

    def __init__(self, project: Path | None):
        self.project = project

    @property
    def config(self):
        """The project settings, read again at each use (``init`` adds a locale)."""
        return load_config(self.project)


def _fail(exc: LeafletError) -> None:
    click.echo(f"Error: {exc}", err=True)
    raise SystemExit(1)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LeafletError as exc:
            _fail(exc)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="leaflets")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder (default: the nearest folder with a configured pyproject.toml).")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens, including timings.")
@click.pass_context
def cli(ctx, project, verbose):
    """Build patient leaflets (PDF) from YAML content, gettext catalogs and print CSS."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    ctx.obj = Context(project)
