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

    def __init__(self, project: Path | None, verbose: bool = False):
        self.project = project
        self.verbose = verbose
        """``leaflets -v``: list every message behind a summary, and log the tool's steps and timings."""

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
@click.option("-v", "--verbose", is_flag=True,
              help="List every message behind the summaries, and log the tool's steps with their timings.")
@click.pass_context
def cli(ctx, project, verbose):
    """Build patient leaflets (PDF) from YAML content, gettext catalogs and print CSS."""
    # Libraries (WeasyPrint logs each step of each render at INFO) keep to warnings; the tool's own steps show.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger(__package__.rpartition(".")[0]).setLevel(logging.INFO if verbose else logging.WARNING)
    ctx.obj = Context(project, verbose)


def verbose_option(command):
    """Add ``-v/--verbose`` to a command, as well as before it (``leaflets check -v`` = ``leaflets -v check``)."""
    def turn_on(ctx, param, value):
        if value:
            ctx.find_object(Context).verbose = True
            logging.getLogger(__package__.rpartition(".")[0]).setLevel(logging.INFO)
        return value

    return click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=turn_on,
                        help="List every message behind the summaries, and log the steps with their timings.")(command)
