"""The ``leaflets`` command: a thin layer over the library, one command per library function."""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from pathlib import Path

import click

from . import __version__
from .config import load_config
from .errors import LeafletError


class Context:
    def __init__(self, project: Path | None):
        self.project = project

    @property
    def config(self):
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


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Build only this language (repeatable).")
@click.option("--leaflet", "leaflets", multiple=True, help="Build only this leaflet id (repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Parallel workers (default: one per core).")
@click.option("--force", is_flag=True, help="Rebuild even the PDFs that are up to date.")
@click.option("--strict", is_flag=True,
              help="Refuse drafts: unapproved content, untranslated or fuzzy messages. Use it before publishing.")
@click.option("--html", is_flag=True, help="Keep the HTML handed to WeasyPrint beside each PDF, for debugging.")
@click.pass_obj
def build(obj, locales, leaflets, jobs, force, strict, html):
    """Build output/<locale>/<leaflet>.pdf for every leaflet and language."""
    from .build import build as run_build
    from .progress import closing_lines, interrupted_line, make_display

    config = obj.config
    display = make_display()
    try:
        with _sigterm_as_interrupt():
            report = run_build(config, list(locales) or None, list(leaflets) or None, jobs, force, strict, html,
                               listener=display)
    except KeyboardInterrupt:
        display.close()
        click.echo(interrupted_line(display), err=True)
        raise SystemExit(130) from None
    finally:
        display.close()
    for line in closing_lines(report):
        click.echo(line)
    if report.failed:
        raise SystemExit(1)


@contextlib.contextmanager
def _sigterm_as_interrupt():
    """Let ``kill`` stop a build as Ctrl-C does, cleanly (only the main thread can catch signals)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@cli.command()
@click.pass_obj
def check(obj):
    """Check leaflets and catalogs: content, review dates, unsafe or missing translations."""
    from .checks import check_project

    report = check_project(obj.config)
    for problem in report.errors:
        click.echo(f"error: {problem}", err=True)
    for problem in report.warnings:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s).")
    if report.errors:
        raise SystemExit(1)


@cli.command()
@click.pass_obj
def extract(obj):
    """Extract messages from leaflets and templates into translations/leaflets.pot."""
    from .catalogs import write_template

    config = obj.config
    changed = write_template(config)
    path = config.pot_path.relative_to(config.root)
    click.echo(f"wrote {path}" if changed else f"{path} is up to date")


@cli.command()
@click.argument("locale")
@click.option("--force", is_flag=True, help="Overwrite an existing catalog (its translations are lost).")
@click.pass_obj
def init(obj, locale, force):
    """Start the catalog of a new language from the template."""
    from .catalogs import init_catalog

    config = obj.config
    path = init_catalog(config, locale, force)
    click.echo(f"created {path.relative_to(config.root)}; add '{locale}' to locales in [tool.patient-leaflets]"
               if locale not in config.locales else f"created {path.relative_to(config.root)}")


@cli.command()
@click.option("-l", "--locale", "locales", multiple=True, help="Update only this language (repeatable).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a catalog is out of date (for CI).")
@click.pass_obj
def update(obj, locales, check):
    """Merge the template into each catalog: new messages, fuzzy matches, obsolete ones kept."""
    from .catalogs import update_catalogs

    config = obj.config
    changed = update_catalogs(config, list(locales) or None, check)
    for path in changed:
        click.echo(f"{'out of date' if check else 'updated'}: {path.relative_to(config.root)}")
    if not changed:
        click.echo("catalogs are up to date")
    if check and changed:
        click.echo("Run 'leaflets extract' and 'leaflets update', then commit the catalogs.", err=True)
        raise SystemExit(1)


@cli.command()
@click.pass_obj
def stats(obj):
    """Show how much of each language is translated (fuzzy messages do not count as translated)."""
    from .catalogs import catalog_stats

    click.echo(f"{'locale':<8} {'translated':>10} {'fuzzy':>6} {'missing':>8} {'done':>6}")
    for row in catalog_stats(obj.config):
        click.echo(f"{row.locale:<8} {row.translated:>10} {row.fuzzy:>6} {row.untranslated:>8} {row.percent:>5.0f}%")


def _indent(text: str, width: int = 2) -> str:
    return "\n".join(" " * width + line for line in text.splitlines())


def main() -> None:
    """Run the command line."""
    cli(prog_name="leaflets")
